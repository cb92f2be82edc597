import { type CodeBlockWriter, type PrintStructureOptions, printStructure, StructureKind } from "ts-morph";
import type { ApiModel } from "../ir/types.ts";
import { GENERATED_DIR } from "../output/manifest.ts";
import { clientFile } from "./client.ts";
import { indexFile } from "./index-file.ts";
import { jsonSchemasFile } from "./json-schemas.ts";
import { apiMarkdown, patchReadme } from "./markdown.ts";
import { type FileStructures, resourceFile } from "./resources.ts";
import { SchemaTypes } from "./schema-types.ts";
import { headerLine, wrapSignatures } from "./text.ts";
import { SCHEMA_FILE, typesFile, walk } from "./types-file.ts";

export { GENERATED_DIR };

/** The printer settings of every generated TypeScript file (the repo's biome style). */
const PRINT: PrintStructureOptions = { indentNumberOfSpaces: 2, newLine: "\n", useSingleQuote: false };

/** A file the generator produces, relative to the package directory. */
export interface OutputFile {
  path: string;
  content: string;
}

/**
 * Every output of one package, in memory. `readme` is the package README as it is now (or undefined), whose
 * marked section is replaced; nothing here touches the disk.
 */
export function emitPackage(model: ApiModel, readme: string | undefined): OutputFile[] {
  const types = new SchemaTypes(model);
  const header = `// ${headerLine(model.specFile)}\n`;
  const structures: FileStructures[] = [
    clientFile(model),
    indexFile(model),
    typesFile(model, types),
    jsonSchemasFile(model),
    ...[...walk(model.resources)].map((resource) => resourceFile(resource, types)),
  ];
  const files: OutputFile[] = structures.map(({ file, statements }) => ({
    path: `${GENERATED_DIR}/${file}`,
    // Printed straight from the structures: no source file is created, so nothing is parsed back.
    content:
      header +
      wrapSignatures(
        printStructure({ kind: StructureKind.SourceFile, statements: spaced(statements) }, PRINT),
      ),
  }));
  files.push({ path: `${GENERATED_DIR}/${SCHEMA_FILE}`, content: header + types.schemaFile() });
  files.push({ path: "api.md", content: apiMarkdown(model, types) });
  files.push({ path: "README.md", content: patchReadme(model, readme) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A blank line between top-level statements, except within a run of imports or of re-exports. */
function spaced(statements: FileStructures["statements"]): FileStructures["statements"] {
  const kindOf = (s: FileStructures["statements"][number] | undefined) =>
    typeof s === "string"
      ? /^(import|export) (type )?\{/.exec(s)?.[1]
      : s?.kind === StructureKind.ImportDeclaration
        ? "import"
        : s?.kind === StructureKind.ExportDeclaration
          ? "export"
          : undefined;
  const isImport = (s: FileStructures["statements"][number] | undefined, previous: typeof s) =>
    kindOf(s) !== undefined && kindOf(s) === kindOf(previous);
  return statements.map((statement, index) => {
    if (index === 0 || isImport(statement, statements[index - 1])) return statement;
    if (typeof statement === "string") return `\n${statement}`;
    return { ...statement, leadingTrivia: (writer: CodeBlockWriter) => writer.blankLineIfLastNot() };
  });
}
