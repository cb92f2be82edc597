import { defineConfig } from "vitest/config";

/** Runs publint and attw on the built packages: needs `pnpm build` first. */
export default defineConfig({
  test: { include: ["test/packaging/**/*.test.ts"], testTimeout: 120_000 },
});
