/** Questions the ir asks about a `Schema`, through component references: its object fields, JSON types, examples. */
import type { JsonType, ResponseShape } from "./model.js";
import type { JsonObject, JsonValue, Property, Schema } from "./schema.js";

/** Resolves a component name to its schema. */
export type Components = (name: string) => Schema;

/** The fields of an object schema, merged through references and `allOf`. */
export interface ObjectView {
  readonly properties: readonly Property[];
  readonly nullable: boolean;
  /** No property and no other key allowed: only `{}`. */
  readonly closedEmpty: boolean;
}

/** Follows references to the schema they name (a reference cycle ends as `unknown`). */
export function deref(schema: Schema, components: Components): Schema {
  const seen = new Set<string>();
  let current = schema;
  while (current.kind === "ref") {
    if (seen.has(current.target)) return { kind: "unknown" };
    seen.add(current.target);
    current = components(current.target);
  }
  return current;
}

/** The merged fields when `schema` is a plain object (or an `allOf` of objects); undefined otherwise. */
export function objectView(schema: Schema, components: Components, depth = 0): ObjectView | undefined {
  if (depth > 16) return undefined;
  const target = deref(schema, components);
  if (target.kind === "object") {
    return {
      properties: target.properties,
      nullable: target.nullable === true || schema.nullable === true,
      closedEmpty:
        target.properties.length === 0 &&
        (target.additionalProperties === false || target.maxProperties === 0) &&
        !target.requiredOnly,
    };
  }
  if (target.kind !== "allOf") return undefined;
  const merged = new Map<string, Property>();
  let nullable = true;
  let closedEmpty = false;
  for (const part of target.parts) {
    const view = objectView(part, components, depth + 1);
    if (!view) return undefined;
    nullable &&= view.nullable;
    closedEmpty ||= view.closedEmpty;
    for (const property of view.properties) {
      const known = merged.get(property.name);
      merged.set(property.name, {
        ...property,
        required: property.required || known?.required === true,
      });
    }
  }
  return { properties: [...merged.values()], nullable, closedEmpty };
}

/** The object views of a union's variants, when every variant is an object; undefined otherwise. */
export function unionViews(schema: Schema, components: Components): readonly ObjectView[] | undefined {
  const target = deref(schema, components);
  if (target.kind !== "union") return undefined;
  const views = target.variants.map((variant) => objectView(variant, components));
  return views.every((view) => view !== undefined) ? (views as ObjectView[]) : undefined;
}

/** The item schema when `schema` is an array. */
export function arrayItems(schema: Schema, components: Components): Schema | undefined {
  const target = deref(schema, components);
  return target.kind === "array" && target.items !== false && !target.prefixItems ? target.items : undefined;
}

const ALL_TYPES: readonly JsonType[] = ["object", "array", "string", "number", "integer", "boolean", "null"];

/** The JSON types a value of `schema` may have (`integer` counts as `number` too). */
export function jsonTypes(schema: Schema, components: Components, depth = 0): Set<JsonType> {
  if (depth > 16) return new Set(ALL_TYPES);
  const target = deref(schema, components);
  const types = new Set<JsonType>();
  switch (target.kind) {
    case "string":
    case "boolean":
    case "null":
    case "array":
    case "object":
      types.add(target.kind);
      break;
    case "number":
      types.add("number");
      types.add("integer");
      break;
    case "integer":
      types.add("integer");
      break;
    case "enum":
      for (const value of target.values) types.add(typeOfJson(value));
      break;
    case "union":
      for (const variant of target.variants)
        for (const t of jsonTypes(variant, components, depth + 1)) types.add(t);
      break;
    case "allOf": {
      const [first, ...rest] = target.parts.map((part) => jsonTypes(part, components, depth + 1));
      for (const t of first ?? ALL_TYPES) if (rest.every((set) => set.has(t))) types.add(t);
      break;
    }
    case "unknown":
      for (const t of ALL_TYPES) types.add(t);
      break;
    case "never":
      break;
  }
  if (target.nullable || schema.nullable) types.add("null");
  return types;
}

/** Properties every object value of `schema` has. */
function requiredProperties(schema: Schema, components: Components, depth = 0): Set<string> {
  if (depth > 16) return new Set();
  const target = deref(schema, components);
  if (target.kind === "object") {
    return new Set([
      ...target.properties.filter((p) => p.required).map((p) => p.name),
      ...(target.requiredOnly ?? []),
    ]);
  }
  if (target.kind === "allOf") {
    const out = new Set<string>();
    for (const part of target.parts)
      for (const name of requiredProperties(part, components, depth + 1)) out.add(name);
    return out;
  }
  if (target.kind === "union") {
    const sets = target.variants
      .filter((variant) => jsonTypes(variant, components).has("object"))
      .map((variant) => requiredProperties(variant, components, depth + 1));
    const [first, ...rest] = sets;
    return new Set([...(first ?? [])].filter((name) => rest.every((set) => set.has(name))));
  }
  return new Set();
}

/** What the runtime can check of a body: its JSON types and required top-level properties; undefined for "anything". */
export function responseShape(schemas: readonly Schema[], components: Components): ResponseShape | undefined {
  const types = new Set<JsonType>();
  for (const schema of schemas) for (const t of jsonTypes(schema, components)) types.add(t);
  if (types.size === ALL_TYPES.length || types.size === 0) return undefined;
  const requiredSets = schemas.map((schema) => requiredProperties(schema, components));
  const [first, ...rest] = requiredSets;
  const required = [...(first ?? [])].filter((name) => rest.every((set) => set.has(name)));
  if (types.has("integer") && types.has("number")) types.delete("integer");
  return { types: ALL_TYPES.filter((t) => types.has(t)), required };
}

function typeOfJson(value: JsonValue): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "string" | "boolean";
}

/** A JSON value of the schema's type for `@example`s: the spec's own example when it has one. */
export function exampleOf(schema: Schema, components: Components, depth = 0): JsonValue {
  // Deep enough: an empty array ends a recursion through array items.
  if (depth > 8) return deref(schema, components).kind === "array" ? [] : null;
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.kind === "ref") return exampleOf(components(schema.target), components, depth + 1);
  switch (schema.kind) {
    case "enum":
      return schema.values[0] ?? null;
    case "union":
      return schema.variants[0] ? exampleOf(schema.variants[0], components, depth + 1) : null;
    case "array":
      if (schema.prefixItems) return schema.prefixItems.map((item) => exampleOf(item, components, depth + 1));
      return schema.items === false ? [] : [exampleOf(schema.items, components, depth + 1)];
    case "object":
    case "allOf": {
      const view = objectView(schema, components);
      if (!view && schema.kind === "allOf") {
        // Every part holds: an object example has the fields of each.
        const parts = schema.parts.map((part) => exampleOf(part, components, depth + 1));
        const objects = parts.filter(
          (p): p is JsonObject => typeof p === "object" && p !== null && !Array.isArray(p),
        );
        return objects.length === parts.length ? Object.assign({}, ...objects) : (parts[0] ?? null);
      }
      if (!view) return {};
      return Object.fromEntries(
        view.properties
          .filter((p) => p.required && !p.schema.readOnly)
          .map((p) => [p.name, exampleOf(p.schema, components, depth + 1)]),
      );
    }
    case "string":
      return stringExample(schema.format);
    case "number":
    case "integer":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    default:
      return null;
  }
}

function stringExample(format: string | undefined): string {
  switch (format) {
    case "date-time":
      return "2025-01-01T00:00:00Z";
    case "date":
      return "2025-01-01";
    case "uuid":
      return "00000000-0000-0000-0000-000000000000";
    case "uri":
    case "url":
      return "https://example.com";
    case "email":
      return "user@example.com";
    default:
      return "string";
  }
}

/** True when some property reachable from `schema` is readOnly or writeOnly. */
export function isDirectional(schema: Schema, components: Components, seen = new Set<string>()): boolean {
  if (schema.readOnly || schema.writeOnly) return true;
  switch (schema.kind) {
    case "ref":
      if (seen.has(schema.target)) return false;
      seen.add(schema.target);
      return isDirectional(components(schema.target), components, seen);
    case "array":
      return (
        (schema.items !== false && isDirectional(schema.items, components, seen)) ||
        (schema.prefixItems ?? []).some((item) => isDirectional(item, components, seen))
      );
    case "object":
      return (
        schema.properties.some((p) => isDirectional(p.schema, components, seen)) ||
        (typeof schema.additionalProperties === "object" &&
          isDirectional(schema.additionalProperties, components, seen))
      );
    case "union":
      return schema.variants.some((v) => isDirectional(v, components, seen));
    case "allOf":
      return schema.parts.some((p) => isDirectional(p, components, seen));
    default:
      return false;
  }
}

/** A value's own description, else that of the component it refers to. */
export function describe(schema: Schema, components: Components): string | undefined {
  if (schema.description) return schema.description;
  return schema.kind === "ref" ? deref(schema, components).description : undefined;
}

/**
 * True when a component reaches itself through references, unions, `allOf` and array items alone
 * (`A: { oneOf: [A, B] }`, `A: { type: array, items: { $ref: A } }`): the types printed for it would refer to
 * themselves eagerly, which TypeScript rejects. An object property in between makes recursion fine.
 */
export function selfContaining(component: string, components: Components): boolean {
  const visit = (schema: Schema, seen: ReadonlySet<string>): boolean => {
    switch (schema.kind) {
      case "ref":
        if (schema.target === component) return true;
        if (seen.has(schema.target)) return false;
        return visit(components(schema.target), new Set([...seen, schema.target]));
      case "union":
        return schema.variants.some((v) => visit(v, seen));
      case "allOf":
        return schema.parts.some((p) => visit(p, seen));
      case "array":
        return (
          (schema.items !== false && visit(schema.items, seen)) ||
          (schema.prefixItems ?? []).some((i) => visit(i, seen))
        );
      default:
        return false;
    }
  };
  return visit(components(component), new Set([component]));
}

/**
 * The components that have no finite value: a required property (or a minimum of items) leads back to them with
 * no way out (`A: { required: [next], properties: { next: { $ref: A } } }`). Neither side could ever send one.
 */
export function infiniteComponents(names: readonly string[], components: Components): string[] {
  const finite = new Set<string>();
  const holds = (schema: Schema): boolean => {
    if (schema.nullable) return true;
    switch (schema.kind) {
      case "ref":
        return finite.has(schema.target);
      case "array":
        return (
          (schema.prefixItems ?? []).every(holds) &&
          ((schema.minItems ?? 0) === 0 || (schema.items !== false && holds(schema.items)))
        );
      case "object":
        return schema.properties.every((p) => !p.required || holds(p.schema));
      case "union":
        return schema.variants.some(holds);
      case "allOf":
        return schema.parts.every(holds);
      case "never":
        return false;
      default:
        return true;
    }
  };
  // The least fixed point: a component is finite once its schema holds with what is known finite so far.
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of names) {
      if (!finite.has(name) && holds(components(name))) {
        finite.add(name);
        changed = true;
      }
    }
  }
  return names.filter((name) => !finite.has(name));
}
