import { join } from "node:path";
import type { GeneratorContext } from "./context.js";
import { planMcp } from "./emit/mcp/plan.js";
import { emitPackage, type OutputFile } from "./emit/package.js";
import { SpecError } from "./errors.js";
import { packageDirOf, readInput, relativeFile, type SpecInput } from "./inputs.js";
import { modelFromInput } from "./model.js";
import { generatorHash } from "./output/generator-hash.js";
import { hashInputs, type Manifest, manifestFor } from "./output/manifest.js";
import { GENERATED_DIR } from "./output/readme.js";
import { type Change, diff } from "./output/write.js";

export { discoverSpecs, type SpecInput } from "./inputs.js";
export { modelFromInput } from "./model.js";

/** load -> ir -> emit for one spec, entirely in memory. Paths are relative to the package directory. */
export async function generateFromInput(ctx: GeneratorContext, input: SpecInput): Promise<OutputFile[]> {
  const { model } = await modelFromInput(ctx, input);
  return emitPackage(model, input.readme, await ctx.formatter());
}

/** What a run should leave on disk. */
export interface Plan {
  /** Absolute paths. */
  readonly files: readonly OutputFile[];
  /** `src/generated/` of each package: anything there that is not in `files` is stale. */
  readonly ownedDirs: readonly string[];
  /** Each package's manifest, written once its files are on disk. */
  readonly manifests: ReadonlyArray<{ packageDir: string; manifest: Manifest }>;
}

/**
 * Generates every named spec in memory, and `packages/mcp` from the specs in `mcp` (none: not at all). If any
 * spec is bad, all problems are thrown together.
 */
export async function plan(
  ctx: GeneratorContext,
  names: readonly string[],
  mcp: readonly string[] = [],
): Promise<Plan> {
  const generator = await generatorHash(ctx);
  const results = await Promise.allSettled(
    [...new Set([...names, ...mcp])].sort().map(async (name) => {
      const input = await readInput(ctx, name);
      const { model, files: refs } = await modelFromInput(ctx, input);
      if (!names.includes(name)) return { read: { input, model, refs }, files: [], manifests: [] };
      const files = emitPackage(model, input.readme, await ctx.formatter());
      const packageDir = packageDirOf(ctx, name);
      const inputs = await hashInputs(ctx.root, [
        input.specFile,
        ...refs,
        relativeFile(ctx, join(packageDir, "package.json")),
        "biome.json",
      ]);
      return {
        read: { input, model, refs },
        files: files.map((file) => ({ path: join(packageDir, file.path), content: file.content })),
        manifests: [{ packageDir, manifest: manifestFor(generator, inputs, files) }],
      };
    }),
  );
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  const unexpected = failures.find((f) => !(f instanceof SpecError));
  if (unexpected) throw unexpected;
  if (failures.length > 0) throw new SpecError(failures.flatMap((f) => (f as SpecError).problems));
  const done = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const server =
    mcp.length > 0
      ? await planMcp(
          ctx,
          generator,
          done.map((r) => r.read).filter((r) => mcp.includes(r.input.name)),
        )
      : undefined;
  return {
    files: [...done.flatMap((r) => r.files), ...(server?.files ?? [])],
    ownedDirs: [
      ...names.map((name) => join(packageDirOf(ctx, name), GENERATED_DIR)),
      ...(server ? [server.ownedDir] : []),
    ],
    manifests: [...done.flatMap((r) => r.manifests), ...(server ? [server.manifest] : [])],
  };
}

/** What `--check` reports: every file whose committed content differs from a fresh in-memory run. */
export async function staleFiles(
  ctx: GeneratorContext,
  names: readonly string[],
  mcp: readonly string[] = [],
): Promise<Change[]> {
  return diff(await plan(ctx, names, mcp));
}
