import { join } from "node:path";
import type { GeneratorContext } from "../../context.js";
import { packageDirOf, relativeFile, type SpecInput } from "../../inputs.js";
import type { ApiModel } from "../../ir/model.js";
import { hashInputs, type Manifest, manifestFor } from "../../output/manifest.js";
import { GENERATED_DIR } from "../../output/readme.js";
import type { OutputFile } from "../package.js";
import { emitMcp } from "./package.js";
import { mcpPackageDir } from "./target.js";

/** One spec as `plan` read it: its input, its model and the other files it `$ref`s. */
export interface ReadSpec {
  readonly input: SpecInput;
  readonly model: ApiModel;
  readonly refs: readonly string[];
}

/** What a run leaves in `packages/mcp`: its files (absolute paths), the directory it owns, its manifest. */
export interface McpPlan {
  readonly files: readonly OutputFile[];
  readonly ownedDir: string;
  readonly manifest: { packageDir: string; manifest: Manifest };
}

/**
 * The MCP package's part of a run. Its inputs are every spec (and what they `$ref`), each client's package.json
 * (the package names its tools import), its own package.json and biome.json.
 */
export async function planMcp(
  ctx: GeneratorContext,
  generator: string,
  specs: readonly ReadSpec[],
): Promise<McpPlan> {
  const packageDir = mcpPackageDir(ctx);
  const files = emitMcp(
    specs.map((s) => s.model),
    await ctx.formatter(),
  );
  const inputs = await hashInputs(ctx.root, [
    ...specs.flatMap((s) => [
      s.input.specFile,
      ...s.refs,
      relativeFile(ctx, join(packageDirOf(ctx, s.input.name), "package.json")),
    ]),
    relativeFile(ctx, join(packageDir, "package.json")),
    "biome.json",
  ]);
  return {
    files: files.map((file) => ({ path: join(packageDir, file.path), content: file.content })),
    ownedDir: join(packageDir, GENERATED_DIR),
    manifest: { packageDir, manifest: manifestFor(generator, inputs, files) },
  };
}
