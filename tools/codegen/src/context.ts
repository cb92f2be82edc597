import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { IndentationText, NewLineKind, Project, QuoteKind } from "ts-morph";
import { createLoader, type LoadedSpec } from "./load/load.ts";

/** Everything one generator run shares: where things are, the ts-morph project and the spec loader. */
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
  /** One in-memory project for the whole run: structures are printed through it, never saved by it. */
  project: Project;
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
    project: new Project({
      useInMemoryFileSystem: true,
      manipulationSettings: {
        indentationText: IndentationText.TwoSpaces,
        newLineKind: NewLineKind.LineFeed,
        quoteKind: QuoteKind.Double,
        useTrailingCommas: true,
      },
    }),
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
