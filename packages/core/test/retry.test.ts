import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  backoffDelay,
  decideRetry,
  InternalServerError,
  isPreConnectError,
  type OperationDescriptor,
  parseRetryAfter,
  RateLimitError,
  RETRY_AFTER_CEILING_MS,
} from "../src/index.js";
import {
  type Call,
  dropped,
  hanging,
  json,
  makeClient,
  prng,
  type Reply,
  refused,
  rejection,
  settle,
  stubFetch,
} from "./helpers.js";

const NOW = Date.parse("2026-11-25T12:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    [{ "retry-after-ms": "1500" }, 1500],
    [{ "retry-after-ms": "0" }, 0],
    [{ "retry-after-ms": "12.5" }, 12.5],
    [{ "retry-after-ms": "soon", "retry-after": "2" }, 2000],
    [{ "retry-after-ms": "250", "retry-after": "10" }, 250],
    [{ "retry-after": "3" }, 3000],
    [{ "retry-after": " 0 " }, 0],
    [{ "retry-after": "1.5" }, 1500],
    [{ "retry-after": "Wed, 25 Nov 2026 12:00:30 GMT" }, 30_000],
    [{ "retry-after": "Wed, 25 Nov 2026 11:59:00 GMT" }, 0],
    [{ "retry-after": "-5" }, undefined],
    [{ "retry-after": "" }, undefined],
    [{ "retry-after": "later" }, undefined],
    [{ "retry-after": "1e3" }, undefined],
    [{}, undefined],
  ])("%j -> %s ms", (headers, ms) => {
    expect(parseRetryAfter(new Headers(headers), NOW)).toBe(ms);
  });

  it("property: never throws and never returns a negative or non-number delay", () => {
    const random = prng(7);
    const pieces = [
      "1",
      "0",
      "-",
      ".",
      " ",
      "e",
      "GMT",
      "Wed,",
      "25 Nov 2026",
      "12:00:00",
      "x",
      "99999999999",
      "NaN",
    ];
    for (let run = 0; run < 3_000; run++) {
      let value = "";
      for (let i = Math.floor(random() * 5); i >= 0; i--)
        value += pieces[Math.floor(random() * pieces.length)];
      for (const name of ["retry-after", "retry-after-ms"]) {
        const ms = parseRetryAfter(new Headers({ [name]: value }), NOW);
        if (ms !== undefined) expect(Number.isFinite(ms) && ms >= 0, `${name}: ${value}`).toBe(true);
      }
    }
  });
});

describe("backoffDelay", () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [10, 8000],
  ])("retry %i waits at most %i ms and at least 75 %% of it", (retry, max) => {
    expect(backoffDelay(retry, () => 0)).toBe(max);
    expect(backoffDelay(retry, () => 0.999999)).toBeCloseTo(max * 0.75, 0);
  });

  it("property: always within [375 ms, 8 s]", () => {
    const random = prng(3);
    for (let i = 0; i < 5_000; i++) {
      const delay = backoffDelay(Math.floor(random() * 40), random);
      expect(delay).toBeGreaterThanOrEqual(375);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});

describe("decideRetry", () => {
  const h = (headers: Record<string, string> = {}) => new Headers(headers);
  const withAfter = h({ "retry-after": "1" });
  it.each([
    // outcome, idempotent, retry?
    [{ failure: "refused" }, true, true],
    [{ failure: "refused" }, false, true],
    [{ failure: "timeout" }, true, true],
    [{ failure: "timeout" }, false, false],
    [{ failure: "dropped" }, true, true],
    [{ failure: "dropped" }, false, false],
    [{ status: 408, headers: h() }, true, true],
    [{ status: 408, headers: h() }, false, false],
    [{ status: 429, headers: h() }, true, true],
    [{ status: 429, headers: h() }, false, false],
    [{ status: 429, headers: withAfter }, false, true],
    [{ status: 503, headers: withAfter }, false, true],
    [{ status: 503, headers: h({ "retry-after-ms": "10" }) }, false, true],
    [{ status: 502, headers: withAfter }, false, false],
    [{ status: 500, headers: h() }, true, true],
    [{ status: 500, headers: h() }, false, false],
    [{ status: 504, headers: h() }, true, true],
    [{ status: 400, headers: h() }, true, false],
    [{ status: 404, headers: h() }, true, false],
    [{ status: 409, headers: h() }, true, false],
    [{ status: 422, headers: h() }, true, false],
    [{ status: 500, headers: h({ "x-should-retry": "false" }) }, true, false],
    [{ status: 400, headers: h({ "x-should-retry": "true" }) }, true, true],
    [{ status: 500, headers: h({ "x-should-retry": "true" }) }, false, true],
    [{ status: 429, headers: h({ "retry-after": "61" }) }, true, false],
    [{ status: 429, headers: h({ "retry-after": "60" }) }, true, true],
    [{ status: 503, headers: h({ "retry-after": "3600" }) }, false, false],
  ] as const)("%j idempotent=%s -> retry=%s", (outcome, idempotent, retry) => {
    expect(decideRetry(outcome, idempotent, 2, 0, NOW).retry).toBe(retry);
  });

  it("no retries left means no retry, whatever the outcome", () => {
    expect(decideRetry({ failure: "refused" }, true, 0, 2, NOW)).toMatchObject({
      retry: false,
      reason: "no retries left",
    });
  });

  it("uses the server's delay when it gives one, else backoff", () => {
    expect(decideRetry({ status: 429, headers: h({ "retry-after": "7" }) }, true, 1, 0, NOW).delay).toBe(
      7_000,
    );
    expect(decideRetry({ status: 503, headers: h({ "retry-after-ms": "120" }) }, true, 1, 0, NOW).delay).toBe(
      120,
    );
    const delay = decideRetry({ status: 500, headers: h() }, true, 1, 1, NOW).delay;
    expect(delay).toBeGreaterThanOrEqual(750);
    expect(delay).toBeLessThanOrEqual(1000);
    expect(RETRY_AFTER_CEILING_MS).toBe(60_000);
  });

  it("property: never waits past the ceiling", () => {
    const random = prng(11);
    for (let i = 0; i < 2_000; i++) {
      const seconds = String(Math.floor(random() * 200));
      const d = decideRetry(
        { status: 429, headers: h({ "retry-after": seconds }) },
        random() < 0.5,
        2,
        0,
        NOW,
      );
      expect(d.delay).toBeLessThanOrEqual(RETRY_AFTER_CEILING_MS);
    }
  });
});

describe("isPreConnectError", () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    ["ECONNREFUSED", refused(), true],
    ["ENOTFOUND", new TypeError("fetch failed", { cause: coded("ENOTFOUND") }), true],
    ["connect timeout", new TypeError("fetch failed", { cause: coded("UND_ERR_CONNECT_TIMEOUT") }), true],
    [
      "happy eyeballs, all refused",
      new TypeError("fetch failed", {
        cause: new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]),
      }),
      true,
    ],
    [
      "happy eyeballs, one reset",
      new TypeError("fetch failed", {
        cause: new AggregateError([coded("ECONNREFUSED"), coded("ECONNRESET")]),
      }),
      false,
    ],
    ["socket closed", dropped(), false],
    ["ECONNRESET", new TypeError("fetch failed", { cause: coded("ECONNRESET") }), false],
    ["no code at all", new TypeError("Failed to fetch"), false],
    ["not an error", "boom", false],
  ])("%s -> %s", (_, error, expected) => {
    expect(isPreConnectError(error)).toBe(expected);
  });
});

describe("retry loop", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const ops: Record<string, OperationDescriptor> = {
    GET: { method: "GET", path: "/x" },
    PUT: { method: "PUT", path: "/x" },
    DELETE: { method: "DELETE", path: "/x" },
    POST: { method: "POST", path: "/x" },
    PATCH: { method: "PATCH", path: "/x" },
    "POST idempotent": { method: "POST", path: "/x", idempotent: true },
    "GET not idempotent": { method: "GET", path: "/x", idempotent: false },
  };
  const ok = () => json({ ok: true });
  const outcomes: Record<string, () => Reply> = {
    "500": () => json({ message: "boom" }, 500),
    "503 + Retry-After": () => json({}, 503, { "retry-after": "1" }),
    "429": () => json({}, 429),
    "429 + retry-after-ms": () => json({}, 429, { "retry-after-ms": "5" }),
    "408": () => json({}, 408),
    "400": () => json({}, 400),
    refused: () => refused(),
    dropped: () => dropped(),
    "mid-body drop": () => midBodyDrop(),
  };
  const table: [string, string, number][] = [
    ["GET", "500", 3],
    ["PUT", "500", 3],
    ["DELETE", "500", 3],
    ["POST", "500", 1],
    ["PATCH", "500", 1],
    ["POST idempotent", "500", 3],
    ["GET not idempotent", "500", 1],
    ["GET", "408", 3],
    ["POST", "408", 1],
    ["GET", "429", 3],
    ["POST", "429", 1],
    ["POST", "429 + retry-after-ms", 3],
    ["PATCH", "503 + Retry-After", 3],
    ["GET", "400", 1],
    ["GET", "refused", 3],
    ["POST", "refused", 3],
    ["GET", "dropped", 3],
    ["POST", "dropped", 1],
    ["PATCH", "dropped", 1],
    ["GET", "mid-body drop", 3],
    ["POST", "mid-body drop", 1],
  ];
  it.each(table)("%s after %s -> %i fetch calls (maxRetries 2)", async (op, outcome, calls) => {
    const stub = stubFetch(outcomes[outcome]!(), outcomes[outcome]!(), outcomes[outcome]!(), ok());
    const { error } = await settle(makeClient(stub.fetch).request(ops[op]!, {}));
    expect(stub.calls).toHaveLength(calls);
    expect(error).toBeDefined();
  });

  it("succeeds when a retry does", async () => {
    const stub = stubFetch(json({}, 502), refused(), ok());
    const { value } = await settle(makeClient(stub.fetch).request<{ ok: boolean }>(ops.GET!, {}));
    expect(value).toEqual({ ok: true });
    expect(stub.calls).toHaveLength(3);
  });

  it("waits what the server asks, then backs off exponentially", async () => {
    const times: number[] = [];
    const stamp = (reply: () => Response) => () => {
      times.push(Date.now());
      return reply();
    };
    const stub = stubFetch(
      stamp(() => json({}, 429, { "retry-after": "3" })),
      stamp(() => json({}, 500)),
      stamp(() => json({}, 500)),
      stamp(() => ok()),
    );
    await settle(makeClient(stub.fetch, { maxRetries: 3 }).request(ops.GET!, {}));
    const waits = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(waits[0]).toBe(3000);
    expect(waits[1]).toBeGreaterThanOrEqual(750);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    expect(waits[2]).toBeGreaterThanOrEqual(1500);
    expect(waits[2]).toBeLessThanOrEqual(2000);
  });

  it("fails at once when Retry-After is past the ceiling", async () => {
    const stub = stubFetch(json({}, 429, { "retry-after": "3600" }), ok());
    const error = await rejection(makeClient(stub.fetch).request(ops.GET!, {}));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(stub.calls).toHaveLength(1);
  });

  it("honours x-should-retry both ways", async () => {
    const never = stubFetch(json({}, 503, { "x-should-retry": "false" }), ok());
    await settle(makeClient(never.fetch).request(ops.GET!, {}));
    expect(never.calls).toHaveLength(1);
    const always = stubFetch(json({}, 409, { "x-should-retry": "true" }), ok());
    expect((await settle(makeClient(always.fetch).request(ops.POST!, {}))).value).toEqual({ ok: true });
    expect(always.calls).toHaveLength(2);
  });

  it("per-request maxRetries overrides the client's", async () => {
    const stub = stubFetch(json({}, 500));
    await settle(makeClient(stub.fetch, { maxRetries: 5 }).request(ops.GET!, {}, { maxRetries: 1 }));
    expect(stub.calls).toHaveLength(2);
    const none = stubFetch(json({}, 500));
    const error = await rejection(makeClient(none.fetch, { maxRetries: 0 }).request(ops.GET!, {}));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(none.calls).toHaveLength(1);
  });

  it("connection errors become APIConnectionError with the cause kept", async () => {
    const stub = stubFetch(refused());
    const error = await rejection(makeClient(stub.fetch, { maxRetries: 0 }).request(ops.GET!, {}));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("GET /x: connection refused (fetch failed: connect ECONNREFUSED 127.0.0.1:1)");
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it("a fetch that throws synchronously is a connection error, not a crash", async () => {
    const fetch = (() => {
      throw new TypeError("Invalid URL");
    }) as unknown as typeof globalThis.fetch;
    const error = await rejection(makeClient(fetch, { maxRetries: 0 }).request(ops.GET!, {}));
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe("timeouts and aborts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("times out each attempt (default 60 s) and retries a GET", async () => {
    const stub = stubFetch(hanging());
    const started = Date.now();
    const error = await rejection(makeClient(stub.fetch).request({ method: "GET", path: "/slow" }, {}));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("GET /slow: timed out after 60000 ms");
    expect(stub.calls).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180_000);
    expect(stub.calls.every((c) => c.signal?.aborted)).toBe(true);
  });

  it("never retries a POST after a timeout", async () => {
    const stub = stubFetch(hanging());
    const error = await rejection(
      makeClient(stub.fetch, { timeout: 1_000 }).request({ method: "POST", path: "/sso" }, { body: {} }),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(stub.calls).toHaveLength(1);
  });

  it("times out a fetch that ignores its signal", async () => {
    const stub = stubFetch(() => new Promise<Response>(() => {}));
    const error = await rejection(
      makeClient(stub.fetch, { maxRetries: 0 }).request({ method: "GET", path: "/x" }, {}, { timeout: 50 }),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("times out a body that stops arriving", async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"a":')) }), {
        headers: { "content-type": "application/json" },
      });
    const stub = stubFetch(stalled);
    const error = await rejection(
      makeClient(stub.fetch, { timeout: 100 }).request({ method: "POST", path: "/x" }, {}),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(stub.calls).toHaveLength(1);
  });

  it("a caller abort is an APIUserAbortError and is never retried", async () => {
    const controller = new AbortController();
    const stub = stubFetch(hanging());
    const promise = makeClient(stub.fetch).request(
      { method: "GET", path: "/x" },
      {},
      { signal: controller.signal },
    );
    const settled = promise.then(undefined, (e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const error = await settled;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toBe("GET /x: aborted by the caller");
    expect(stub.calls).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const stub = stubFetch(json({}));
    const error = await rejection(
      makeClient(stub.fetch).request({ method: "GET", path: "/x" }, {}, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(stub.calls).toHaveLength(0);
  });

  it("an abort during the backoff wait stops the retries", async () => {
    const controller = new AbortController();
    const stub = stubFetch(json({}, 503));
    const promise = makeClient(stub.fetch).request(
      { method: "GET", path: "/x" },
      {},
      { signal: controller.signal },
    );
    const settled = promise.then(undefined, (e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await settled;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(stub.calls).toHaveLength(1);
  });
});

/** A 200 whose body is cut off mid-stream, the way undici reports a dropped socket. */
function midBodyDrop(): (call: Call) => Response {
  return () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          controller.error(
            new TypeError("terminated", {
              cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
            }),
          );
        },
      }),
      { headers: { "content-type": "application/json" } },
    );
}
