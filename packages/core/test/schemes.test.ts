/** Auth per security scheme: the operation's `security` picks the provider; basic and API-key providers. */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  apiKeyAuth,
  basicAuth,
  bearerAuth,
  InvalidArgumentError,
  missingCredential,
  REDACTED,
} from "../src/internal.js";
import { captureLogger, json, makeClient, op, stubFetch, text } from "./helpers.js";

describe("the operation's security picks the provider", () => {
  const auth = { basic: basicAuth("admin", "pa55-word-9"), key: apiKeyAuth("X-API-Key", "key-live-7788") };

  it.each([
    [["key"], { "x-api-key": "key-live-7788", authorization: null }],
    [["basic"], { authorization: `Basic ${btoa("admin:pa55-word-9")}`, "x-api-key": null }],
    [["missing", "basic", "key"], { authorization: `Basic ${btoa("admin:pa55-word-9")}`, "x-api-key": null }],
    [[], { authorization: null, "x-api-key": null }],
  ])("security %j", async (security, expected) => {
    const stub = stubFetch(json({}));
    await makeClient(stub.fetch, {}, { auth }).request(op("GET", "/x", { security }), {});
    const headers = stub.calls[0]?.headers;
    for (const [name, value] of Object.entries(expected)) expect(headers?.get(name)).toBe(value);
  });

  it("an operation whose schemes the client has no credentials for fails before any request, naming both sides", async () => {
    const stub = stubFetch(json({}));
    const error = await makeClient(stub.fetch, {}, { auth })
      .request(op("GET", "/admin", { security: ["OAuth2", "admin_token"] }), {})
      .then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(
      "GET /admin is authorized by OAuth2 or admin_token, but this client has credentials for basic, key; no request was sent",
    );
    expect(stub.calls).toHaveLength(0);
  });

  it("secrets of every provider are masked in logs and errors", async () => {
    const logger = captureLogger();
    const stub = stubFetch(text("echo pa55-word-9 key-live-7788", 500, "text/plain"));
    const error = await makeClient(stub.fetch, { logger, logLevel: "debug", maxRetries: 0 }, { auth })
      .request(op("GET", "/x", { security: ["key"] }), {})
      .then(undefined, (e: unknown) => e);
    const surfaces = [(error as Error).message, ...logger.lines].join("\n");
    expect(surfaces).not.toMatch(/pa55-word-9|key-live-7788/);
    expect(surfaces).toContain(REDACTED);
  });
});

describe("providers refuse what they cannot send", () => {
  it.each([
    [() => bearerAuth(""), /bearerAuth: the token is empty/],
    [() => bearerAuth("a\nb"), /header "Authorization" contains CR, LF or NUL/],
    [() => basicAuth("", "p"), /basicAuth: the username is empty/],
    [() => basicAuth("u", ""), /basicAuth: the password is empty/],
    [() => apiKeyAuth("X-Key", ""), /apiKeyAuth: the key is empty/],
    [() => apiKeyAuth("Bad Header", "k"), /header "Bad Header" is not a valid header name/],
  ])("%s", (make, message) => {
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });

  it("basic auth is UTF-8 safe", async () => {
    const headers = await basicAuth("jürgen", "пароль").headers({ fetch });
    const decoded = new TextDecoder().decode(
      Uint8Array.from(atob(headers.Authorization?.slice(6) ?? ""), (c) => c.charCodeAt(0)),
    );
    expect(decoded).toBe("jürgen:пароль");
  });
});

describe("missing credentials", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("tells the caller to set the variable where the environment can be read", () => {
    expect(missingCredential("X: no token", "Pass `token`", "X_TOKEN")).toBe(
      "X: no token. Pass `token`, or set X_TOKEN.",
    );
  });

  it("says the environment cannot be read where there is none (a Worker without nodejs_compat, a browser)", () => {
    vi.stubGlobal("process", undefined);
    expect(missingCredential("X: no token", "Pass `token`", "X_TOKEN")).toBe(
      "X: no token. Pass `token`; X_TOKEN cannot be read here: this runtime has no environment variables (a browser, or a Cloudflare Worker without the nodejs_compat flag). Pass the value explicitly (in a Worker, from its `env` binding).",
    );
  });

  it("says Deno needs --allow-env when reading it is refused", () => {
    vi.stubGlobal("process", undefined);
    vi.stubGlobal("Deno", {
      env: {
        get: () => {
          throw new Error('NotCapable: Requires env access to "PATH"');
        },
      },
    });
    expect(missingCredential("X: no token", "Pass `token`", "X_TOKEN")).toMatch(
      /X_TOKEN cannot be read here: Deno runs without --allow-env\./,
    );
  });
});
