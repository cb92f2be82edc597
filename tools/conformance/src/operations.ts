import {
  type ApiModel,
  arrayItems,
  type Components,
  compare,
  deref,
  jsonTypes,
  operationsOf,
  parametersOf,
  type Schema,
} from "@sso/codegen";

/** A schema the checker validates with: its place in the checker's JSON Schema document, and its JSON types. */
export interface Checked {
  pointer: string;
  /** What a string from a URL or a header is coerced to; empty when the schema names no type. */
  types: ReadonlySet<string>;
  /** The same for the items, when the value is an array. */
  itemTypes?: ReadonlySet<string>;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: Checked;
}

interface ResponseHeader {
  name: string;
  required: boolean;
  schema?: Checked;
}

interface ResponseSpec {
  /** The JSON body, when the response declares one with a schema. */
  json?: { mediaType: string; schema: Checked };
  hasContent: boolean;
  headers: ResponseHeader[];
}

export interface Operation {
  id: string;
  method: string;
  template: string;
  segments: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; mediaType: string; schema: Checked };
  /** By status as the spec writes it (`200`, `4XX`, `default`). */
  responses: Map<string, ResponseSpec>;
}

/** Files a schema in the checker's document and returns where it went. */
export type Place = (schema: Schema) => string;

/** The checker's view of every operation of the model, sorted by path (so a static segment wins over a parameter). */
export function operationTable(model: ApiModel, place: Place): Operation[] {
  const schemas = new Map<string, Schema>(model.schemas.map((s) => [s.component, s.schema]));
  const components: Components = (name) => schemas.get(name) ?? { kind: "unknown" };
  const checked = (schema: Schema): Checked => {
    const items = arrayItems(schema, components);
    return {
      pointer: place(schema),
      types: typesOf(schema, components),
      ...(items ? { itemTypes: typesOf(items, components) } : {}),
    };
  };
  return [...operationsOf(model)]
    .sort((a, b) => compare(a.path, b.path))
    .map((op) => ({
      id: op.operationId ?? `${op.httpMethod.toLowerCase()} ${op.path}`,
      method: op.httpMethod,
      template: op.path,
      segments: op.path.split("/").slice(1),
      parameters: parametersOf(op).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required,
        schema: checked(p.schema),
      })),
      ...(op.body
        ? {
            requestBody: {
              required: op.body.required,
              mediaType: op.body.mediaType,
              schema: checked(op.body.schema),
            },
          }
        : {}),
      responses: new Map(
        op.responses.map((r) => [
          r.status.toLowerCase() === "default" ? "default" : r.status.toUpperCase(),
          {
            hasContent: r.content !== "none",
            headers: r.headers.map((h) => ({
              name: h.name,
              required: h.required,
              ...(h.schema ? { schema: checked(h.schema) } : {}),
            })),
            ...(r.content === "json" && r.mediaType && r.schema
              ? { json: { mediaType: r.mediaType, schema: checked(r.schema) } }
              : {}),
          },
        ]),
      ),
    }));
}

/** The JSON types a schema names; none for a schema that allows anything. */
function typesOf(schema: Schema, components: Components): ReadonlySet<string> {
  return deref(schema, components).kind === "unknown" ? new Set() : jsonTypes(schema, components);
}
