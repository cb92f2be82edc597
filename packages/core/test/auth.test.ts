import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIUserAbortError,
  type AuthContext,
  AuthenticationError,
  type AuthProvider,
  BaseClient,
  bearerAuth,
  type ClientCredentialsConfig,
  clientCredentialsAuth,
  InternalServerError,
  InvalidArgumentError,
  RateLimitError,
} from "../src/internal.js";
import {
  type Call,
  captureLogger,
  op as descriptor,
  json,
  makeClient,
  rejection,
  settle,
  stubFetch,
  text,
} from "./helpers.js";

const SECRET = "cs_very_secret_value_42";
const TOKEN_URL = "https://auth.test/oidc/token";
const getOp = descriptor("GET", "/api/sso-connectors");
const postOp = descriptor("POST", "/api/sso-connectors");

const logtoAuth: ClientCredentialsConfig = {
  tokenURL: TOKEN_URL,
  clientId: "m2m-app",
  clientSecret: SECRET,
  clientAuthentication: "form",
  params: { resource: "https://default.logto.app/api", scope: "all" },
};

let issued = 0;
/** A fake of both sides: the token endpoint issues tok-1, tok-2, ... and the API accepts only the latest. */
function server(options: { expiresIn?: number | null; tokenReply?: (call: Call) => Response } = {}) {
  issued = 0;
  let valid = "";
  const tokenCalls: Call[] = [];
  const apiCalls: Call[] = [];
  const { fetch } = stubFetch((call) => {
    if (call.url === TOKEN_URL) {
      tokenCalls.push(call);
      if (options.tokenReply) return options.tokenReply(call);
      valid = `tok-${++issued}`;
      const body: Record<string, unknown> = { access_token: valid, token_type: "Bearer", scope: "all" };
      if (options.expiresIn !== null) body.expires_in = options.expiresIn ?? 3600;
      return json(body);
    }
    apiCalls.push(call);
    return call.headers.get("authorization") === `Bearer ${valid}`
      ? json([{ id: "c1" }])
      : json({ code: "auth.unauthorized", message: "Unauthorized." }, 401);
  });
  return {
    fetch,
    tokenCalls,
    apiCalls,
    revoke: () => {
      valid = "revoked";
    },
  };
}

function client(fetch: typeof globalThis.fetch, auth = clientCredentialsAuth(logtoAuth), extra = {}) {
  return new BaseClient({
    options: { baseURL: "https://api.test", fetch, ...extra },
    defaultBaseURL: "",
    auth: { token: auth },
    userAgent: "t",
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse("2026-11-25T12:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("bearerAuth", () => {
  it("sends the token and does not retry a 401", async () => {
    const stub = stubFetch(json({ message: "bad token" }, 401));
    const error = await rejection(client(stub.fetch, bearerAuth("cf-token-1234")).request(getOp, {}));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]?.headers.get("authorization")).toBe("Bearer cf-token-1234");
  });

  it("refuses an empty token at construction", () => {
    expect(() => bearerAuth("")).toThrow(InvalidArgumentError);
    expect(() => bearerAuth("  ")).toThrow(/token is empty/);
  });
});

describe("clientCredentialsAuth: the token request", () => {
  it("form: POSTs grant_type, params and the credentials as form fields, no Basic header", async () => {
    const s = server();
    await settle(client(s.fetch).request(getOp, {}));
    const call = s.tokenCalls[0]!;
    expect(call.method).toBe("POST");
    expect(call.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(call.headers.get("authorization")).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
      grant_type: "client_credentials",
      resource: "https://default.logto.app/api",
      scope: "all",
      client_id: "m2m-app",
      client_secret: SECRET,
    });
    expect(s.apiCalls[0]?.headers.get("authorization")).toBe("Bearer tok-1");
  });

  it("basic: sends HTTP Basic and no credentials in the body", async () => {
    const s = server();
    const auth = clientCredentialsAuth({
      ...logtoAuth,
      clientAuthentication: "basic",
      params: {},
      clientId: "kc_ü",
    });
    await settle(client(s.fetch, auth).request(getOp, {}));
    const call = s.tokenCalls[0]!;
    expect(call.body).toBe("grant_type=client_credentials");
    const basic = call.headers.get("authorization")?.replace(/^Basic /, "") ?? "";
    expect(new TextDecoder().decode(Uint8Array.from(atob(basic), (c) => c.charCodeAt(0)))).toBe(
      `kc_ü:${SECRET}`,
    );
  });

  it.each([
    ["clientSecret", { clientSecret: "" }],
    ["clientId", { clientId: " " }],
    ["tokenURL", { tokenURL: "" }],
  ])("refuses an empty %s", (name, patch) => {
    expect(() => clientCredentialsAuth({ ...logtoAuth, ...patch })).toThrow(new RegExp(`${name} is empty`));
  });
});

describe("clientCredentialsAuth: caching", () => {
  it.each([
    ["reuses the token well before expiry", 3600, 3_000_000, 1],
    ["refreshes inside the 60 s leeway", 3600, 3_541_000, 2],
    ["keeps it just outside the leeway", 3600, 3_539_000, 1],
    ["assumes 3600 s when expires_in is missing", null, 3_539_000, 1],
    ["refreshes a missing-expiry token after 3540 s", null, 3_541_000, 2],
    ["caps the leeway at half of a short lifetime", 30, 14_000, 1],
    ["refreshes a short token after half its life", 30, 16_000, 2],
  ] as const)("%s", async (_, expiresIn, laterMs, tokenRequests) => {
    const s = server({ expiresIn });
    const c = client(s.fetch);
    await settle(c.request(getOp, {}));
    vi.setSystemTime(Date.now() + laterMs);
    await settle(c.request(getOp, {}));
    expect(s.tokenCalls).toHaveLength(tokenRequests);
    expect(s.apiCalls).toHaveLength(2);
  });

  it("100 concurrent calls on an expired token make exactly one token request", async () => {
    const s = server();
    const c = client(s.fetch);
    const results = await settle(Promise.all(Array.from({ length: 100 }, () => c.request(getOp, {}))));
    expect(results.error).toBeUndefined();
    expect(s.tokenCalls).toHaveLength(1);
    expect(s.apiCalls).toHaveLength(100);
    vi.setSystemTime(Date.now() + 3_600_000);
    await settle(Promise.all(Array.from({ length: 100 }, () => c.request(getOp, {}))));
    expect(s.tokenCalls).toHaveLength(2);
  });

  it("a caller that aborts stops waiting without cancelling the shared token request", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const s = server();
    const slowFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === TOKEN_URL) await gate;
      return s.fetch(input, init);
    }) as typeof fetch;
    const c = client(slowFetch);
    const controller = new AbortController();
    const aborted = c.request(getOp, {}, { signal: controller.signal }).then(undefined, (e: unknown) => e);
    const patient = c.request(getOp, {}).then(undefined, (e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1);
    controller.abort();
    expect(await aborted).toBeInstanceOf(APIUserAbortError);
    release();
    expect(await patient).toEqual([{ id: "c1" }]);
    expect(s.tokenCalls).toHaveLength(1);
  });
});

describe("clientCredentialsAuth: 401", () => {
  it.each([
    ["GET", getOp],
    ["POST (a 401 means the server did not act)", postOp],
  ])("%s: forces one refresh and one retry", async (_, op) => {
    const s = server();
    const c = client(s.fetch);
    await settle(c.request(getOp, {}));
    s.revoke();
    const { value } = await settle(c.request(op, { name: "x" }));
    expect(value).toEqual([{ id: "c1" }]);
    expect(s.tokenCalls).toHaveLength(2);
    expect(s.apiCalls.map((call) => call.headers.get("authorization"))).toEqual([
      "Bearer tok-1",
      "Bearer tok-1",
      "Bearer tok-2",
    ]);
  });

  it("gives up after the one refresh when the fresh token is refused too", async () => {
    const s = server();
    const stub = stubFetch((call) =>
      call.url === TOKEN_URL
        ? s.fetch(call.url, { method: "POST", body: call.body ?? null })
        : json({ code: "auth.forbidden" }, 401),
    );
    const error = await rejection(client(stub.fetch).request(getOp, {}));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(s.tokenCalls).toHaveLength(2);
    expect(stub.calls.filter((c) => c.url !== TOKEN_URL)).toHaveLength(2);
  });

  it("concurrent 401s share one refresh", async () => {
    const s = server();
    const c = client(s.fetch);
    await settle(c.request(getOp, {}));
    s.revoke();
    await settle(Promise.all(Array.from({ length: 20 }, () => c.request(getOp, {}))));
    expect(s.tokenCalls).toHaveLength(2);
  });
});

describe("clientCredentialsAuth: token endpoint failures", () => {
  const oidcError = {
    code: "oidc.invalid_client",
    message: "An OIDC error occurred: oidc.invalid_client.",
    error: "invalid_client",
    error_description: "client authentication failed",
  };

  it.each([
    [
      "401 invalid_client",
      () => json(oidcError, 401, { "www-authenticate": "Basic" }),
      AuthenticationError,
      1,
    ],
    [
      "400 invalid_request",
      () => json({ error: "invalid_request", error_description: "bad" }, 400),
      AuthenticationError,
      1,
    ],
    ["403", () => json({ error: "unauthorized_client" }, 403), AuthenticationError, 1],
    ["200 without access_token", () => json({ token_type: "Bearer" }), AuthenticationError, 1],
    ["200 HTML", () => text("<html>login</html>", 200, "text/html"), AuthenticationError, 1],
    ["500, retried", () => json({ message: "down" }, 500), InternalServerError, 3],
    ["429, retried", () => json({}, 429), RateLimitError, 3],
  ])("%s", async (_, reply, Class, tokenRequests) => {
    const s = server({ tokenReply: reply });
    const logger = captureLogger();
    const error = await rejection(
      client(s.fetch, undefined, { logger, logLevel: "debug" }).request(getOp, {}),
    );
    expect(error.constructor).toBe(Class);
    expect(error.message).toMatch(/^POST \/oidc\/token -> \d{3} /);
    expect(s.tokenCalls).toHaveLength(tokenRequests);
    expect(s.apiCalls).toHaveLength(0);
    for (const where of [
      error.message,
      String(JSON.stringify((error as AuthenticationError).error)),
      ...logger.lines,
    ]) {
      expect(where).not.toContain(SECRET);
    }
  });

  it("says what the endpoint said", async () => {
    const s = server({ tokenReply: () => json(oidcError, 401) });
    const error = await rejection(client(s.fetch).request(getOp, {}));
    expect(error.message).toBe(
      "POST /oidc/token -> 401 oidc.invalid_client: An OIDC error occurred: oidc.invalid_client.",
    );
  });

  it("retries a refused connection to the token endpoint", async () => {
    const s = server();
    let first = true;
    const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === TOKEN_URL && first) {
        first = false;
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
        });
      }
      return s.fetch(input, init);
    }) as typeof fetch;
    const { value } = await settle(client(flaky).request(getOp, {}));
    expect(value).toEqual([{ id: "c1" }]);
  });
});

describe("a custom AuthProvider", () => {
  it("gets the client's fetch and log, the call's own timeout and retries, the size cap and the attempt's signal", async () => {
    const seen: AuthContext[] = [];
    const provider: AuthProvider = {
      async headers(ctx) {
        seen.push(ctx);
        return { Authorization: "Bearer custom" };
      },
    };
    const stub = stubFetch(json({}));
    const client = makeClient(stub.fetch, { maxResponseBytes: 4096 }, { auth: { token: provider } });
    await client.request(getOp, {}, { timeout: 1234, maxRetries: 1 });
    expect(seen).toHaveLength(1);
    const [ctx] = seen;
    expect(ctx?.fetch).toBe(stub.fetch);
    expect(ctx?.signal).toBeInstanceOf(AbortSignal);
    expect(ctx?.signal).toBe(stub.calls[0]?.signal); // the attempt's own signal, the one its fetch gets
    expect({
      timeout: ctx?.timeout,
      maxRetries: ctx?.maxRetries,
      maxResponseBytes: ctx?.maxResponseBytes,
    }).toEqual({ timeout: 1234, maxRetries: 1, maxResponseBytes: 4096 });
    expect(ctx?.log?.enabled("warn")).toBe(true);
    expect(stub.calls[0]?.headers.get("authorization")).toBe("Bearer custom");
  });

  it("a 401 asks it to drop the refused headers, and one retry follows only when it says so", async () => {
    const refusedWith: Array<Record<string, string> | undefined> = [];
    const provider = (retry: boolean): AuthProvider => ({
      headers: async () => ({ Authorization: "Bearer stale" }),
      invalidate(refused) {
        refusedWith.push(refused);
        return retry;
      },
    });
    const once = stubFetch(json({}, 401), json([]));
    await client401(once.fetch, provider(true));
    expect(once.calls).toHaveLength(2);
    const never = stubFetch(json({}, 401));
    await expect(client401(never.fetch, provider(false))).rejects.toBeInstanceOf(AuthenticationError);
    expect(never.calls).toHaveLength(1);
    expect(refusedWith).toEqual([{ Authorization: "Bearer stale" }, { Authorization: "Bearer stale" }]);
  });
});

function client401(fetch: typeof globalThis.fetch, provider: AuthProvider) {
  return makeClient(fetch, {}, { auth: { token: provider } }).request(getOp, {});
}
