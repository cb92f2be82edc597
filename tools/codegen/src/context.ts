import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createLoader, type LoadedSpec } from "./load/load.ts";

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
  load: (name: string, file: string, text: string) => Promise<LoadedSpec>;
}

export async function createContext(
  root: string,
  options: Partial<Pick<GeneratorContext, "specsDir" | "packagesDir">> = {},
): Promise<GeneratorContext> {
  return {
    root,
    specsDir: options.specsDir ?? "specs",
    packagesDir: options.packagesDir ?? "packages",
    load: await createLoader(),
  };
}

/** Walks up from `from` to the directory that holds `pnpm-workspace.yaml`. */
export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}
