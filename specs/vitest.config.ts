import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Bundling and linting a spec takes a few hundred milliseconds; keep headroom for slow CI machines.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
