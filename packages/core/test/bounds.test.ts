/** Every call is bounded: timeouts the platform can honour, a per-call timeout that covers the token wait, no leaked listeners. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  clientCredentialsAuth,
  InvalidArgumentError,
  MAX_TIMEOUT,
} from "../src/internal.js";
import { hanging, json, makeClient, op, rejection, settle, stubFetch } from "./helpers.js";

describe("timeouts the platform timer can honour", () => {
  it.each([
    [
      2 ** 31,
      /timeout must be a number from 0 to 2147483647 \(the platform timer's range, about 24.8 days\), got 2147483648/,
    ],
    [Number.POSITIVE_INFINITY, /timeout must be a number from 0 to 2147483647 .*got Infinity/],
    [-1, /timeout must be a number from 0 to 2147483647, got -1/],
    [Number.NaN, /got NaN/],
    ["5000", /got 5000/],
  ])("timeout %s is refused at construction", (timeout, message) => {
    expect(() => makeClient(fetch, { timeout: timeout as number })).toThrow(message);
  });

  it("the largest timer value is accepted, and a per-call one is checked the same way", async () => {
    expect(makeClient(fetch, { timeout: MAX_TIMEOUT }).timeout).toBe(2_147_483_647);
    const stub = stubFetch(json({}));
    const error = await makeClient(stub.fetch)
      .request(op("GET", "/x"), {}, { timeout: 2 ** 31 })
      .then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(stub.calls).toHaveLength(0);
  });

  it.each([[-1], [1.5], [Number.NaN], [10_000]])("maxRetries %s is refused", (maxRetries) => {
    expect(() => makeClient(fetch, { maxRetries })).toThrow(/maxRetries must be an integer from 0 to 1000/);
  });

  describe("with fake timers", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it("a timeout of 2^31 - 1 ms does not fire early (an overflowing timer would fire at once)", async () => {
      const stub = stubFetch(hanging());
      const promise = makeClient(stub.fetch, { timeout: MAX_TIMEOUT, maxRetries: 0 }).request(
        op("GET", "/x"),
        {},
      );
      const settled = promise.then(undefined, (e: unknown) => e);
      await vi.advanceTimersByTimeAsync(24 * 24 * 3600 * 1000);
      expect(await Promise.race([settled, Promise.resolve("pending")])).toBe("pending");
      await vi.advanceTimersByTimeAsync(2 * 24 * 3600 * 1000);
      expect(await settled).toBeInstanceOf(APIConnectionTimeoutError);
    });
  });
});

describe("the per-call timeout covers the token request the call waits for", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const auth = () =>
    clientCredentialsAuth({
      tokenURL: "https://api.test/oidc/token",
      clientId: "app",
      clientSecret: "very-secret-42",
      clientAuthentication: "form",
    });

  it("a hanging token endpoint ends the call at its own timeout, not the client's", async () => {
    const stub = stubFetch((call) => (call.url.endsWith("/token") ? hanging()(call) : json({ ok: true })));
    const client = makeClient(stub.fetch, { timeout: 60_000 }, { auth: { token: auth() } });
    const started = Date.now();
    const error = await rejection(client.request(op("GET", "/x"), {}, { timeout: 1_000, maxRetries: 0 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("GET /x: timed out after 1000 ms waiting for the access token");
    expect(Date.now() - started).toBe(1_000);
  });

  it("a token request the call starts uses the call's timeout too", async () => {
    const stub = stubFetch((call) => (call.url.endsWith("/token") ? hanging()(call) : json({ ok: true })));
    const client = makeClient(stub.fetch, {}, { auth: { token: auth() } });
    const settled = client
      .request(op("GET", "/x"), {}, { timeout: 500, maxRetries: 0 })
      .then(undefined, (e) => e);
    await vi.advanceTimersByTimeAsync(600);
    const token = stub.calls.find((call) => call.url.endsWith("/token"));
    expect(token?.signal?.aborted).toBe(true); // its own 500 ms timer fired, not the client's 60 s
    expect(await settled).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("a timed-out wait for the token is retried even for a POST: nothing was sent", async () => {
    let tokens = 0;
    const stub = stubFetch((call) => {
      if (!call.url.endsWith("/token")) return json({ ok: true });
      return ++tokens === 1 ? hanging()(call) : json({ access_token: "at-2", expires_in: 3600 });
    });
    const client = makeClient(stub.fetch, {}, { auth: { token: auth() } });
    const { value } = await settle(client.request(op("POST", "/x"), { name: "n" }, { timeout: 1_000 }));
    expect(value).toEqual({ ok: true });
    expect(stub.calls.filter((call) => call.url.endsWith("/x"))).toHaveLength(1);
  });
});

describe("signal listeners", () => {
  it("50 calls on one signal print no MaxListenersExceededWarning and leave no listener behind", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const controller = new AbortController();
    const { signal } = controller;
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    try {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const stub = stubFetch(async () => {
        await gate;
        return json({ ok: true });
      });
      const client = makeClient(stub.fetch);
      const calls = Array.from({ length: 50 }, () => client.request(op("GET", "/x"), {}, { signal }));
      const all = Promise.all(calls);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stub.calls).toHaveLength(50);
      expect(listeners).toBeLessThanOrEqual(1);
      release();
      expect(await all).toHaveLength(50);
      await new Promise((resolve) => setTimeout(resolve, 20)); // let any late warning reach the handler
      expect(listeners).toBe(0);
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("aborting the shared signal still aborts every call on it", async () => {
    const controller = new AbortController();
    const client = makeClient(stubFetch(hanging()).fetch);
    const calls = Array.from({ length: 20 }, () =>
      client.request(op("GET", "/x"), {}, { signal: controller.signal }).then(undefined, (e: unknown) => e),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    for (const error of await Promise.all(calls)) expect(error).toBeInstanceOf(APIUserAbortError);
  });
});
