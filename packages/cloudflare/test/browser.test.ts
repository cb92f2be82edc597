/**
 * In a browser bundle, `@sso/cloudflare/testing` and the kit `@sso/core/testing` resolve (through the `browser`
 * export condition) to modules that throw one clear error and pull in no Node built-in.
 */
import { fileURLToPath } from "node:url";
import { browserBundle } from "@sso/conformance";
import { describe, expect, it } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));

describe.each(["@sso/cloudflare/testing", "@sso/core/testing"])("%s in a browser bundle", (specifier) => {
  it("bundles without a Node built-in and throws one clear error on import", async () => {
    const bundle = await browserBundle(specifier, here);
    expect(bundle.warnings).toEqual([]);
    expect(bundle.code).not.toMatch(/from\s+["']node:/);
    expect(bundle.modules.some((id) => id.endsWith("/src/testing/browser.ts"))).toBe(true);
    expect(bundle.code).toContain(`${specifier} `);
    expect(bundle.code).toContain("cannot run in a browser");
  }, 120_000);
});
