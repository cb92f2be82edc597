import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundle } from "../src/matrix/bundle.js";

describe("the Worker and page bundles", () => {
  it.each(["worker", "browser"] as const)(
    "%s: builds from the clients' dist/ with no Node built-in",
    async (target) => {
      const text = readFileSync(await bundle(target), "utf8");
      expect(text).not.toMatch(/from\s*["']node:|require\(["']node:/);
      // The clients' built code is in the bundle, the parts of its User-Agent included.
      expect(text).toContain('"@sso/cloudflare"');
      expect(text).toMatch(/VERSION\s*=\s*"\d+\.\d+\.\d+"/);
      expect(text).toContain("runScenarios");
    },
  );
});
