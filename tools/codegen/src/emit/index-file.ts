import { StructureKind } from "ts-morph";
import type { ApiModel } from "../ir/types.ts";
import { compare } from "../load/load.ts";
import { CLIENT_FILE } from "./client.ts";
import { wrapped } from "./imports.ts";
import { type FileStructures, TYPES_FILE } from "./resources.ts";
import { SCHEMA_FILE, walk } from "./types-file.ts";

/** `src/generated/index.ts`: the client, the resource classes and every public type, by name. */
export function indexFile(model: ApiModel): FileStructures {
  const reexport = (moduleSpecifier: string, names: string[], isTypeOnly = false) =>
    wrapped("export", {
      kind: StructureKind.ExportDeclaration as const,
      moduleSpecifier,
      isTypeOnly,
      namedExports: [...names].sort(compare),
    });
  const resources = [...walk(model.resources)].sort((a, b) => compare(a.file, b.file));
  const typeNames = [
    ...model.schemas.map((s) => s.name),
    ...resources.flatMap((r) => r.operations.flatMap((op) => [op.paramsType, op.response.alias])),
  ].filter((name): name is string => Boolean(name));
  return {
    file: "index.ts",
    statements: [
      reexport(specifier(CLIENT_FILE), [model.client.className]),
      ...resources.map((r) => reexport(specifier(r.file), [r.className])),
      reexport(specifier(SCHEMA_FILE), ["components", "operations", "paths"], true),
      ...(typeNames.length > 0 ? [reexport(specifier(TYPES_FILE), typeNames, true)] : []),
    ],
  };
}

function specifier(file: string): string {
  return `./${file.replace(/\.ts$/, ".js")}`;
}
