import { type ExportDeclarationStructure, StructureKind } from "ts-morph";
import { resourcesOf } from "../ir/walk.js";
import { compare } from "../json.js";
import { CLIENT_FILE } from "./client.js";
import type { EmitContext } from "./context.js";
import { type FileStructures, TYPES_FILE } from "./resources.js";
import { SCHEMA_FILE } from "./schema-file.js";

/** `src/generated/index.ts`: the client, the resource classes and every public type, by name. */
export function indexFile(ctx: EmitContext): FileStructures {
  const { model } = ctx;
  const reexport = (file: string, names: string[], isTypeOnly = false): ExportDeclarationStructure => ({
    kind: StructureKind.ExportDeclaration,
    moduleSpecifier: `./${file.replace(/\.ts$/, ".js")}`,
    isTypeOnly,
    namedExports: [...names].sort(compare),
  });
  const resources = [...resourcesOf(model.resources)].sort((a, b) => compare(a.file, b.file));
  const typeNames = [
    ...model.schemas.map((s) => s.name),
    ...resources.flatMap((r) => r.operations.flatMap((op) => [op.paramsType, op.resultAlias])),
  ].filter((name): name is string => Boolean(name));
  return {
    file: "index.ts",
    statements: [
      reexport(CLIENT_FILE, [model.client.className]),
      ...resources.map((r) => reexport(r.file, [r.className])),
      reexport(SCHEMA_FILE, ["components", "operations", "paths"], true),
      ...(typeNames.length > 0 ? [reexport(TYPES_FILE, typeNames, true)] : []),
    ],
  };
}
