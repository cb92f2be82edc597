/** src/lib/config.ts: how a Logto client finds its endpoint, API indicator and credentials. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientSpec } from "../src/generated/client.js";
import { resolveClientConfig } from "../src/lib/config.js";

const ENV = [
  "LOGTO_ENDPOINT",
  "LOGTO_TENANT_ID",
  "LOGTO_CLIENT_ID",
  "LOGTO_CLIENT_SECRET",
  "LOGTO_API_RESOURCE",
  "LOGTO_ACCESS_TOKEN",
];
beforeEach(() => {
  for (const name of ENV) vi.stubEnv(name, "");
});
afterEach(() => vi.unstubAllEnvs());

/** Asks the auth provider for headers, answering its token request; returns what was sent. */
async function tokenRequest(config: ReturnType<typeof resolveClientConfig>) {
  const requests: { url: string; body: URLSearchParams; headers: Headers }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({
      url: String(input),
      body: new URLSearchParams(String(init?.body)),
      headers: new Headers(init?.headers),
    });
    return Response.json({ access_token: "at", expires_in: 3600, token_type: "Bearer" });
  });
  const headers = await config.auth.OAuth2!.headers({ fetch: fetch as typeof globalThis.fetch });
  return { headers, request: requests[0] };
}

describe("resolveClientConfig", () => {
  it("self-hosted: endpoint, form client auth, the OSS API indicator and scope all", async () => {
    const config = resolveClientConfig(
      { endpoint: "http://localhost:3001/", clientId: "app", clientSecret: "s3cret" },
      clientSpec,
    );
    expect(config.options.baseURL).toBe("http://localhost:3001/");
    const { headers, request } = await tokenRequest(config);
    expect(headers.Authorization).toBe("Bearer at");
    expect(request?.url).toBe("http://localhost:3001/oidc/token");
    expect(Object.fromEntries(request?.body ?? [])).toEqual({
      grant_type: "client_credentials",
      resource: "https://default.logto.app/api",
      scope: "all",
      client_id: "app",
      client_secret: "s3cret",
    });
    expect(request?.headers.get("authorization")).toBeNull();
  });

  it("Logto Cloud: the tenant ID gives the endpoint and the API indicator", async () => {
    const config = resolveClientConfig(
      { tenantId: "abc123", clientId: "app", clientSecret: "s" },
      clientSpec,
    );
    expect(config.options.baseURL).toBe("https://abc123.logto.app");
    const { request } = await tokenRequest(config);
    expect(request?.url).toBe("https://abc123.logto.app/oidc/token");
    expect(request?.body.get("resource")).toBe("https://abc123.logto.app/api");
  });

  it("reads everything from the environment, and apiResource overrides the indicator", async () => {
    vi.stubEnv("LOGTO_TENANT_ID", "envtenant");
    vi.stubEnv("LOGTO_CLIENT_ID", "env-app");
    vi.stubEnv("LOGTO_CLIENT_SECRET", "env-secret");
    vi.stubEnv("LOGTO_API_RESOURCE", "https://custom.example/api");
    const { request } = await tokenRequest(resolveClientConfig({}, clientSpec));
    expect(request?.url).toBe("https://envtenant.logto.app/oidc/token");
    expect(request?.body.get("client_id")).toBe("env-app");
    expect(request?.body.get("resource")).toBe("https://custom.example/api");
  });

  it("a static access token is sent as is, with no token request", async () => {
    const config = resolveClientConfig(
      { endpoint: "http://localhost:3001", accessToken: "static" },
      clientSpec,
    );
    expect((await config.auth.OAuth2!.headers({ fetch })).Authorization).toBe("Bearer static");
    vi.stubEnv("LOGTO_ACCESS_TOKEN", "env-static");
    const fromEnv = resolveClientConfig({ endpoint: "http://localhost:3001" }, clientSpec);
    expect((await fromEnv.auth.OAuth2!.headers({ fetch })).Authorization).toBe("Bearer env-static");
  });

  it("says the variables cannot be read where the runtime has no environment (a Worker without nodejs_compat)", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(() => resolveClientConfig({ endpoint: "https://t.logto.app" }, clientSpec)).toThrow(
        /LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET \(or LOGTO_ACCESS_TOKEN\) cannot be read here: .*nodejs_compat/,
      );
      expect(() => resolveClientConfig({}, clientSpec)).toThrow(
        /LOGTO_ENDPOINT or LOGTO_TENANT_ID cannot be read here/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("fails at construction without an endpoint or credentials, never echoing a secret", () => {
    expect(() => resolveClientConfig({ clientId: "a", clientSecret: "b" }, clientSpec)).toThrow(
      /`endpoint`.*`tenantId`.*LOGTO_ENDPOINT/,
    );
    expect(() => resolveClientConfig({ endpoint: "http://localhost:3001" }, clientSpec)).toThrow(
      /no client ID/,
    );
    const error = (() => {
      try {
        resolveClientConfig({ endpoint: "http://localhost:3001", clientId: "visible-id" }, clientSpec);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/no client secret.*LOGTO_CLIENT_SECRET/);
    expect(error?.message).not.toContain("visible-id");
  });

  it.each([
    ["debug", undefined, "debug"],
    ["ERROR", undefined, "error"],
    ["nonsense", undefined, undefined],
    ["debug", "off", "off"],
  ] as const)("reads LOGTO_LOG (%s) unless logLevel is passed (%s)", (value, option, expected) => {
    vi.stubEnv("LOGTO_LOG", value);
    const config = resolveClientConfig(
      { ...{ endpoint: "http://127.0.0.1:9", accessToken: "t" }, logLevel: option },
      clientSpec,
    );
    expect(config.options.logLevel).toBe(expected);
  });
});
