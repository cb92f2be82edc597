/**
 * A tool's input: one JSON Schema 2020-12 object holding the SDK method's arguments as they are passed to it,
 * all from the IR: the positional path parameter, the other parameters, then the body (its fields, or `body`
 * when the body is not an object). A union body sits next to the parameters as `allOf` (required) or `anyOf`
 * (optional). Component schemas it refers to travel along under `$defs`, so each tool's schema stands alone.
 */
import type { BodyModel, FieldModel, OperationModel, ParameterModel } from "../../ir/model.js";
import type { JsonObject, JsonValue, Schema } from "../../ir/schema.js";
import { type Components, deref, unionViews } from "../../ir/shape.js";
import { parametersOf } from "../../ir/walk.js";
import { compare } from "../../json.js";
import { toJsonSchema } from "../json-schema.js";

const COMPONENTS = "#/components/schemas/";
const DEFS = "#/$defs/";

/** Descriptions and examples stay: they are what an agent reads to fill the arguments in. */
const PROSE = { prose: true } as const;

export function inputSchema(op: OperationModel, components: Components): JsonObject {
  const properties: Record<string, JsonValue> = {};
  const required: string[] = [];
  const used: Schema[] = [];
  const add = (name: string, schema: Schema, doc: Doc, isRequired: boolean) => {
    used.push(schema);
    properties[name] = documented(schema, doc);
    if (isRequired) required.push(name);
  };
  for (const p of parametersOf(op)) add(p.name, parameterSchema(p), p, p.required);
  const { body } = op;
  const combined: Record<string, JsonValue> = {};
  if (body?.kind === "value") add("body", body.schema, body, body.required);
  else if (body && !body.union) {
    for (const f of body.fields) add(f.name, f.schema, f, body.required && f.required);
  } else if (body) {
    // The IR gives a union's shared fields the first variant's schema; the variants themselves decide here.
    for (const f of body.fields) properties[f.name] = f.description ? { description: f.description } : {};
    used.push(body.schema);
    const union = forTool(toJsonSchema(body.schema, PROSE));
    if (body.required) combined.allOf = [union];
    else combined.anyOf = [union, noFieldOf(body, components)];
  }
  const defs = definitions(used, components);
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...combined,
    // A union's fields are listed by its variants, so only a plain object body closes the arguments.
    ...(body?.union ? {} : { additionalProperties: extraFields(body, components) }),
    ...(defs.length > 0 ? { $defs: Object.fromEntries(defs) } : {}),
  };
}

interface Doc {
  readonly description?: string;
  readonly deprecated?: boolean;
}

/** A path parameter is a string in the URL, so one whose schema says nothing is a string. */
function parameterSchema(p: ParameterModel): Schema {
  return p.in === "path" && p.schema.kind === "unknown" ? { ...p.schema, kind: "string" } : p.schema;
}

/** The argument's schema with the parameter's or field's own description, which says more than the type's. */
export function documented(schema: Schema, doc: Doc | FieldModel | BodyModel): JsonValue {
  const json = forTool(toJsonSchema(schema, PROSE));
  if (typeof json !== "object" || json === null || Array.isArray(json)) return json;
  return {
    ...json,
    ...(doc.description ? { description: doc.description } : {}),
    ...("deprecated" in doc && doc.deprecated ? { deprecated: true } : {}),
  };
}

/**
 * What other keys the arguments may hold: none, unless the body declares itself open (`additionalProperties`
 * written as `true` or as a schema), whose extra keys the SDK sends as body fields.
 */
function extraFields(body: BodyModel | undefined, components: Components): JsonValue {
  if (body?.kind !== "fields") return false;
  const target = deref(body.schema, components);
  if (target.kind !== "object") return false;
  if (typeof target.additionalProperties === "object")
    return forTool(toJsonSchema(target.additionalProperties, PROSE));
  return target.declaredOpen === true;
}

/** An optional union body left out: none of the fields any variant has is given. */
function noFieldOf(body: BodyModel, components: Components): JsonValue {
  const names = [
    ...new Set((unionViews(body.schema, components) ?? []).flatMap((v) => v.properties.map((p) => p.name))),
  ].sort(compare);
  return { not: { anyOf: names.map((name) => ({ required: [name] })) } };
}

/** The component schemas reachable from `roots`, as `$defs` entries sorted by name. */
function definitions(roots: readonly Schema[], components: Components): [string, JsonValue][] {
  const seen = new Set<string>();
  const pending = roots.flatMap((root) => [...refsOf(root)]);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...refsOf(components(name)));
  }
  return [...seen]
    .sort(compare)
    .map((name) => [name, forTool(toJsonSchema(components(name), PROSE))] as [string, JsonValue]);
}

/** Every component a schema names directly (not through other components). */
function* refsOf(schema: Schema): Generator<string> {
  switch (schema.kind) {
    case "ref":
      yield schema.target;
      return;
    case "array":
      for (const item of schema.prefixItems ?? []) yield* refsOf(item);
      if (schema.items !== false) yield* refsOf(schema.items);
      return;
    case "object":
      for (const p of schema.properties) yield* refsOf(p.schema);
      if (typeof schema.additionalProperties === "object") yield* refsOf(schema.additionalProperties);
      return;
    case "union":
      for (const variant of schema.variants) yield* refsOf(variant);
      // A discriminator's mapping names components too; they are variants already, or reached from them.
      for (const [, target] of schema.discriminator?.mapping ?? []) yield target;
      return;
    case "allOf":
      for (const part of schema.parts) yield* refsOf(part);
      return;
    default:
      return;
  }
}

const SUBSCHEMA = new Set(["items", "additionalProperties", "not"]);
const SUBSCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SUBSCHEMA_MAP = new Set(["properties", "$defs"]);

/**
 * The IR's JSON Schema as a tool input: references point into `$defs`, and OpenAPI's `discriminator`
 * (not a JSON Schema keyword; the variants' `const`/`enum` values already tell them apart) is left out.
 * Only keywords are rewritten: values (`enum`, `default`, `examples`) and property names are kept as they are.
 */
export function forTool(schema: JsonValue): JsonValue {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "discriminator") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENTS)) {
      out[key] = DEFS + value.slice(COMPONENTS.length);
    } else if (SUBSCHEMA.has(key)) out[key] = forTool(value);
    else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map(forTool);
    else if (SUBSCHEMA_MAP.has(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, forTool(inner)]));
    } else out[key] = value;
  }
  return out;
}
