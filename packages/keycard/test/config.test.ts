/** src/lib/config.ts: how a Keycard client finds its credentials and base URL. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientSpec } from "../src/generated/client.js";
import { resolveClientConfig } from "../src/lib/config.js";

beforeEach(() => {
  for (const name of ["KEYCARD_API_CLIENT_ID", "KEYCARD_API_CLIENT_SECRET", "KEYCARD_API_BASE_URL"]) {
    vi.stubEnv(name, "");
  }
});
afterEach(() => vi.unstubAllEnvs());

async function tokenRequest(config: ReturnType<typeof resolveClientConfig>) {
  const requests: { url: string; body: string; headers: Headers }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(input), body: String(init?.body), headers: new Headers(init?.headers) });
    return Response.json({ access_token: "at", token_type: "Bearer" });
  });
  const headers = await config.auth.OAuth2!.headers({ fetch: fetch as typeof globalThis.fetch });
  return { headers, request: requests[0] };
}

describe("resolveClientConfig", () => {
  it("client credentials with HTTP Basic against {baseURL}/service-account-token", async () => {
    const config = resolveClientConfig({ clientId: "id", clientSecret: "secret" }, clientSpec);
    expect(config.options.baseURL).toBe("https://api.keycard.ai");
    expect(config.requestIdHeader).toBe("X-Client-Request-ID");
    const { headers, request } = await tokenRequest(config);
    expect(headers.Authorization).toBe("Bearer at");
    expect(request?.url).toBe("https://api.keycard.ai/service-account-token");
    expect(request?.headers.get("authorization")).toBe(`Basic ${btoa("id:secret")}`);
    expect(request?.body).toBe("grant_type=client_credentials");
  });

  it("falls back to KEYCARD_API_CLIENT_ID, KEYCARD_API_CLIENT_SECRET and KEYCARD_API_BASE_URL", async () => {
    vi.stubEnv("KEYCARD_API_CLIENT_ID", "env-id");
    vi.stubEnv("KEYCARD_API_CLIENT_SECRET", "env-secret");
    vi.stubEnv("KEYCARD_API_BASE_URL", "http://127.0.0.1:9/");
    const { request } = await tokenRequest(resolveClientConfig({}, clientSpec));
    expect(request?.url).toBe("http://127.0.0.1:9/service-account-token");
    expect(request?.headers.get("authorization")).toBe(`Basic ${btoa("env-id:env-secret")}`);
  });

  it("a static access token skips the token request", async () => {
    const config = resolveClientConfig({ accessToken: "static" }, clientSpec);
    expect((await config.auth.OAuth2!.headers({ fetch })).Authorization).toBe("Bearer static");
  });

  it("fails at construction without credentials, never echoing a secret", () => {
    expect(() => resolveClientConfig({}, clientSpec)).toThrow(/no client ID.*KEYCARD_API_CLIENT_ID/);
    expect(() => resolveClientConfig({ clientSecret: "hidden-secret" }, clientSpec)).toThrow(/no client ID/);
    expect(() => resolveClientConfig({ clientSecret: "hidden-secret" }, clientSpec)).not.toThrow(
      /hidden-secret/,
    );
  });

  it("says the variables cannot be read where the runtime has no environment (a Worker without nodejs_compat)", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(() => resolveClientConfig({}, clientSpec)).toThrow(
        /KEYCARD_API_CLIENT_ID and KEYCARD_API_CLIENT_SECRET cannot be read here: .*nodejs_compat/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it.each([
    ["debug", undefined, "debug"],
    ["ERROR", undefined, "error"],
    ["nonsense", undefined, undefined],
    ["debug", "off", "off"],
  ] as const)("reads KEYCARD_API_LOG (%s) unless logLevel is passed (%s)", (value, option, expected) => {
    vi.stubEnv("KEYCARD_API_LOG", value);
    const config = resolveClientConfig({ ...{ accessToken: "t" }, logLevel: option }, clientSpec);
    expect(config.options.logLevel).toBe(expected);
  });
});
