import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LoadedSpec } from "./load/load.ts";
import { DEFAULT_SRC_DIR } from "./output/manifest.ts";

/**
 * Everything one generator run shares: where things are, and the spec loader (with its Redocly config).
 * There is no ts-morph Project: structures are printed with `printStructure`, which writes text without
 * creating and parsing source files.
 */
export interface GeneratorContext {
  /** The repository root: the directory holding `pnpm-workspace.yaml`. */
  root: string;
  /**
   * Specs are read from `<root>/<specsDir>/<name>.openapi.yaml`.
   * @default "specs"
   */
  specsDir: string;
  /**
   * Output goes to `<root>/<packagesDir>/<name>/`.
   * @default "packages"
   */
  packagesDir: string;
  /**
   * The generator's own sources (`tools/codegen/src`), hashed into every `.manifest.json`.
   * @default the directory this module was loaded from
   */
  srcDir: string;
  /** Parses, validates and bundles one spec. Redocly is imported on the first call, not before. */
  load: (name: string, file: string, text: string) => Promise<LoadedSpec>;
}

export async function createContext(
  root: string,
  options: Partial<Pick<GeneratorContext, "specsDir" | "packagesDir" | "srcDir">> = {},
): Promise<GeneratorContext> {
  return {
    root,
    specsDir: options.specsDir ?? "specs",
    packagesDir: options.packagesDir ?? "packages",
    srcDir: options.srcDir ?? DEFAULT_SRC_DIR,
    load: lazyLoader(),
  };
}

/** The spec loader, created (and Redocly imported) when the first spec is loaded: the fast path never does. */
function lazyLoader(): GeneratorContext["load"] {
  let loader: Promise<GeneratorContext["load"]> | undefined;
  return async (name, file, text) => {
    loader ??= import("./load/load.ts").then((m) => m.createLoader());
    return (await loader)(name, file, text);
  };
}

/** Walks up from `from` to the directory that holds `pnpm-workspace.yaml`. */
export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}
