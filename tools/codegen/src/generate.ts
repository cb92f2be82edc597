import { join } from "node:path";
import type { GeneratorContext } from "./context.js";
import { emitPackage, type OutputFile } from "./emit/package.js";
import { SpecError } from "./errors.js";
import { packageDirOf, readInput, relativeFile, type SpecInput } from "./inputs.js";
import { modelFromInput } from "./model.js";
import { generatorHash } from "./output/generator-hash.js";
import { hashInputs, type Manifest, manifestFor } from "./output/manifest.js";
import { GENERATED_DIR } from "./output/readme.js";
import { type Change, diff } from "./output/write.js";

export { discoverSpecs, readInput, type SpecInput } from "./inputs.js";
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

/** Generates every named spec in memory. If any spec is bad, all problems are thrown together. */
export async function plan(ctx: GeneratorContext, names: readonly string[]): Promise<Plan> {
  const generator = await generatorHash(ctx);
  const results = await Promise.allSettled(
    names.map(async (name) => {
      const input = await readInput(ctx, name);
      const { model, files: refs } = await modelFromInput(ctx, input);
      const files = emitPackage(model, input.readme, await ctx.formatter());
      const packageDir = packageDirOf(ctx, name);
      const inputs = await hashInputs(ctx.root, [
        input.specFile,
        ...refs,
        relativeFile(ctx, join(packageDir, "package.json")),
        "biome.json",
      ]);
      return {
        files: files.map((file) => ({ path: join(packageDir, file.path), content: file.content })),
        manifest: { packageDir, manifest: manifestFor(generator, inputs, files) },
      };
    }),
  );
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  const unexpected = failures.find((f) => !(f instanceof SpecError));
  if (unexpected) throw unexpected;
  if (failures.length > 0) throw new SpecError(failures.flatMap((f) => (f as SpecError).problems));
  const done = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  return {
    files: done.flatMap((r) => r.files),
    ownedDirs: names.map((name) => join(packageDirOf(ctx, name), GENERATED_DIR)),
    manifests: done.map((r) => r.manifest),
  };
}

/** What `--check` reports: every file whose committed content differs from a fresh in-memory run. */
export async function staleFiles(ctx: GeneratorContext, names: readonly string[]): Promise<Change[]> {
  return diff(await plan(ctx, names));
}
