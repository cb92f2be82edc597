/** Finding and reading a run's inputs. Node built-ins only: the fast path uses this before any heavy import. */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { GeneratorContext } from "./context.js";
import type { PackageInfo } from "./ir/client.js";

/** The inputs of one package's generation, already read. */
export interface SpecInput {
  readonly name: string;
  /** Absolute path of the spec. */
  readonly specPath: string;
  /** Path of the spec relative to the repo root, with `/`, as quoted in headers and messages. */
  readonly specFile: string;
  readonly text: string;
  readonly pkg: PackageInfo;
  /** The package README as it is now. */
  readonly readme: string | undefined;
  readonly packageDir: string;
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

/** `specs/<name>.openapi.yaml`: absolute, and relative to the root with `/` (as quoted in headers). */
function specPaths(ctx: GeneratorContext, name: string): { path: string; file: string } {
  const path = join(ctx.root, ctx.specsDir, `${name}.openapi.yaml`);
  return { path, file: relativeFile(ctx, path) };
}

export function relativeFile(ctx: GeneratorContext, path: string): string {
  return relative(ctx.root, path).split("\\").join("/");
}

export function packageDirOf(ctx: GeneratorContext, name: string): string {
  return join(ctx.root, ctx.packagesDir, name);
}

export async function readInput(ctx: GeneratorContext, name: string): Promise<SpecInput> {
  const spec = specPaths(ctx, name);
  const packageDir = packageDirOf(ctx, name);
  const [text, pkgText, readme] = await Promise.all([
    readFile(spec.path, "utf8"),
    readFile(join(packageDir, "package.json"), "utf8"),
    readFile(join(packageDir, "README.md"), "utf8").catch(() => undefined),
  ]);
  const pkg = JSON.parse(pkgText) as PackageInfo;
  return {
    name,
    specPath: spec.path,
    specFile: spec.file,
    text,
    pkg: { name: pkg.name },
    readme,
    packageDir,
  };
}
