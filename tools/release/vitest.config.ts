import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/packaging/**"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
