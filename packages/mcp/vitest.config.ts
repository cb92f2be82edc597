import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang detectors, not speed limits: every test spawns sso-mcp processes on a shared machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
