import { defineConfig } from "tsdown";
import base from "../../tsdown.base.js";

/** The shared build, plus the `@sso/core/internal` entry that generated code and the packages' src/lib import. */
export default defineConfig({
  ...base,
  entry: { index: "src/index.ts", internal: "src/internal.ts", "testing/index": "src/testing/index.ts" },
});
