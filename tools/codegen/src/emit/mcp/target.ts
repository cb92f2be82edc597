/**
 * Where the MCP server's generated tools go. Node built-ins only: the CLI reads this on the fast path, before
 * any emitter (ts-morph, Biome) is imported.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { GeneratorContext } from "../../context.js";

/** `packages/mcp`: the one package generated from every spec rather than from one. */
const MCP_PACKAGE = "mcp";

export function mcpPackageDir(ctx: GeneratorContext): string {
  return join(ctx.root, ctx.packagesDir, MCP_PACKAGE);
}

/** True when the repository has the MCP package, so a full `generate` writes its tools too. */
export function hasMcpPackage(ctx: GeneratorContext): boolean {
  return existsSync(join(mcpPackageDir(ctx), "package.json"));
}
