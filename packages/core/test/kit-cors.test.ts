/** CORS in the kit: preflights answered (and kept out of faults and the recorder), headers exposed, opt-out. */
import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeApp,
  type FakeHandler,
  type FakeHttpServer,
  type FakeServerOptions,
  json,
  Router,
  startFakeHttpServer,
} from "../src/testing/index.js";

function app(): FakeApp {
  const router = new Router<FakeHandler>()
    .on("GET", "/items", () => json(200, [], { "total-number": "0", link: '<x>; rel="first"' }))
    .on("POST", "/items", () => json(201, {}));
  return {
    name: "cors",
    router,
    notFound: () => json(404, { error: "no route" }),
    methodNotAllowed: () => json(405, { error: "method" }),
    errorBody: (status) => ({ error: status }),
    decorate: (reply) => ({ ...reply, headers: { ...reply.headers, "x-request-id": "r-1" } }),
    exposeHeaders: ["Total-Number-Is-Capped"],
  };
}

const servers: FakeHttpServer[] = [];
async function start(options: FakeServerOptions = {}) {
  const server = await startFakeHttpServer(app(), options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const origin = "http://app.example:5173";
const preflight = (
  server: FakeHttpServer,
  path: string,
  requestHeaders = "authorization, content-type, x-trace",
) =>
  fetch(`${server.baseURL}${path}`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": requestHeaders,
    },
  });

describe("CORS (on by default)", () => {
  it("answers a preflight with 204, the route's methods and the requested headers", async () => {
    const server = await start();
    const res = await preflight(server, "/items");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("vary")).toBe("Origin");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(", ");
    expect(allowed).toEqual(
      expect.arrayContaining(["authorization", "content-type", "x-client-request-id", "accept", "x-trace"]),
    );
    expect(res.headers.get("access-control-max-age")).toBe("600");
  });

  it("answers a preflight for an unknown path too, so the browser can see the 404 that follows", async () => {
    const server = await start();
    const res = await preflight(server, "/nowhere");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT, PATCH, DELETE, OPTIONS");
  });

  it("ignores requested header names that are not tokens", async () => {
    const server = await start();
    const res = await preflight(server, "/items", "x-ok, bad header\r");
    expect(res.headers.get("access-control-allow-headers")).not.toContain("bad");
  });

  it("keeps preflights out of the faults and the recorder", async () => {
    const server = await start();
    server.faults.failNext(1, { status: 503 });
    expect((await preflight(server, "/items")).status).toBe(204);
    expect(server.exchanges).toEqual([]);
    const res = await fetch(`${server.baseURL}/items`, { headers: { origin } });
    expect(res.status).toBe(503); // the browser's real request gets the injected fault
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(server.exchanges.map((e) => e.seq)).toEqual([1]);
  });

  it("exposes every header a response carries, the provider's list and the retry headers", async () => {
    const server = await start();
    const res = await fetch(`${server.baseURL}/items`, { headers: { origin } });
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(", ");
    expect(exposed).toEqual(
      expect.arrayContaining([
        "total-number",
        "link",
        "x-request-id",
        "total-number-is-capped",
        "retry-after",
        "retry-after-ms",
        "www-authenticate",
      ]),
    );
    expect(exposed.filter((name) => name === "link")).toHaveLength(1);
  });

  it("allows any origin when the request names none", async () => {
    const server = await start();
    const res = await fetch(`${server.baseURL}/items`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("vary")).toBeNull();
  });

  it("is on for injected faults and the 413 too", async () => {
    const server = await start({ maxBodyBytes: 4 });
    server.faults.htmlNext({ status: 502 });
    const html = await fetch(`${server.baseURL}/items`, { headers: { origin } });
    expect(html.headers.get("access-control-allow-origin")).toBe(origin);
    const big = await fetch(`${server.baseURL}/items`, {
      method: "POST",
      headers: { origin },
      body: "0123456789",
    });
    expect(big.status).toBe(413);
    expect(big.headers.get("access-control-allow-origin")).toBe(origin);
  });
});

describe("cors: false", () => {
  it("sends no CORS headers, and OPTIONS is an ordinary request to the provider", async () => {
    const server = await start({ cors: false });
    const res = await fetch(`${server.baseURL}/items`, { headers: { origin } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-expose-headers")).toBeNull();
    const options = await preflight(server, "/items");
    expect(options.status).toBe(405);
    expect(server.exchanges.at(-1)?.request.method).toBe("OPTIONS");
  });
});
