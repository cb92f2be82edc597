import type { OpenAPI3, ReferenceObject, SchemaObject } from "openapi-typescript";
import { isRecord } from "../load/load.ts";
import { formatPointer, parsePointer } from "../load/source.ts";
import type { TypeRef } from "./types.ts";

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** A value found in the document together with the JSON pointer it was found at. */
export interface Located<T> {
  value: T;
  pointer: string;
}

/** Reads schemas of one bundled document: follows `$ref`s and answers shape questions the ir stage asks. */
export class Schemas {
  constructor(
    readonly document: OpenAPI3,
    /** Component schema name -> public alias. */
    readonly aliases: ReadonlyMap<string, string>,
  ) {}

  /** Follows `$ref` chains (all local after bundling) to the referenced value and its pointer. */
  deref<T>(value: T | ReferenceObject, pointer: string): Located<T> {
    const seen = new Set<string>();
    let current: unknown = value;
    let at = pointer;
    while (isRecord(current) && typeof current.$ref === "string" && !seen.has(current.$ref)) {
      seen.add(current.$ref);
      at = current.$ref;
      current = this.get(current.$ref);
    }
    return { value: current as T, pointer: at };
  }

  get(pointer: string): unknown {
    let node: unknown = this.document;
    for (const segment of parsePointer(pointer)) {
      node = Array.isArray(node) ? node[Number(segment)] : isRecord(node) ? node[segment] : undefined;
    }
    return node;
  }

  /** The TypeScript type for a schema: its public alias when it is a `$ref` to a component, inline otherwise. */
  typeOf(schema: SchemaObject | ReferenceObject, pointer: string): TypeRef {
    if ("$ref" in schema && typeof schema.$ref === "string") {
      const component = decodeURIComponent(SCHEMA_REF.exec(schema.$ref)?.[1] ?? "");
      const alias = this.aliases.get(component.replace(/~1/g, "/").replace(/~0/g, "~"));
      const target = this.deref<SchemaObject>(schema, pointer);
      // A component that is only `type: string` (an identifier, say) reads better as `string` in signatures.
      if (alias && !isPlainPrimitive(target.value)) return { kind: "named", name: alias };
      return { kind: "inline", schema: target.value, pointer: target.pointer };
    }
    return { kind: "inline", schema: schema as SchemaObject, pointer };
  }

  /**
   * The properties of an object schema, merged through `$ref` and `allOf`; undefined when the schema is not
   * a plain object (a union, an array, a primitive).
   */
  objectShape(schema: SchemaObject | ReferenceObject, pointer: string): ObjectShape | undefined {
    const { value, pointer: at } = this.deref<SchemaObject>(schema, pointer);
    if (!isRecord(value) || value.oneOf || value.anyOf) return undefined;
    const type = (value as { type?: unknown }).type;
    const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
    if (types.some((t) => t !== "object" && t !== "null")) return undefined;
    const shape: ObjectShape = { properties: [], required: new Set(), nullable: types.includes("null") };
    for (const [index, part] of (value.allOf ?? []).entries()) {
      const inner = this.objectShape(part, `${at}/allOf/${index}`);
      if (!inner) return undefined;
      mergeShape(shape, inner);
    }
    const own = value as { properties?: Record<string, SchemaObject | ReferenceObject>; required?: string[] };
    mergeShape(shape, {
      properties: Object.entries(own.properties ?? {}).map(([name, property]) => ({
        name,
        schema: property,
        pointer: `${at}/properties/${formatPointer([name]).slice(2)}`,
      })),
      required: new Set(own.required ?? []),
      nullable: false,
    });
    if (types.length === 0 && shape.properties.length === 0 && !value.allOf) return undefined;
    return shape;
  }

  /** The object shape of each variant when `schema` is a `oneOf`/`anyOf` of objects; undefined otherwise. */
  unionShapes(schema: SchemaObject | ReferenceObject, pointer: string): ObjectShape[] | undefined {
    const { value, pointer: at } = this.deref<SchemaObject>(schema, pointer);
    const key = value.oneOf ? "oneOf" : value.anyOf ? "anyOf" : undefined;
    if (!key) return undefined;
    const shapes = (value[key] ?? []).map((variant, index) =>
      this.objectShape(variant, `${at}/${key}/${index}`),
    );
    return shapes.length > 0 && shapes.every((shape) => shape !== undefined)
      ? (shapes as ObjectShape[])
      : undefined;
  }

  /** The item schema when `schema` is an array, through `$ref`s. */
  arrayItems(schema: SchemaObject | ReferenceObject, pointer: string): Located<SchemaObject> | undefined {
    const { value, pointer: at } = this.deref<SchemaObject>(schema, pointer);
    const type = (value as { type?: unknown }).type;
    const isArray = type === "array" || (Array.isArray(type) && type.includes("array"));
    const items = (value as { items?: SchemaObject }).items;
    return isArray && isRecord(items) ? { value: items, pointer: `${at}/items` } : undefined;
  }

  /** The description to show for a value: its own, else the referenced schema's. */
  describe(schema: SchemaObject | ReferenceObject | undefined, pointer: string): string | undefined {
    if (!schema) return undefined;
    if (typeof schema.description === "string") return schema.description;
    const target = this.deref(schema, pointer).value;
    return isRecord(target) && typeof target.description === "string" ? target.description : undefined;
  }

  /** A JSON value of the schema's type for `@example`s: the spec's own example when it has one. */
  example(schema: SchemaObject | ReferenceObject | undefined, pointer: string, depth = 0): unknown {
    if (!schema || depth > 8) return null;
    const { value, pointer: at } = this.deref<SchemaObject>(schema, pointer);
    if (!isRecord(value)) return null;
    if ("example" in value) return value.example;
    const examples = (value as { examples?: unknown }).examples;
    if (Array.isArray(examples) && examples.length > 0) return examples[0];
    if ("const" in value) return value.const;
    if (Array.isArray(value.enum) && value.enum.length > 0) return value.enum[0];
    if ("default" in value) return value.default;
    const union = value.oneOf ?? value.anyOf;
    if (union?.[0]) return this.example(union[0], `${at}/${value.oneOf ? "oneOf" : "anyOf"}/0`, depth + 1);
    const shape = this.objectShape(value, at);
    if (shape) {
      return Object.fromEntries(
        shape.properties
          .filter((property) => shape.required.has(property.name))
          .map((property) => [property.name, this.example(property.schema, property.pointer, depth + 1)]),
      );
    }
    const items = this.arrayItems(value, at);
    if (items) return [this.example(items.value, items.pointer, depth + 1)];
    const type = primaryType(value);
    if (type === "string") return stringExample((value as { format?: string }).format);
    if (type === "integer" || type === "number") return (value as { minimum?: number }).minimum ?? 1;
    if (type === "boolean") return true;
    return null;
  }
}

export interface ObjectShape {
  properties: { name: string; schema: SchemaObject | ReferenceObject; pointer: string }[];
  required: Set<string>;
  nullable: boolean;
}

function mergeShape(into: ObjectShape, from: ObjectShape): void {
  for (const property of from.properties) {
    const index = into.properties.findIndex((p) => p.name === property.name);
    if (index >= 0) into.properties[index] = property;
    else into.properties.push(property);
  }
  for (const name of from.required) into.required.add(name);
  into.nullable ||= from.nullable;
}

function primaryType(schema: SchemaObject): string | undefined {
  const type = (schema as { type?: unknown }).type;
  if (Array.isArray(type)) return type.find((t) => t !== "null") as string | undefined;
  return typeof type === "string" ? type : undefined;
}

function isPlainPrimitive(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const type = schema.type;
  return (
    (type === "string" || type === "number" || type === "integer" || type === "boolean") &&
    !("enum" in schema) &&
    !("const" in schema) &&
    !schema.allOf &&
    !schema.oneOf &&
    !schema.anyOf
  );
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

/** The JSON types a body may have and the properties every object variant requires: what the runtime checks. */
export interface JsonShape {
  types: string[];
  required?: string[];
}

const JSON_TYPES = ["object", "array", "string", "number", "integer", "boolean", "null"];

/**
 * The top-level shape of a schema for the runtime's response check: its JSON types (through `$ref`,
 * `allOf`, `oneOf`/`anyOf`, `enum`/`const`, 3.0 `nullable`) and the required properties common to every
 * object variant. Undefined when the schema does not pin its type down, so nothing is checked.
 */
export function jsonShape(
  schemas: Schemas,
  schema: unknown,
  pointer: string,
  depth = 0,
): JsonShape | undefined {
  if (depth > 16) return undefined;
  const { value, pointer: at } = schemas.deref<SchemaObject>(schema as SchemaObject, pointer);
  if (!isRecord(value)) return undefined;
  const union = value.oneOf ?? value.anyOf;
  const own = ownTypes(value);
  let shape: JsonShape | undefined;
  if (union) {
    const key = value.oneOf ? "oneOf" : "anyOf";
    const variants = union.map((v, i) => jsonShape(schemas, v, `${at}/${key}/${i}`, depth + 1));
    if (variants.some((v) => v === undefined)) return undefined;
    const objects = (variants as JsonShape[]).filter((v) => v.types.includes("object"));
    shape = {
      types: [...new Set((variants as JsonShape[]).flatMap((v) => v.types))],
      ...requiredOf(objects.map((v) => v.required ?? [])),
    };
  } else if (value.allOf) {
    const parts = value.allOf.map((p, i) => jsonShape(schemas, p, `${at}/allOf/${i}`, depth + 1));
    const typed = parts.filter((p): p is JsonShape => p !== undefined);
    const types = typed.reduce<string[] | undefined>(
      (acc, p) => (acc ? acc.filter((t) => p.types.includes(t)) : p.types),
      own,
    );
    if (!types) return undefined;
    const required = [
      ...new Set([...typed.flatMap((p) => p.required ?? []), ...((value.required as string[]) ?? [])]),
    ];
    shape = { types, ...(required.length > 0 ? { required } : {}) };
  } else {
    if (!own) return undefined;
    const required = (value.required as string[] | undefined) ?? [];
    shape = {
      types: own,
      ...(own.includes("object") && required.length > 0 ? { required: [...required] } : {}),
    };
  }
  if ((value as { nullable?: unknown }).nullable === true && !shape.types.includes("null"))
    shape.types.push("null");
  shape.types.sort((a, b) => JSON_TYPES.indexOf(a) - JSON_TYPES.indexOf(b));
  if (shape.required) shape.required.sort();
  return shape;
}

/** The types a schema states itself: `type`, else what its `enum`/`const` values are, else implied by keywords. */
function ownTypes(value: Record<string, unknown>): string[] | undefined {
  const type = value.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  const values = "const" in value ? [value.const] : Array.isArray(value.enum) ? value.enum : undefined;
  if (values) {
    const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
    return [...new Set(values.map(kind))].filter((t) => JSON_TYPES.includes(t));
  }
  if (isRecord(value.properties) || Array.isArray(value.required)) return ["object"];
  if (isRecord(value.items)) return ["array"];
  return undefined;
}

/** The properties required by every one of several object variants. */
function requiredOf(lists: string[][]): { required?: string[] } {
  const [first, ...rest] = lists;
  const common = (first ?? []).filter((name) => rest.every((list) => list.includes(name)));
  return common.length > 0 ? { required: common } : {};
}
