/**
 * The ir as an OpenAPI 3.1 document again, for openapi-typescript to print `paths`/`components`/`operations` from.
 * It holds exactly what the ir holds, so `schema.ts` and the types this generator prints itself cannot disagree.
 */

import { child } from "../ir/document.js";
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from "../ir/model.js";
import type { JsonObject, JsonValue } from "../ir/schema.js";
import { operationsOf, parametersOf } from "../ir/walk.js";
import { compare } from "../json.js";
import { toJsonSchema } from "./json-schema.js";

/** Prose for JSDoc, and index signatures TypeScript accepts. */
const prose = { prose: true, typesView: true } as const;

export function openapiDocument(model: ApiModel): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const shared = { parameters: new Map<string, JsonObject>(), responses: new Map<string, JsonObject>() };
  for (const op of operationsOf(model)) {
    const item = paths[op.path] ?? {};
    item[op.httpMethod.toLowerCase()] = operation(op, shared);
    paths[op.path] = item;
  }
  const sorted = (map: Map<string, JsonObject>) =>
    Object.fromEntries([...map].sort(([a], [b]) => compare(a, b)));
  return {
    openapi: "3.1.0",
    info: { title: model.client.title, version: model.client.apiVersion },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => compare(a, b))),
    components: {
      schemas: Object.fromEntries(model.schemas.map((s) => [s.component, toJsonSchema(s.schema, prose)])),
      ...(shared.parameters.size > 0 ? { parameters: sorted(shared.parameters) } : {}),
      ...(shared.responses.size > 0 ? { responses: sorted(shared.responses) } : {}),
    },
  };
}

/** Shared parameters and responses, by their component name: the operations refer to them. */
interface Shared {
  readonly parameters: Map<string, JsonObject>;
  readonly responses: Map<string, JsonObject>;
}

/** A `$ref` to a shared component, registering it; the object itself when it is not shared. */
function refer(
  map: Map<string, JsonObject>,
  kind: string,
  component: string | undefined,
  value: JsonObject,
): JsonObject {
  if (!component) return value;
  map.set(component, value);
  return { $ref: child(`#/components/${kind}`, component) };
}

function operation(op: OperationModel, shared: Shared): JsonObject {
  const parameters = parametersOf(op);
  return {
    ...(op.operationId ? { operationId: op.operationId } : {}),
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(parameters.length > 0
      ? {
          parameters: parameters.map((p) =>
            refer(shared.parameters, "parameters", p.component, parameter(p)),
          ),
        }
      : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: { [op.body.mediaType]: { schema: toJsonSchema(op.body.schema, prose) } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      op.responses.map((r) => [r.status, refer(shared.responses, "responses", r.component, response(r))]),
    ),
  };
}

function parameter(p: ParameterModel): JsonObject {
  return {
    name: p.name,
    in: p.in,
    required: p.required,
    ...(p.description ? { description: p.description } : {}),
    ...(p.deprecated ? { deprecated: true } : {}),
    schema: toJsonSchema(p.schema, prose),
  };
}

function response(r: ResponseModel): JsonObject {
  const headers: Record<string, JsonValue> = {};
  for (const h of r.headers) {
    headers[h.name] = {
      ...(h.description ? { description: h.description } : {}),
      ...(h.required ? { required: true } : {}),
      schema: h.schema ? toJsonSchema(h.schema, prose) : { type: "string" },
    };
  }
  return {
    description: r.description ?? r.status,
    ...(r.headers.length > 0 ? { headers } : {}),
    ...(r.mediaType
      ? { content: { [r.mediaType]: { schema: r.schema ? toJsonSchema(r.schema, prose) : {} } } }
      : {}),
  };
}
