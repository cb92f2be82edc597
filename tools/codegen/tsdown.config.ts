import { defineConfig } from "tsdown";

/**
 * The generator's build: the CLI and the library entry (the model for the release differ, the conformance
 * checker and the fakes' tooling) as ESM for Node. Heavy stages stay in chunks of their own, imported only when a
 * generation runs, so `--help` and an up-to-date `generate` never load Redocly, openapi-typescript or ts-morph.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts", index: "src/index.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  sourcemap: false,
  checks: { pluginTimings: false },
  fixedExtension: false,
  clean: true,
});
