#!/usr/bin/env node
// The generator's CLI, built from src/ by `pnpm build` (turbo builds it before any package generates).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error(
    "sso-codegen: tools/codegen is not built; run `pnpm build` (or `pnpm --filter @sso/codegen build`)",
  );
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
