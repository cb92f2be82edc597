/**
 * The kit's server on a tiny app of its own: state committed only after the reply is ready, FakeError
 * replies, authorization, one handler at a time, body limits (size and depth), and connections under load.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeApp,
  type FakeHandler,
  type FakeHttpServer,
  type FakeServerOptions,
  json,
  jsonNestsDeeperThan,
  Router,
  refuse,
  startFakeHttpServer,
} from "../src/testing/index.js";

interface Store {
  names: Set<string>;
  commits: number;
}

function app(store: Store, extra: Partial<FakeApp> = {}): FakeApp {
  const create: FakeHandler = async (request) => {
    if (request.bodyError) refuse(json(400, { error: request.bodyError }));
    const name = (request.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== "string") refuse(json(400, { error: "name must be a string" }));
    if (store.names.has(name)) refuse(json(409, { error: "taken" }));
    await new Promise((resolve) => setTimeout(resolve, 1)); // an await between the check and the commit
    return {
      status: 201,
      body: name === "unsendable" ? { big: 1n } : { name },
      commit: () => {
        store.names.add(name);
        store.commits++;
      },
    };
  };
  const router = new Router<FakeHandler>()
    .on("POST", "/items", create)
    .on("GET", "/items", () => json(200, [...store.names]))
    .on("POST", "/token", () => json(200, { token: "t" }))
    .on("GET", "/boom", () => {
      throw new Error("a bug in the fake");
    });
  return {
    name: "kit",
    router,
    notFound: () => json(404, { error: "no route" }),
    methodNotAllowed: (_request, allow) => json(405, { error: "method", allow }),
    errorBody: (status) => ({ error: `status ${status}` }),
    authorize: (request) => {
      if (request.header("authorization") !== "Bearer ok") refuse(json(401, { error: "who are you" }));
    },
    publicRoutes: ["POST /token"],
    ...extra,
  };
}

const servers: FakeHttpServer[] = [];
async function start(store: Store, options: FakeServerOptions = {}, extra: Partial<FakeApp> = {}) {
  const server = await startFakeHttpServer(app(store, extra), options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const auth = { authorization: "Bearer ok", "content-type": "application/json" };
const post = (server: FakeHttpServer, body: string, headers: Record<string, string> = auth) =>
  fetch(`${server.baseURL}/items`, { method: "POST", headers, body });

describe("state changes", () => {
  it("commits a reply's state change once it is sent", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store);
    const res = await post(server, JSON.stringify({ name: "a" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: "a" });
    expect(store.commits).toBe(1);
  });

  it("commits nothing when the handler refuses with a FakeError, which answers with the provider's body", async () => {
    const store: Store = { names: new Set(["a"]), commits: 0 };
    const server = await start(store);
    const res = await post(server, JSON.stringify({ name: "a" }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "taken" });
    expect(store.commits).toBe(0);
    expect(server.exchanges.at(-1)?.handlerError).toBeUndefined();
  });

  it("commits nothing when the reply cannot be serialized: 500 with the provider's body, and later requests work", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store);
    const res = await post(server, JSON.stringify({ name: "unsendable" }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "status 500" });
    expect(store.names.has("unsendable")).toBe(false);
    expect(server.exchanges.at(-1)?.handlerError).toMatch(/could not be sent/);
    const list = await fetch(`${server.baseURL}/items`, { headers: auth });
    expect(list.status).toBe(200);
  });

  it("answers 500 for a handler that throws something else, and records it as a fake bug", async () => {
    const server = await start({ names: new Set(), commits: 0 });
    const res = await fetch(`${server.baseURL}/boom`, { headers: auth });
    expect(res.status).toBe(500);
    expect(server.exchanges.at(-1)?.handlerError).toMatch(/a bug in the fake/);
  });

  it("runs handlers one at a time, so 50 concurrent creates of one name make exactly one", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => post(server, JSON.stringify({ name: "same" }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(store.commits).toBe(1);
  });
});

describe("authorization", () => {
  it("refuses a guarded route without credentials, before its handler runs", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store);
    const res = await post(server, JSON.stringify({ name: "x" }), { "content-type": "application/json" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "who are you" });
    expect(store.commits).toBe(0);
  });

  it("lets public routes through, and answers unknown paths without asking for credentials", async () => {
    const server = await start({ names: new Set(), commits: 0 });
    expect((await fetch(`${server.baseURL}/token`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${server.baseURL}/nowhere`)).status).toBe(404);
    const wrongMethod = await fetch(`${server.baseURL}/items`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
  });
});

describe("request bodies", () => {
  it("spots JSON nested deeper than the limit without parsing it, strings and escapes included", () => {
    expect(jsonNestsDeeperThan("[[[]]]", 3)).toBe(false);
    expect(jsonNestsDeeperThan("[[[[]]]]", 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[[","b":"\\"{{{{"}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[{"a":[1]},{"b":[2]}]', 3)).toBe(false);
  });

  it("turns a body nested thousands of levels deep (12 KB) into a body error, not a crash", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store);
    const deep = `${"[".repeat(6000)}${"]".repeat(6000)}`;
    const res = await post(server, deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "JSON nested deeper than 64 levels" });
    expect(server.exchanges.at(-1)?.request.bodyError).toBe("JSON nested deeper than 64 levels");
    expect(store.commits).toBe(0);
  });

  it("takes maxBodyDepth from the options", async () => {
    const server = await start({ names: new Set(), commits: 0 }, { maxBodyDepth: 1 });
    const res = await post(server, JSON.stringify({ name: "x", nested: { a: 1 } }));
    expect(res.status).toBe(400);
    expect((await post(server, JSON.stringify({ name: "flat" }))).status).toBe(201);
  });

  it("answers 413 with the provider's body to a body over maxBodyBytes, without running the handler", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store, { maxBodyBytes: 32 });
    const res = await post(server, JSON.stringify({ name: "x".repeat(100) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "status 413" });
    expect(server.exchanges.at(-1)?.request.bodyTooLarge).toBe(true);
    expect(store.commits).toBe(0);
  });
});

describe("connections", () => {
  it("queues 600 concurrent connections (more than the old cap of 512): every one is answered", async () => {
    const store: Store = { names: new Set(), commits: 0 };
    const server = await start(store, { recordLimit: 10 });
    const settled = await Promise.allSettled(
      Array.from({ length: 600 }, (_, i) =>
        post(server, JSON.stringify({ name: `n${i}` })).then((r) => r.status),
      ),
    );
    const rejected = settled.filter((s) => s.status === "rejected");
    expect(rejected).toEqual([]);
    expect(settled.every((s) => s.status === "fulfilled" && s.value === 201)).toBe(true);
    expect(store.names.size).toBe(600);
  }, 180_000);
});
