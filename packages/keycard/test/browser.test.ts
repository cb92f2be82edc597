/** In a browser bundle, `@sso/keycard/testing` resolves to a module that throws one clear error. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { browserBundle } from "@sso/conformance";
import { describe, expect, it } from "vitest";
import * as testing from "../src/testing/index.js";

const stub = readFileSync(new URL("../src/testing/browser.ts", import.meta.url), "utf8");

describe("@sso/keycard/testing in a browser", () => {
  it("bundles without a Node built-in and throws one clear error on import", async () => {
    const bundle = await browserBundle("@sso/keycard/testing", fileURLToPath(new URL("..", import.meta.url)));
    expect(bundle.warnings).toEqual([]);
    expect(bundle.code).not.toMatch(/from\s+["']node:/);
    expect(bundle.code).toContain(
      "@sso/keycard/testing starts a fake server on node:http and cannot run in a browser",
    );
    await expect(import("../src/testing/browser.js")).rejects.toThrow(/cannot run in a browser/);
  }, 120_000);

  it("names every runtime export of the real module", () => {
    expect([...stub.matchAll(/refused as (\w+)/g)].map((m) => m[1]).sort()).toEqual(
      Object.keys(testing).sort(),
    );
  });
});
