import { defineConfig } from "vitest/config";

export default defineConfig({
  // Hang detectors, not speed checks: generous, so a busy machine does not fail a test.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
