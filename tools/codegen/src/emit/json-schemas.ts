import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiModel, OperationModel } from "../ir/model.js";
import { operationsOf, parametersOf } from "../ir/walk.js";
import { toJsonSchema } from "./json-schema.js";
import { literal } from "./literal.js";
import type { FileStructures } from "./resources.js";

const JSON_SCHEMAS_FILE = "json-schemas.ts";

const noProse = { prose: false } as const;

/**
 * `json-schemas.ts`: every component schema and every operation's parameters, body and responses as plain
 * JSON Schema 2020-12. The client never imports it (it stays out of the client bundle); the fake server's input
 * guards and the conformance checker do, so they read the spec the way the generator does.
 */
export function jsonSchemasFile(model: ApiModel): FileStructures {
  const components = Object.fromEntries(
    model.schemas.map((s) => [s.component, toJsonSchema(s.schema, noProse)]),
  );
  const operations = Object.fromEntries([...operationsOf(model)].map((op) => [op.key, operation(op)]));
  const constant = (name: string, doc: string, value: unknown) => ({
    kind: StructureKind.VariableStatement as const,
    isExported: true,
    docs: [doc],
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, initializer: literal(value) }],
  });
  return {
    file: JSON_SCHEMAS_FILE,
    statements: [
      constant(
        "components",
        "JSON Schema 2020-12 of every component schema; `$ref`s point at `#/components/schemas/<name>`.",
        components,
      ),
      constant(
        "operations",
        "Every operation's parameters, body and responses as JSON Schema, keyed `<resource>.<method>`.",
        operations,
      ),
    ],
  };
}

function operation(op: OperationModel): Record<string, unknown> {
  return {
    method: op.httpMethod,
    path: op.path,
    ...(op.operationId ? { operationId: op.operationId } : {}),
    parameters: parametersOf(op).map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      schema: toJsonSchema(p.schema, noProse),
    })),
    ...(op.body
      ? { requestBody: { required: op.body.required, schema: toJsonSchema(op.body.schema, noProse) } }
      : {}),
    responses: Object.fromEntries(
      op.responses.map((r) => [
        r.status,
        r.schema && r.content === "json" ? { schema: toJsonSchema(r.schema, noProse) } : {},
      ]),
    ),
  };
}
