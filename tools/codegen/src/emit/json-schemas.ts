import type { ApiModel } from "../ir/types.ts";
import { isRecord } from "../load/load.ts";
import type { FileStructures } from "./resources.ts";
import { printValue } from "./text.ts";
import { walk } from "./types-file.ts";

export const JSON_SCHEMAS_FILE = "json-schemas.ts";

/** Annotations that carry no meaning for validation (prose, examples, OpenAPI-only keywords). */
const DROPPED = new Set(["description", "example", "externalDocs", "summary", "title", "xml"]);
/** Keywords whose value is a map of name -> schema (the names are data, never keywords). */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
/** Keywords whose value is one schema. */
const SCHEMA_VALUES = new Set([
  "items",
  "additionalProperties",
  "not",
  "contains",
  "if",
  "then",
  "else",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/**
 * `json-schemas.ts`: every component schema and every operation's parameters, body and responses as plain
 * JSON Schema 2020-12. The client never imports it (it stays out of the client bundle); the fake server's input
 * guards and the conformance checker do, so the three read one interpretation of the spec.
 */
export function jsonSchemasFile(model: ApiModel): FileStructures {
  const doc = model.document;
  const components = Object.fromEntries(
    Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => [name, clean(schema)]),
  );
  const operations: Record<string, unknown> = {};
  for (const resource of walk(model.resources)) {
    for (const op of resource.operations) {
      const item = resolve(doc, doc.paths?.[op.path]);
      const operation = resolve(doc, item[op.httpMethod.toLowerCase()]);
      const parameters = new Map<string, Record<string, unknown>>();
      for (const raw of [...list(item.parameters), ...list(operation.parameters)]) {
        const param = resolve(doc, raw);
        parameters.set(`${String(param.in)}:${String(param.name)}`, {
          name: param.name,
          in: param.in,
          required: param.in === "path" || param.required === true,
          schema: clean(param.schema ?? {}),
        });
      }
      const body = operation.requestBody === undefined ? undefined : resolve(doc, operation.requestBody);
      const responses = Object.fromEntries(
        Object.entries(resolve(doc, operation.responses)).map(([status, raw]) => [
          status,
          mediaSchema(resolve(doc, raw).content),
        ]),
      );
      operations[`${resource.key}.${op.name}`] = {
        method: op.httpMethod,
        path: op.path,
        ...(op.operationId ? { operationId: op.operationId } : {}),
        parameters: [...parameters.values()],
        ...(body ? { requestBody: { required: body.required === true, ...mediaSchema(body.content) } } : {}),
        responses,
      };
    }
  }
  return {
    file: JSON_SCHEMAS_FILE,
    statements: [
      [
        "/** JSON Schema 2020-12 of every component schema; `$ref`s point at `#/components/schemas/<name>`. */",
        `export const components = ${printValue(components)};`,
      ].join("\n"),
      [
        "/** Every operation's parameters, body and responses as JSON Schema, keyed `<resource>.<method>`. */",
        `export const operations = ${printValue(operations)};`,
      ].join("\n"),
    ],
  };
}

function mediaSchema(content: unknown): { schema?: unknown } {
  const media = isRecord(content) ? content["application/json"] : undefined;
  return isRecord(media) && media.schema !== undefined ? { schema: clean(media.schema) } : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Follows a local `$ref` (path items, parameters, bodies, responses); schema refs are kept as refs. */
function resolve(doc: object, value: unknown): Record<string, unknown> {
  let current = value;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && hops < 32; hops++) {
    current = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), doc);
  }
  return isRecord(current) ? current : {};
}

/** A schema without the OpenAPI-only annotations (and `x-` extensions), keeping every validation keyword. */
function clean(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (SCHEMA_MAPS.has(key) && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, clean(s)]));
    } else if (SCHEMA_VALUES.has(key)) out[key] = clean(value);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(clean);
    else out[key] = value;
  }
  return out;
}
