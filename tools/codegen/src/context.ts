import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Formatter } from "./emit/format.js";
import type { Loader } from "./load/load.js";

/**
 * Everything one generator run shares: where things are, and the lazily created spec loader and formatter.
 * There is no ts-morph Project: structures are printed with `printStructure`, which writes text without
 * creating and parsing source files.
 */
export interface GeneratorContext {
  /** The repository root: the directory holding `pnpm-workspace.yaml`. */
  readonly root: string;
  /**
   * Specs are read from `<root>/<specsDir>/<name>.openapi.yaml`.
   * @default "specs"
   */
  readonly specsDir: string;
  /**
   * Output goes to `<root>/<packagesDir>/<name>/`.
   * @default "packages"
   */
  readonly packagesDir: string;
  /**
   * The generator's own code, hashed into every manifest.
   * @default the directory this module was loaded from
   */
  readonly codeDir: string;
  /** Parses, validates and bundles one spec. Redocly is imported on the first call, not before. */
  readonly load: Loader;
  /** The Biome formatter, loaded on first use. */
  readonly formatter: () => Promise<Formatter>;
}

/** This module's directory: `src/` when run from the sources, `dist/` when built. */
export const CODE_DIR = dirname(fileURLToPath(import.meta.url));

export function createContext(
  root: string,
  options: Partial<Pick<GeneratorContext, "specsDir" | "packagesDir" | "codeDir">> = {},
): GeneratorContext {
  let loader: Promise<Loader> | undefined;
  let formatter: Promise<Formatter> | undefined;
  return {
    root,
    specsDir: options.specsDir ?? "specs",
    packagesDir: options.packagesDir ?? "packages",
    codeDir: options.codeDir ?? CODE_DIR,
    load: async (...args) => {
      loader ??= import("./load/load.js").then((m) => m.createLoader(root));
      return (await loader)(...args);
    },
    formatter: () => {
      formatter ??= import("./emit/format.js").then((m) => m.createFormatter(findRoot(CODE_DIR)));
      return formatter;
    },
  };
}

/** Walks up from `from` to the directory that holds `pnpm-workspace.yaml`. */
export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}
