import { join } from "node:path";
import type { GeneratorContext } from "./context.ts";
import { emitPackage, GENERATED_DIR, type OutputFile } from "./emit/package.ts";
import { SpecError } from "./errors.ts";
import { readInput, type SpecInput } from "./inputs.ts";
import { buildModel } from "./ir/build.ts";
import { generatorHash, MANIFEST_FILE, manifestText } from "./output/manifest.ts";
import { type Change, diff } from "./output/write.ts";

export { discoverSpecs, readInput, type SpecInput } from "./inputs.ts";

/** load -> ir -> emit for one spec, entirely in memory. Paths are relative to the package directory. */
export async function generateFromInput(ctx: GeneratorContext, input: SpecInput): Promise<OutputFile[]> {
  const loaded = await ctx.load(input.name, input.specFile, input.text);
  const model = buildModel(loaded, input.pkg);
  return emitPackage(model, input.readme);
}

/** What a run should leave on disk: every output file, and the directories it owns outright. */
export interface Plan {
  /** Absolute paths. */
  files: OutputFile[];
  /** `src/generated/` of each package: anything there that is not in `files` is stale. */
  ownedDirs: string[];
}

/**
 * Generates every named spec in memory, each package's `.manifest.json` included. If any spec is bad, all
 * problems are thrown together and the caller writes nothing.
 */
export async function plan(ctx: GeneratorContext, names: string[]): Promise<Plan> {
  const generator = await generatorHash(ctx.srcDir);
  const results = await Promise.allSettled(
    names.map(async (name) => {
      const packageDir = join(ctx.root, ctx.packagesDir, name);
      const input = await readInput(ctx, name);
      const files = await generateFromInput(ctx, input);
      files.push({
        path: `${GENERATED_DIR}/${MANIFEST_FILE}`,
        content: manifestText(generator, input.pkg, input.specFile, input.text, files),
      });
      return files.map((file) => ({ path: join(packageDir, file.path), content: file.content }));
    }),
  );
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  const unexpected = failures.find((f) => !(f instanceof SpecError));
  if (unexpected) throw unexpected;
  if (failures.length > 0) throw new SpecError(failures.flatMap((f) => (f as SpecError).problems));
  return {
    files: results.flatMap((r) => (r.status === "fulfilled" ? r.value : [])),
    ownedDirs: names.map((name) => join(ctx.root, ctx.packagesDir, name, GENERATED_DIR)),
  };
}

/** What `--check` reports: every file whose committed content differs from a fresh in-memory run. */
export async function staleFiles(ctx: GeneratorContext, names: string[]): Promise<Change[]> {
  return diff(await plan(ctx, names));
}
