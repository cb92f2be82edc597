import { defineConfig } from "tsdown";
import base from "../../tsdown.base.js";

/** The shared build, plus the `@sso/core/internal` entry that generated code and the packages' src/lib import. */
export default defineConfig({
  ...base,
  entry: { ...(base.entry as Record<string, string>), internal: "src/internal.ts" },
});
