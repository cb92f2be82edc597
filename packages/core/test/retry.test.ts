import fc from "fast-check";
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
} from "../src/internal.js";
import {
  type Call,
  dropped,
  hanging,
  json,
  makeClient,
  op,
  type Reply,
  refused,
  rejection,
  settle,
  stubFetch,
} from "./helpers.js";

const NOW = Date.parse("2026-11-25T12:00:00Z");

const digit = fc.constantFrom(..."0123456789");
/** Any character a Headers value can hold: Latin-1 without NUL, CR and LF. */
const headerChar = fc
  .integer({ min: 0x01, max: 0xff })
  .filter((code) => code !== 0x0a && code !== 0x0d)
  .map((code) => String.fromCharCode(code));
/** Dates for IMF-fixdate headers, 1900 to 9999, plus many from two minutes before NOW to an hour after. */
const httpDate = fc.oneof(
  fc.date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("9999-12-31T23:59:59Z"),
    noInvalidDate: true,
  }),
  fc.integer({ min: -120_000, max: 3_600_000 }).map((offset) => new Date(NOW + offset)),
);
/** Header text: random Latin-1, numbers in every shape, fragments of dates glued together, real dates. */
const retryAfterValue = fc.oneof(
  fc.string({ unit: headerChar }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "-",
          ".",
          " ",
          "\t",
          "e",
          "E",
          "+",
          "0x",
          "NaN",
          "Infinity",
          "GMT",
          "Wed,",
          "25 Nov 2026",
          "12:00:00",
          "99999999999",
        ),
        fc.string({ unit: digit, minLength: 1, maxLength: 400 }),
        fc.nat().map(String),
        fc.double().map(String),
      ),
      { maxLength: 5 },
    )
    .map((pieces) => pieces.join("")),
  httpDate.map((date) => date.toUTCString()),
  // Hundreds of digits: Number() of these overflows to Infinity.
  fc.string({ unit: digit, minLength: 290, maxLength: 400 }),
);
/** retry-after and retry-after-ms, each present or not. */
const retryAfterHeaders = fc.record(
  { "retry-after": retryAfterValue, "retry-after-ms": retryAfterValue },
  { requiredKeys: [] },
);
/** What Math.random can return: [0, 1). */
const unitInterval = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

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

  it("property: never throws, and gives undefined or a delay that is neither NaN nor negative", () => {
    fc.assert(
      fc.property(retryAfterHeaders, (headers) => {
        const ms = parseRetryAfter(new Headers(headers), NOW);
        // Not capped here: a wait past RETRY_AFTER_CEILING_MS (even Infinity, from 300+ digits) is decideRetry's to refuse.
        if (ms !== undefined) expect(ms >= 0, JSON.stringify(headers)).toBe(true);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it("property: an HTTP date is the time left until it, to the second, and 0 once it has passed", () => {
    fc.assert(
      fc.property(httpDate, (date) => {
        const expected = Math.max(0, Math.floor(date.getTime() / 1000) * 1000 - NOW);
        expect(parseRetryAfter(new Headers({ "retry-after": date.toUTCString() }), NOW)).toBe(expected);
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it("property: any date's toUTCString, even an invalid or out-of-range one, never throws or goes negative", () => {
    fc.assert(
      fc.property(fc.date(), (date) => {
        const ms = parseRetryAfter(new Headers({ "retry-after": date.toUTCString() }), NOW);
        if (ms !== undefined) expect(ms >= 0, date.toUTCString()).toBe(true);
      }),
      { seed: 9, numRuns: 500 },
    );
  });

  it("property: numeric seconds and retry-after-ms read exactly, and a valid retry-after-ms wins", () => {
    const decimal = fc
      .tuple(fc.nat(), fc.option(fc.string({ unit: digit, minLength: 1, maxLength: 6 }), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? `${whole}` : `${whole}.${fraction}`));
    const pad = fc.constantFrom("", " ", "\t", "  ");
    fc.assert(
      fc.property(decimal, decimal, pad, pad, (seconds, ms, before, after) => {
        const retryAfter = `${before}${seconds}${after}`;
        expect(parseRetryAfter(new Headers({ "retry-after": retryAfter }), NOW)).toBe(Number(seconds) * 1000);
        expect(parseRetryAfter(new Headers({ "retry-after-ms": `${before}${ms}${after}` }), NOW)).toBe(
          Number(ms),
        );
        expect(parseRetryAfter(new Headers({ "retry-after": retryAfter, "retry-after-ms": ms }), NOW)).toBe(
          Number(ms),
        );
      }),
      { seed: 10, numRuns: 500 },
    );
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

  it("property: within [75 %, 100 %] of min(0.5 s * 2^retry, 8 s), so always within [375 ms, 8 s]", () => {
    fc.assert(
      fc.property(fc.nat(), unitInterval, (retry, r) => {
        const cap = Math.min(500 * 2 ** retry, 8_000);
        const delay = backoffDelay(retry, () => r);
        expect(delay).toBeGreaterThanOrEqual(cap * 0.75);
        expect(delay).toBeLessThanOrEqual(cap);
        expect(delay).toBeGreaterThanOrEqual(375);
        expect(delay).toBeLessThanOrEqual(8_000);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it("property: for the same jitter, a later retry never waits less", () => {
    fc.assert(
      fc.property(fc.nat(), unitInterval, (retry, r) => {
        expect(backoffDelay(retry + 1, () => r)).toBeGreaterThanOrEqual(backoffDelay(retry, () => r));
      }),
      { seed: 4, numRuns: 500 },
    );
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

  it("property: never waits past the ceiling, nor a negative time", () => {
    const outcome = fc.record({
      status: fc.oneof(fc.constantFrom(408, 429, 500, 502, 503, 504), fc.integer({ min: 100, max: 599 })),
      headers: fc
        .tuple(
          retryAfterHeaders,
          fc.option(fc.constantFrom("true", "false", "TRUE", " maybe "), { nil: undefined }),
        )
        .map(
          ([headers, hint]) =>
            new Headers(hint === undefined ? headers : { ...headers, "x-should-retry": hint }),
        ),
    });
    fc.assert(
      fc.property(
        outcome,
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.nat(),
        (o, idempotent, left, retry) => {
          const d = decideRetry(o, idempotent, left, retry, NOW);
          expect(d.delay).toBeGreaterThanOrEqual(0);
          expect(d.delay).toBeLessThanOrEqual(RETRY_AFTER_CEILING_MS);
          if (!d.retry) expect(d.delay).toBe(0);
        },
      ),
      { seed: 11, numRuns: 500 },
    );
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
    GET: op("GET", "/x"),
    PUT: op("PUT", "/x"),
    DELETE: op("DELETE", "/x"),
    POST: op("POST", "/x"),
    PATCH: op("PATCH", "/x"),
    "POST idempotent": op("POST", "/x", { idempotent: true }),
    "GET not idempotent": op("GET", "/x", { idempotent: false }),
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
    const error = await rejection(makeClient(stub.fetch).request(op("GET", "/slow"), {}));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("GET /slow: timed out after 60000 ms");
    expect(stub.calls).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180_000);
    expect(stub.calls.every((c) => c.signal?.aborted)).toBe(true);
  });

  it("never retries a POST after a timeout", async () => {
    const stub = stubFetch(hanging());
    const error = await rejection(makeClient(stub.fetch, { timeout: 1_000 }).request(op("POST", "/sso"), {}));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(stub.calls).toHaveLength(1);
  });

  it("times out a fetch that ignores its signal", async () => {
    const stub = stubFetch(() => new Promise<Response>(() => {}));
    const error = await rejection(
      makeClient(stub.fetch, { maxRetries: 0 }).request(op("GET", "/x"), {}, { timeout: 50 }),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("times out a body that stops arriving", async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"a":')) }), {
        headers: { "content-type": "application/json" },
      });
    const stub = stubFetch(stalled);
    const error = await rejection(makeClient(stub.fetch, { timeout: 100 }).request(op("POST", "/x"), {}));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(stub.calls).toHaveLength(1);
  });

  it("a caller abort is an APIUserAbortError and is never retried", async () => {
    const controller = new AbortController();
    const stub = stubFetch(hanging());
    const promise = makeClient(stub.fetch).request(op("GET", "/x"), {}, { signal: controller.signal });
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
      makeClient(stub.fetch).request(op("GET", "/x"), {}, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(stub.calls).toHaveLength(0);
  });

  it("an abort during the backoff wait stops the retries", async () => {
    const controller = new AbortController();
    const stub = stubFetch(json({}, 503));
    const promise = makeClient(stub.fetch).request(op("GET", "/x"), {}, { signal: controller.signal });
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
