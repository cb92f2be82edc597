/** src/lib/config.ts: where a Cloudflare client gets its token and base URL. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientSpec } from "../src/generated/client.js";
import { resolveClientConfig } from "../src/lib/config.js";

afterEach(() => vi.unstubAllEnvs());

const authorization = async (config: ReturnType<typeof resolveClientConfig>) =>
  (await config.auth.api_token!.headers({ fetch })).Authorization;

describe("resolveClientConfig", () => {
  it("sends the apiToken option as a bearer token", async () => {
    vi.stubEnv("CLOUDFLARE_API_TOKEN", "from-env");
    const config = resolveClientConfig({ apiToken: "from-option" }, clientSpec);
    expect(await authorization(config)).toBe("Bearer from-option");
    expect(config).toMatchObject({
      envelope: "cloudflare",
      defaultBaseURL: "https://api.cloudflare.com/client/v4",
    });
    expect(config.userAgent).toMatch(/^@sso\/cloudflare\/\d+\.\d+\.\d+/);
  });

  it("falls back to CLOUDFLARE_API_TOKEN and CLOUDFLARE_BASE_URL", async () => {
    vi.stubEnv("CLOUDFLARE_API_TOKEN", "from-env");
    vi.stubEnv("CLOUDFLARE_BASE_URL", "http://127.0.0.1:9");
    const config = resolveClientConfig({}, clientSpec);
    expect(await authorization(config)).toBe("Bearer from-env");
    expect(config.options.baseURL).toBe("http://127.0.0.1:9");
    expect(resolveClientConfig({ apiToken: "t", baseURL: "http://x" }, clientSpec).options.baseURL).toBe(
      "http://x",
    );
  });

  it("fails at construction without a token, naming the option and the variable", () => {
    vi.stubEnv("CLOUDFLARE_API_TOKEN", "");
    expect(() => resolveClientConfig({}, clientSpec)).toThrow(/`apiToken`.*CLOUDFLARE_API_TOKEN/);
  });

  it("says the variable cannot be read where the runtime has no environment (a Worker without nodejs_compat)", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(() => resolveClientConfig({}, clientSpec)).toThrow(
        /Pass `apiToken` to `new Cloudflare\(\)`; CLOUDFLARE_API_TOKEN cannot be read here: .*nodejs_compat.*`env` binding/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("does not pass its own option on to the runtime", () => {
    const config = resolveClientConfig({ apiToken: "secret-token", timeout: 5 }, clientSpec);
    expect(config.options).toEqual({ timeout: 5, baseURL: undefined });
  });

  it.each([
    ["debug", undefined, "debug"],
    ["ERROR", undefined, "error"],
    ["nonsense", undefined, undefined],
    ["debug", "off", "off"],
  ] as const)("reads CLOUDFLARE_LOG (%s) unless logLevel is passed (%s)", (value, option, expected) => {
    vi.stubEnv("CLOUDFLARE_LOG", value);
    const config = resolveClientConfig({ ...{ apiToken: "t" }, logLevel: option }, clientSpec);
    expect(config.options.logLevel).toBe(expected);
  });
});
