/** Middleware in openapi-fetch's shape runs on every attempt, after auth, before the retry decision. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  InternalServerError,
  InvalidArgumentError,
  type Middleware,
} from "../src/internal.js";
import { dropped, json, makeClient, op, refused, rejection, settle, stubFetch, TOKEN } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const get = op("GET", "/connectors/{id}", { params: { id: "path", expand: "query" } });

/** A middleware that writes down what it sees. */
function recorder() {
  const seen: string[] = [];
  const ids = new Set<string>();
  const middleware: Middleware = {
    onRequest({ request, schemaPath, params, id }) {
      ids.add(id);
      seen.push(
        `request ${request.method} ${schemaPath} ${JSON.stringify(params)} auth=${request.headers.get("authorization")}`,
      );
    },
    onResponse({ response }) {
      seen.push(`response ${response.status}`);
    },
    onError({ error }) {
      seen.push(`error ${(error as Error).constructor.name}: ${(error as Error).message}`);
    },
  };
  return { seen, ids, middleware };
}

describe("middleware", () => {
  it("sees every attempt, retries included, with the auth header already set and one id per call", async () => {
    const { seen, ids, middleware } = recorder();
    const stub = stubFetch(json({}, 503), refused(), json({ id: "c1" }));
    const { value } = await settle(
      makeClient(stub.fetch, { middleware: [middleware] }).request(get, { id: "c1", expand: ["keys"] }),
    );
    expect(value).toEqual({ id: "c1" });
    expect(seen).toEqual([
      `request GET /connectors/{id} {"path":{"id":"c1"},"query":{"expand":["keys"]},"header":{}} auth=Bearer ${TOKEN}`,
      "response 503",
      `request GET /connectors/{id} {"path":{"id":"c1"},"query":{"expand":["keys"]},"header":{}} auth=Bearer ${TOKEN}`,
      "error APIConnectionError: GET /connectors/{id}: connection refused (fetch failed: connect ECONNREFUSED 127.0.0.1:1)",
      `request GET /connectors/{id} {"path":{"id":"c1"},"query":{"expand":["keys"]},"header":{}} auth=Bearer ${TOKEN}`,
      "response 200",
    ]);
    expect(ids.size).toBe(1);
  });

  it("runs onRequest in order and onResponse/onError in reverse, like openapi-fetch", async () => {
    const order: string[] = [];
    const named = (name: string): Middleware => ({
      onRequest: () => void order.push(`${name}.request`),
      onResponse: () => void order.push(`${name}.response`),
    });
    await makeClient(stubFetch(json({})).fetch, { middleware: [named("a"), named("b")] }).request(get, {
      id: "1",
    });
    expect(order).toEqual(["a.request", "b.request", "b.response", "a.response"]);
  });

  it("onRequest may return a new Request (sent, still bounded by the timeout and redirect rule)", async () => {
    const stub = stubFetch(json({}));
    const tag: Middleware = {
      onRequest: ({ request }) => {
        const next = new Request(request, { headers: new Headers(request.headers) });
        next.headers.set("traceparent", "00-abc-def-01");
        return next;
      },
    };
    await makeClient(stub.fetch, { middleware: [tag] }).request(get, { id: "1" });
    expect(stub.calls[0]?.headers.get("traceparent")).toBe("00-abc-def-01");
    expect(stub.calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(stub.calls[0]?.redirect).toBe("manual");
  });

  it("onRequest may return a Response: nothing is sent, and it is checked like any response", async () => {
    const stub = stubFetch(json({}));
    const cached: Middleware = { onRequest: () => json({ id: "cached" }) };
    const client = makeClient(stub.fetch, { middleware: [cached] });
    expect(await client.request(get, { id: "1" })).toEqual({ id: "cached" });
    const broken: Middleware = { onRequest: () => json({ code: "x" }, 500) };
    const error = await rejection(
      makeClient(stub.fetch, { middleware: [broken], maxRetries: 1 }).request(get, { id: "1" }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(stub.calls).toHaveLength(0);
  });

  it("onResponse may replace the response before the retry decision", async () => {
    const stub = stubFetch(json({}, 500));
    const heal: Middleware = {
      onResponse: ({ response }) => (response.status === 500 ? json({ healed: true }) : undefined),
    };
    expect(await makeClient(stub.fetch, { middleware: [heal] }).request(get, { id: "1" })).toEqual({
      healed: true,
    });
    expect(stub.calls).toHaveLength(1);
  });

  it("onError may recover with a Response, or replace the error; the retry rule still applies", async () => {
    const recover: Middleware = { onError: () => json({ offline: true }) };
    const stub = stubFetch(dropped());
    expect(await makeClient(stub.fetch, { middleware: [recover] }).request(op("POST", "/x"), {})).toEqual({
      offline: true,
    });
    class Mine extends Error {}
    const replace: Middleware = { onError: () => new Mine("mine") };
    const post = stubFetch(dropped());
    const error = await rejection(
      makeClient(post.fetch, { middleware: [replace] }).request(op("POST", "/x"), {}),
    );
    expect(error).toBeInstanceOf(Mine);
    expect(post.calls).toHaveLength(1); // a dropped POST is still not retried
    const getStub = stubFetch(dropped(), json({ ok: 1 }));
    expect(
      await settle(makeClient(getStub.fetch, { middleware: [replace] }).request(get, { id: "1" })),
    ).toEqual({
      value: { ok: 1 },
    });
  });

  it("errors it sees carry no secret", async () => {
    const { seen, middleware } = recorder();
    const leaky = Object.assign(new TypeError(`fetch failed for ${TOKEN}`), {});
    const stub = stubFetch(leaky);
    const error = await rejection(
      makeClient(stub.fetch, { middleware: [middleware], maxRetries: 0 }).request(get, { id: "1" }),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(seen.filter((line) => line.startsWith("error")).join("\n")).not.toContain(TOKEN);
    expect(seen.join("\n")).toContain("[REDACTED]");
  });

  it("a middleware's own exception rejects the call as it is", async () => {
    const boom: Middleware = {
      onRequest: () => {
        throw new RangeError("mine");
      },
    };
    const stub = stubFetch(json({}));
    const error = await rejection(makeClient(stub.fetch, { middleware: [boom] }).request(get, { id: "1" }));
    expect(error).toBeInstanceOf(RangeError);
    expect(stub.calls).toHaveLength(0);
  });

  it.each([[{}], ["nope"], [[{ onRequest: 1 }]], [[null]]])(
    "middleware %j is refused at construction",
    (middleware) => {
      expect(() => makeClient(fetch, { middleware: middleware as Middleware[] })).toThrow(
        InvalidArgumentError,
      );
    },
  );
});
