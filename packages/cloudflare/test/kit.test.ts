/**
 * The shared fake-server kit (`@sso/core/testing`), exercised through the Cloudflare fake: fault injection,
 * the recorder and `onExchange`, bounds, `close()`, and the contract checker catching a drifted response.
 */
import { raw } from "@sso/conformance";
import { type Exchange, MAX_FAULT_RULES } from "@sso/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CloudflareFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: CloudflareFakeServer;
const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token: fake.apiToken, ...options });
const list = () => `/accounts/${fake.accountId}/sso_connectors`;

beforeAll(async () => {
  fake = await startCheckedFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.clear();
});

describe("faults", () => {
  it("failNext answers N requests with the status, Retry-After and the provider's envelope, then recovers", async () => {
    fake.faults.failNext(2, { status: 503, retryAfter: 2, retryAfterMs: 2000 });
    const first = await call("GET", list());
    const second = await call("GET", list());
    const third = await call("GET", list());
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.headers.get("retry-after-ms")).toBe("2000");
    expect(first.body).toEqual({
      success: false,
      errors: [{ code: 1000, message: "Service Unavailable" }],
      messages: [],
      result: null,
    });
    expect(fake.faults.pending).toBe(0);
  });

  it("failNext does not act: a failed create makes no connector", async () => {
    const before = fake.connectors().length;
    fake.faults.failNext(1, { status: 429, retryAfter: 1 });
    const res = await call("POST", list(), { body: { email_domain: "ratelimited.example" } });
    expect(res.status).toBe(429);
    expect(fake.connectors()).toHaveLength(before);
  });

  it("matches rules by method and path, leaving other requests alone", async () => {
    fake.faults.failNext(1, { status: 500, match: { method: "POST", path: /\/sso_connectors$/ } });
    expect((await call("GET", list())).status).toBe(200);
    expect((await call("POST", list(), { body: { email_domain: "match.example" } })).status).toBe(500);
    expect((await call("POST", list(), { body: { email_domain: "match.example" } })).status).toBe(200);
  });

  it("adds latency to every request, and delays the next one more", async () => {
    fake.faults.latency(60);
    let started = performance.now();
    await call("GET", list());
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    fake.faults.latency(0).delayNext(120);
    started = performance.now();
    await call("GET", list());
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(fake.faults.pending).toBe(0); // the one-off delay was consumed: the next request is not delayed
  });

  it("drops the connection before acting: the client gets a network error and nothing changes", async () => {
    const before = fake.connectors().length;
    fake.faults.dropNext({ when: "before" });
    await expect(call("POST", list(), { body: { email_domain: "drop-before.example" } })).rejects.toThrow(
      TypeError,
    );
    expect(fake.connectors()).toHaveLength(before);
    expect(fake.exchanges.at(-1)).toMatchObject({
      dropped: true,
      fault: { kind: "drop-before", synthetic: true },
    });
    expect(fake.exchanges.at(-1)?.response).toBeUndefined();
  });

  it("drops the connection after acting: the client gets a network error but the connector exists", async () => {
    fake.faults.dropNext({ when: "after" });
    await expect(call("POST", list(), { body: { email_domain: "drop-after.example" } })).rejects.toThrow(
      TypeError,
    );
    expect(fake.connectors().filter((c) => c.email_domain === "drop-after.example")).toHaveLength(1);
    expect(fake.exchanges.at(-1)).toMatchObject({ dropped: true, response: { status: 200 } });
  });

  it("answers with an HTML error page, as a proxy would", async () => {
    fake.faults.htmlNext({ status: 502 });
    const res = await call("GET", list());
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("<title>502 Bad Gateway</title>");
  });

  it("truncates the JSON body after acting", async () => {
    fake.faults.truncateNext();
    const res = await call("POST", list(), { body: { email_domain: "truncated.example" } });
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
    expect(fake.connectors().some((c) => c.email_domain === "truncated.example")).toBe(true);
  });

  it("bounds the fault queue and validates arguments", () => {
    for (let i = 0; i < MAX_FAULT_RULES; i++) fake.faults.failNext();
    expect(() => fake.faults.failNext()).toThrow(RangeError);
    fake.faults.clear();
    expect(() => fake.faults.failNext(0)).toThrow(RangeError);
    expect(() => fake.faults.failNext(1, { status: 200 })).toThrow(RangeError);
    expect(() => fake.faults.latency(-1)).toThrow(RangeError);
  });
});

describe("the contract checker", () => {
  it("catches a response that drifted from the spec (tampered id and enabled)", async () => {
    fake.faults.tamperNext((reply) => ({
      ...reply,
      body: { ...(reply.body as object), result: [{ id: "not-32-chars", enabled: "yes" }] },
    }));
    const res = await call("GET", list());
    expect(res.status).toBe(200);
    const violations = contract.take();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      side: "response",
      status: 200,
      operation: "GET /accounts/{account_id}/sso_connectors (get-all-sso-connectors)",
    });
    expect(violations[0]?.problems).toEqual(
      expect.arrayContaining([
        "body/result/0/id must NOT have fewer than 32 characters",
        "body/result/0/enabled must be boolean",
      ]),
    );
  });

  it("catches a status the spec does not declare", async () => {
    fake.faults.tamperNext((reply) => ({ ...reply, status: 201 }));
    await call("POST", list(), { body: { email_domain: "created.example" } });
    const [violation] = contract.take();
    expect(violation?.problems[0]).toBe("status 201 is not declared (declared: 200, 4XX)");
  });

  it("catches a request that breaks the spec", async () => {
    await call("POST", list(), { body: { email_domain: "x.example", begin_verification: "yes" } });
    const [violation] = contract.take();
    expect(violation).toMatchObject({
      side: "request",
      problems: ["body/begin_verification must be boolean"],
    });
  });

  it("catches a request to a path the spec does not have", async () => {
    const res = await call("GET", `/accounts/${fake.accountId}/members`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].code).toBe(7003);
    expect(contract.take()).toEqual([expect.objectContaining({ side: "route" })]);
  });
});

describe("recorder and onExchange", () => {
  it("tells onExchange about an exchange before the client sees the response", async () => {
    const seen: Exchange[] = [];
    const spy = await startCheckedFake({ onExchange: (e) => seen.push(e) });
    try {
      await raw(spy.baseURL, "POST", `/accounts/${spy.accountId}/sso_connectors`, {
        token: spy.apiToken,
        body: { email_domain: "spy.example" },
        headers: { "x-test": "1" },
      });
      expect(seen).toHaveLength(1);
      const [exchange] = seen;
      expect(exchange).toMatchObject({
        seq: 1,
        server: "cloudflare",
        route: "/accounts/{account_id}/sso_connectors",
        dropped: false,
        request: {
          method: "POST",
          path: `/accounts/${spy.accountId}/sso_connectors`,
          body: { email_domain: "spy.example" },
        },
        response: { status: 200 },
      });
      expect(exchange?.request.rawUrl).toBe(`/client/v4/accounts/${spy.accountId}/sso_connectors`);
      expect(exchange?.request.headers["x-test"]).toBe("1");
      expect(exchange?.response?.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(spy.exchanges).toEqual(seen);
    } finally {
      await spy.close();
    }
  });

  it("keeps at most recordLimit exchanges", async () => {
    const small = await startCheckedFake({ recordLimit: 3 });
    try {
      for (let i = 0; i < 5; i++)
        await raw(small.baseURL, "GET", `/accounts/${small.accountId}/sso_connectors`, {
          token: small.apiToken,
        });
      expect(small.exchanges.map((e) => e.seq)).toEqual([3, 4, 5]);
      small.clearExchanges();
      expect(small.exchanges).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it("answers 413 to a body over maxBodyBytes without acting", async () => {
    const tiny = await startCheckedFake({ maxBodyBytes: 64 });
    try {
      const res = await raw(tiny.baseURL, "POST", `/accounts/${tiny.accountId}/sso_connectors`, {
        token: tiny.apiToken,
        body: { email_domain: `${"a".repeat(100)}.example` },
      });
      expect(contract.take()).toEqual([]);
      expect(res.status).toBe(413);
      expect(tiny.connectors()).toEqual([]);
    } finally {
      await tiny.close();
    }
  });
});

describe("load", () => {
  it("answers 200 concurrent requests (creates and lists) consistently, on 127.0.0.1 only", async () => {
    const loaded = await startCheckedFake({ recordLimit: 50 });
    try {
      const path = `/accounts/${loaded.accountId}/sso_connectors`;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          i % 2 === 0
            ? raw(loaded.baseURL, "POST", path, {
                token: loaded.apiToken,
                body: { email_domain: `load-${i}.example` },
              })
            : raw(loaded.baseURL, "GET", path, { token: loaded.apiToken }),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(loaded.connectors()).toHaveLength(100);
      expect(new Set(loaded.connectors().map((c) => c.id)).size).toBe(100);
      expect(loaded.exchanges).toHaveLength(50);
    } finally {
      await loaded.close();
    }
  });
});

describe("close()", () => {
  it("closes idle keep-alive sockets and in-flight delayed requests, and is idempotent", async () => {
    const closing = await startCheckedFake();
    const url = `/accounts/${closing.accountId}/sso_connectors`;
    await raw(closing.baseURL, "GET", url, { token: closing.apiToken }); // leaves a keep-alive socket open
    closing.faults.delayNext(30_000);
    const pending = raw(closing.baseURL, "GET", url, { token: closing.apiToken });
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await Promise.all([closing.close(), closing.close()]);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(pending).rejects.toThrow(TypeError);
    await expect(raw(closing.baseURL, "GET", url, { token: closing.apiToken })).rejects.toThrow(TypeError);
  });

  it("works unbound: afterAll(fake.close) and destructured helpers", async () => {
    const handle = await startCheckedFake();
    const { close, connectors, addAccount, clearExchanges } = handle;
    const other = addAccount();
    expect(connectors(other)).toEqual([]);
    clearExchanges();
    await close();
    await expect(raw(handle.baseURL, "GET", `/accounts/${other}/sso_connectors`)).rejects.toThrow(TypeError);
  });

  it("lists its credentials as own properties and its helpers as functions", async () => {
    const handle = await startCheckedFake();
    try {
      const values = Object.fromEntries(Object.entries(handle).filter(([, v]) => typeof v !== "function"));
      expect(values).toMatchObject({
        baseURL: handle.baseURL,
        apiToken: handle.apiToken,
        accountId: handle.accountId,
      });
      expect(JSON.parse(JSON.stringify(values)).apiToken).toBe(handle.apiToken);
    } finally {
      await handle.close();
    }
  });

  it("listens only on 127.0.0.1", async () => {
    const local = await startCheckedFake();
    try {
      expect(new URL(local.baseURL).hostname).toBe("127.0.0.1");
      expect(local.origin).toBe(`http://127.0.0.1:${local.port}`);
    } finally {
      await local.close();
    }
  });
});
