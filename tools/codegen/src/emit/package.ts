import {
  type PrintStructureOptions,
  printStructure,
  type StatementStructures,
  StructureKind,
} from "ts-morph";
import type { ApiModel } from "../ir/model.js";
import { resourcesOf } from "../ir/walk.js";
import { compare } from "../json.js";
import { GENERATED_DIR } from "../output/readme.js";
import { clientFile } from "./client.js";
import { emitContext } from "./context.js";
import type { Formatter } from "./format.js";
import { indexFile } from "./index-file.js";
import { jsonSchemasFile } from "./json-schemas.js";
import { apiMarkdown, patchReadme } from "./markdown.js";
import { type FileStructures, resourceFile } from "./resources.js";
import { SCHEMA_FILE, schemaFile } from "./schema-file.js";
import { headerLine } from "./text.js";
import { typesFile } from "./types-file.js";

/** ts-morph prints the structures; Biome then formats every file the same way. */
export const PRINT: PrintStructureOptions = { indentNumberOfSpaces: 2, newLine: "\n", useSingleQuote: false };

/** A file the generator produces, relative to the package directory. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Every output of one package, in memory. `readme` is the package README as it is now (or undefined), whose
 * marked section is replaced; nothing here touches the disk.
 */
export function emitPackage(model: ApiModel, readme: string | undefined, formatter: Formatter): OutputFile[] {
  const ctx = emitContext(model, formatter);
  const header = `// ${headerLine(model.specFile)}\n`;
  const structures: FileStructures[] = [
    clientFile(ctx),
    indexFile(ctx),
    typesFile(ctx),
    jsonSchemasFile(model),
    ...[...resourcesOf(model.resources)].map((resource) => resourceFile(ctx, resource)),
  ];
  const typescript = (file: string, code: string): OutputFile => ({
    path: `${GENERATED_DIR}/${file}`,
    content: formatter.format(header + code, file),
  });
  const files: OutputFile[] = structures.map(({ file, statements }) =>
    typescript(
      file,
      printStructure({ kind: StructureKind.SourceFile, statements: spaced(statements) }, PRINT),
    ),
  );
  files.push(typescript(SCHEMA_FILE, schemaFile(model)));
  files.push({ path: "api.md", content: apiMarkdown(model) });
  files.push({ path: "README.md", content: patchReadme(model, readme) });
  return files.sort((a, b) => compare(a.path, b.path));
}

/** A blank line before each top-level statement, except within a run of imports or of re-exports. */
export function spaced(statements: readonly StatementStructures[]): StatementStructures[] {
  const group = (s: StatementStructures | undefined) =>
    s?.kind === StructureKind.ImportDeclaration || s?.kind === StructureKind.ExportDeclaration
      ? s.kind
      : undefined;
  return statements.map((statement, index) => {
    const previous = statements[index - 1];
    if (index === 0 || (group(statement) !== undefined && group(statement) === group(previous)))
      return statement;
    return { ...statement, leadingTrivia: (writer) => writer.blankLineIfLastNot() };
  });
}
