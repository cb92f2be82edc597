import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { GeneratorContext } from "./context.ts";
import { emitPackage, GENERATED_DIR, type OutputFile } from "./emit/package.ts";
import { SpecError } from "./errors.ts";
import { buildModel, type PackageInfo } from "./ir/build.ts";
import { type Change, diff } from "./output/write.ts";

/** The inputs of one package's generation, already read. */
export interface SpecInput {
  name: string;
  /** Path of the spec relative to the repo root, as quoted in headers and messages. */
  specFile: string;
  text: string;
  pkg: PackageInfo;
  /** The package README as it is now. */
  readme: string | undefined;
}

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

/** The spec names under `<root>/specs` that have a package directory to generate into. */
export async function discoverSpecs(ctx: GeneratorContext): Promise<string[]> {
  const entries = await readdir(join(ctx.root, ctx.specsDir)).catch(() => [] as string[]);
  const names = entries
    .filter((e) => e.endsWith(".openapi.yaml"))
    .map((e) => e.slice(0, -".openapi.yaml".length));
  const present = await Promise.all(
    names.map((name) =>
      readFile(join(ctx.root, ctx.packagesDir, name, "package.json")).then(
        () => name,
        () => undefined,
      ),
    ),
  );
  return present.filter((name): name is string => name !== undefined).sort();
}

export async function readInput(ctx: GeneratorContext, name: string): Promise<SpecInput> {
  const specPath = join(ctx.root, ctx.specsDir, `${name}.openapi.yaml`);
  const packageDir = join(ctx.root, ctx.packagesDir, name);
  const [text, pkgText, readme] = await Promise.all([
    readFile(specPath, "utf8"),
    readFile(join(packageDir, "package.json"), "utf8"),
    readFile(join(packageDir, "README.md"), "utf8").catch(() => undefined),
  ]);
  const pkg = JSON.parse(pkgText) as PackageInfo;
  return { name, specFile: relative(ctx.root, specPath).split("\\").join("/"), text, pkg, readme };
}

/**
 * Generates every named spec in memory. If any spec is bad, all problems are thrown together and the caller
 * writes nothing.
 */
export async function plan(ctx: GeneratorContext, names: string[]): Promise<Plan> {
  const results = await Promise.allSettled(
    names.map(async (name) => {
      const packageDir = join(ctx.root, ctx.packagesDir, name);
      const files = await generateFromInput(ctx, await readInput(ctx, name));
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
