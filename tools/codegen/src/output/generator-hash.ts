/** The generator's fingerprint in every manifest. Node built-ins only: this module is on the fast path. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { GeneratorContext } from "../context.js";
import { treeHash } from "./manifest.js";

/**
 * sha256 over the generator's own code and the exact versions of what it prints with (openapi-typescript,
 * ts-morph, Biome): what decides the output besides the inputs.
 */
export async function generatorHash(ctx: GeneratorContext): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ctx.codeDir, "..", "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return createHash("sha256")
    .update(await treeHash([ctx.codeDir]))
    .update(JSON.stringify(pkg.dependencies ?? {}))
    .digest("hex");
}
