#!/usr/bin/env node
// The `sso-mcp` command. A committed launcher rather than dist/bin.js itself, so that `pnpm install` can link the
// bin in a workspace that is not built yet; in a published package dist/ is always there.
import { existsSync } from "node:fs";

const bin = new URL("../dist/bin.js", import.meta.url);
if (!existsSync(bin)) {
  console.error("sso-mcp: packages/mcp is not built; run `pnpm build` (or `pnpm --filter @sso/mcp build`)");
  process.exit(1);
}
await import(bin.href);
