/**
 * The one formatting pass of the generated TypeScript: Biome's JavaScript API with the repository's own formatter
 * settings (biome.json), so generated files read like hand-written ones and no emitter imitates a formatter.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isRecord } from "../json.js";

export interface Formatter {
  /** Formats one TypeScript module; throws when the text does not parse (a generator bug, never a spec problem). */
  format(code: string, file: string): string;
  /**
   * Formats code examples for JSDoc blocks, narrower so that they still fit once indented in a comment; in one
   * Biome call, since a call costs about a millisecond whatever its size and a large spec has hundreds of examples.
   */
  snippets(codes: readonly string[]): string[];
}

/** The width of `@example` code: the comment gutter and a method's indentation come on top. */
const SNIPPET_WIDTH = 90;

/** A line comment between two examples of one batch; Biome keeps it on its own line, so the batch splits at it. */
const SNIPPET_BOUNDARY = "// @sso-codegen-example-boundary";

/** Biome ignores (and `formatContent` throws on) files over 1 MiB by default; a large spec's schema.ts is bigger. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Loads Biome (WebAssembly) once and configures it from the `biome.json` of the repository the generator lives
 * in: generated code follows this repository's style wherever it is written.
 */
export async function createFormatter(root: string): Promise<Formatter> {
  const [{ Biome }, settings] = await Promise.all([
    import("@biomejs/js-api/nodejs"),
    formatterSettings(root),
  ]);
  // One Biome workspace per line width: settings apply to a whole workspace, whatever the project.
  const workspace = (overrides: Record<string, unknown>) => {
    const biome = new Biome();
    const { projectKey } = biome.openProject();
    biome.applyConfiguration(projectKey, {
      ...settings,
      files: { maxSize: MAX_FILE_BYTES },
      formatter: { ...(settings.formatter as object), ...overrides },
    });
    return { biome, projectKey };
  };
  const modules = workspace({});
  const snippets = workspace({ lineWidth: SNIPPET_WIDTH });
  const format = (
    { biome, projectKey }: ReturnType<typeof workspace>,
    code: string,
    file: string,
  ): string => {
    const result = biome.formatContent(projectKey, code, { filePath: file });
    const errors = result.diagnostics.filter((d) => d.severity === "error" || d.severity === "fatal");
    if (errors.length > 0) {
      const why = errors.map((d) => JSON.stringify(d.description)).join("; ");
      throw new Error(`the generator printed ${file} that does not parse: ${why}\n${code}`);
    }
    return result.content;
  };
  return {
    format: (code, file) => format(modules, code, file),
    snippets: (codes) => {
      if (codes.length === 0) return [];
      const batch = format(snippets, codes.join(`\n${SNIPPET_BOUNDARY}\n`), "examples.ts");
      const parts = batch.split(`${SNIPPET_BOUNDARY}\n`).map((part) => part.trim());
      if (parts.length !== codes.length) {
        throw new Error(`the generator's ${codes.length} examples came back from Biome as ${parts.length}`);
      }
      return parts;
    },
  };
}

/** The `formatter` and `javascript.formatter` sections of biome.json: the settings that decide the output. */
async function formatterSettings(root: string): Promise<Record<string, unknown>> {
  const config: unknown = JSON.parse(await readFile(join(root, "biome.json"), "utf8"));
  const formatter = isRecord(config) && isRecord(config.formatter) ? config.formatter : {};
  const js = isRecord(config) && isRecord(config.javascript) ? config.javascript : {};
  return {
    formatter: pick(formatter, ["indentStyle", "indentWidth", "lineWidth", "lineEnding"]),
    javascript: { formatter: isRecord(js.formatter) ? js.formatter : {} },
  };
}

function pick(source: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
