import type {
  ArraySchema,
  Components,
  EnumSchema,
  JsonValue,
  NumberSchema,
  ObjectSchema,
  Property,
  Schema,
  StringSchema,
  UnionSchema,
} from "@sso/codegen";

/**
 * A schema the way the rules compare it, keyword by keyword: references followed, `allOf` parts merged into
 * one (earlier parts win, a field required by any part is required), and a union of plain types
 * (`type: [string, integer]`) read as one schema that admits several types. Child schemas stay as they are.
 */
export type Flat = Partial<
  Omit<StringSchema, "kind"> &
    Omit<NumberSchema, "kind"> &
    Omit<ArraySchema, "kind"> &
    Omit<ObjectSchema, "kind"> &
    Omit<UnionSchema, "kind"> &
    Omit<EnumSchema, "kind">
> & {
  /** The JSON types a value may have (`null` included when allowed); undefined: any value. */
  readonly types?: ReadonlySet<string>;
};

const ANNOTATIONS = ["title", "description", "deprecated", "readOnly", "writeOnly", "default", "examples"];
const PLAIN_KINDS = new Set(["string", "number", "integer", "boolean", "null", "array", "object"]);

/** The schema as one set of keywords; `seen` holds the components being merged, so a cycle ends. */
export function flatten(schema: Schema, components: Components, seen: ReadonlySet<string> = new Set()): Flat {
  switch (schema.kind) {
    case "ref": {
      const { kind: _, target, ...own } = schema;
      if (seen.has(target)) return own;
      return allowNull({ ...flatten(components(target), components, new Set([...seen, target])), ...own });
    }
    case "allOf": {
      const { kind: _, parts, ...own } = schema;
      return allowNull({ ...parts.map((part) => flatten(part, components, seen)).reduce(merge, {}), ...own });
    }
    case "union": {
      const { kind: _, ...own } = schema;
      if (!isTypeList(schema)) return own;
      const parts = schema.variants.map((variant) => flatten(variant, components, seen));
      const { variants: _variants, exclusive: _exclusive, ...annotations } = own;
      const types = new Set(parts.flatMap((part) => [...(part.types ?? [])]));
      return allowNull({ ...parts.reduce(merge, {}), ...annotations, types });
    }
    case "enum": {
      const { kind: _, ...own } = schema;
      return { ...own, types: new Set(schema.type ?? schema.values.map(jsonType)) };
    }
    case "unknown":
    case "never": {
      const { kind, ...own } = schema;
      return kind === "never" ? { ...own, types: new Set() } : own;
    }
    default: {
      const { kind, ...own } = schema;
      return allowNull({ ...own, types: new Set([kind]) });
    }
  }
}

function allowNull(flat: Flat): Flat {
  if (!flat.nullable || flat.types === undefined) return flat;
  return { ...flat, types: new Set([...flat.types, "null"]) };
}

/** `type: [string, integer]`: a union whose variants are one plain kind each and say nothing else about it. */
function isTypeList(union: UnionSchema): boolean {
  if (union.exclusive || union.discriminator) return false;
  const kinds = union.variants.map((variant) => variant.kind);
  return (
    new Set(kinds).size === kinds.length &&
    union.variants.every(
      (variant) =>
        PLAIN_KINDS.has(variant.kind) && !variant.nullable && ANNOTATIONS.every((key) => !(key in variant)),
    )
  );
}

/** `a` with what `b` adds: the keywords of `a` win, and the fields are united. */
function merge(a: Flat, b: Flat): Flat {
  if (!a.properties || !b.properties) return { ...b, ...a };
  const properties = new Map<string, Property>(b.properties.map((p) => [p.name, p]));
  for (const property of a.properties) {
    const known = properties.get(property.name);
    properties.set(property.name, { ...property, required: property.required || known?.required === true });
  }
  return { ...b, ...a, properties: [...properties.values()] };
}

/** The JSON type of a value as JSON Schema names it (`1` is a `number`). */
function jsonType(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}
