/**
 * The module `@sso/core/testing` resolves to in a browser (the `browser` export condition): it throws one clear
 * error on import, imports nothing, and names every runtime export of the real kit so bundles that import them
 * build. (Bundling it for the browser is checked in @sso/cloudflare's test/browser.test.ts.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as kit from "../src/testing/index.js";

const stubFile = new URL("../src/testing/browser.ts", import.meta.url);
const stub = readFileSync(stubFile, "utf8");
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, Record<string, unknown>>;
};

describe("@sso/core/testing in a browser", () => {
  it("throws one clear error on import", async () => {
    await expect(import("../src/testing/browser.js")).rejects.toThrow(
      /^@sso\/core\/testing runs fake servers on node:http and cannot run in a browser\./,
    );
  });

  it("imports nothing, so no Node built-in can reach a bundle through it", () => {
    expect(stub).not.toMatch(/^\s*import\s/m);
  });

  it("names every runtime export of the kit", () => {
    const named = [...stub.matchAll(/refused as (\w+)/g)].map((m) => m[1]).sort();
    expect(named).toEqual(Object.keys(kit).sort());
  });

  it("is the first condition of the ./testing export, with the kit's types", () => {
    const testing = manifest.exports["./testing"] ?? {};
    expect(Object.keys(testing)[0]).toBe("browser");
    expect(testing.browser).toEqual({
      types: "./dist/testing/index.d.ts",
      default: "./dist/testing/browser.js",
    });
  });
});
