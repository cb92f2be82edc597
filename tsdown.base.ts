import { defineConfig } from "tsdown";

/**
 * One build for every published package: ESM + CommonJS with types, main entry, the Node-only /testing entry and
 * the module a browser bundle gets for /testing instead (it throws one clear error).
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "testing/index": "src/testing/index.ts",
    "testing/browser": "src/testing/browser.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  // The /testing entry runs a node:http fake; Node built-ins stay imports, never bundled or polyfilled.
  deps: { neverBundle: [/^node:/] },
  target: "es2022",
  sourcemap: false,
  checks: { pluginTimings: false },
  clean: true,
});
