import { defineConfig } from "tsdown";
import base from "../../tsdown.base.js";

/**
 * The library (ESM + CommonJS with types, like every package) and the `sso-mcp` command: an ESM file that
 * imports the library's built entry next to it instead of bundling a second copy.
 */
export default defineConfig([
  { ...base, entry: { index: "src/index.ts" } },
  {
    ...base,
    entry: { bin: "src/bin.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    deps: { neverBundle: [/^node:/, /^\.\/index\.js$/] },
  },
]);
