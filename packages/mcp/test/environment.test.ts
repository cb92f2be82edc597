/**
 * The variables the server checks are the ones the clients read: with only a provider's required variables
 * set, its client builds; with none, it refuses and names them. So the server's "is it configured" and its list
 * of secrets to mask cannot drift from the clients' own configuration.
 */
import { InvalidArgumentError } from "@sso/core";
import { afterEach, describe, expect, it } from "vitest";
import { ENVIRONMENT, environmentSecrets, isConfigured } from "../src/environment.js";
import { providers } from "../src/generated/index.js";

const ALL = Object.values(ENVIRONMENT).flatMap((e) => e.variables);

/** The smallest environment that configures each provider. */
const MINIMAL = {
  cloudflare: { CLOUDFLARE_API_TOKEN: "cf-token-value" },
  logto: {
    LOGTO_ENDPOINT: "http://127.0.0.1:9",
    LOGTO_CLIENT_ID: "id",
    LOGTO_CLIENT_SECRET: "logto-secret-value",
  },
  keycard: { KEYCARD_API_CLIENT_ID: "id", KEYCARD_API_CLIENT_SECRET: "keycard-secret-value" },
} as const;

const saved = Object.fromEntries(ALL.map((name) => [name, process.env[name]]));
function setEnv(values: Record<string, string>) {
  for (const name of ALL) delete process.env[name];
  Object.assign(process.env, values);
}
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe.each(Object.keys(MINIMAL) as (keyof typeof MINIMAL)[])("%s", (name) => {
  it("builds its client from the variables listed, and counts as configured", () => {
    setEnv(MINIMAL[name]);
    expect(() => new providers[name].Client()).not.toThrow();
    expect(isConfigured(name)).toBe(true);
    const secrets = Object.entries(MINIMAL[name])
      .filter(([key]) => (ENVIRONMENT[name].secrets as readonly string[]).includes(key))
      .map(([, value]) => value);
    expect(environmentSecrets([name])).toEqual(secrets);
    expect(secrets.length).toBeGreaterThan(0);
  });

  it("refuses to build without them, naming variables listed here, and counts as not configured", () => {
    setEnv({});
    expect(isConfigured(name)).toBe(false);
    let message = "";
    try {
      new providers[name].Client();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      message = (error as Error).message;
    }
    const named = message.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? [];
    expect(named.length).toBeGreaterThan(0);
    for (const variable of named) expect(ENVIRONMENT[name].variables).toContain(variable);
  });
});
