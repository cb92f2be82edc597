/**
 * Reads JSON Schemas of the bundled spec into the ir's own `Schema` model, once each. A keyword that would change
 * what a value may be and that the model cannot hold is refused where it stands, so the output never means less
 * than the spec says.
 */
import { child, type Document, isRecord, type Raw } from "./document.js";
import type { Problems } from "./problems.js";
import type {
  Annotations,
  Discriminator,
  JsonValue,
  ObjectSchema,
  Property,
  Schema,
  StringSchema,
} from "./schema.js";

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;
/** The pointer of a component schema itself (where `x-sdk-name` may stand). */
const COMPONENT_POINTER = /^#\/components\/schemas\/[^/]+$/;

/** Keywords the model reads. */
const ANNOTATIONS = [
  "title",
  "description",
  "deprecated",
  "readOnly",
  "writeOnly",
  "default",
  "example",
  "examples",
] as const;
/** Keywords that carry no meaning for values or types, accepted and dropped. */
const IGNORED = new Set(["$comment", "$schema", "externalDocs", "xml"]);
const STRING_KEYS = ["format", "minLength", "maxLength", "pattern", "contentMediaType", "contentEncoding"];
const NUMBER_KEYS = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_KEYS = ["items", "prefixItems", "minItems", "maxItems", "uniqueItems"];
const OBJECT_KEYS = ["properties", "required", "additionalProperties", "minProperties", "maxProperties"];
const COMPOSITION = ["allOf", "oneOf", "anyOf", "discriminator"];
const KNOWN = new Set<string>([
  "$ref",
  "type",
  "enum",
  "const",
  ...ANNOTATIONS,
  ...STRING_KEYS,
  ...NUMBER_KEYS,
  ...ARRAY_KEYS,
  ...OBJECT_KEYS,
  ...COMPOSITION,
]);
/** Keywords TypeScript types cannot express; refused rather than silently widened. */
const REFUSED: Record<string, string> = {
  not: "`not` cannot be expressed as a TypeScript type",
  if: "`if`/`then`/`else` cannot be expressed as a TypeScript type",
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, as a key of this table
  then: "`if`/`then`/`else` cannot be expressed as a TypeScript type",
  else: "`if`/`then`/`else` cannot be expressed as a TypeScript type",
  patternProperties:
    "`patternProperties` cannot be expressed as a TypeScript type; use `additionalProperties`",
  propertyNames: "`propertyNames` cannot be expressed as a TypeScript type",
  dependentSchemas: "`dependentSchemas` cannot be expressed as a TypeScript type",
  dependentRequired: "`dependentRequired` cannot be expressed as a TypeScript type",
  unevaluatedProperties: "`unevaluatedProperties` is not supported; use `additionalProperties`",
  unevaluatedItems: "`unevaluatedItems` is not supported; use `items`",
  contains: "`contains` cannot be expressed as a TypeScript type",
  minContains: "`minContains` cannot be expressed as a TypeScript type",
  maxContains: "`maxContains` cannot be expressed as a TypeScript type",
  $defs: "`$defs` inside a schema is not supported; move it to `components.schemas`",
  $id: "`$id` is not supported; schemas are referenced through `components.schemas`",
  $anchor: "`$anchor` is not supported; schemas are referenced through `components.schemas`",
  $dynamicRef: "`$dynamicRef` is not supported",
  $dynamicAnchor: "`$dynamicAnchor` is not supported",
  nullable: '`nullable` is OpenAPI 3.0; in 3.1 write `type: [<type>, "null"]`',
};
const TYPES = new Set(["string", "number", "integer", "boolean", "null", "array", "object"]);

export class SchemaReader {
  readonly #components = new Map<string, Schema>();
  readonly #reading = new Set<string>();
  /** Every `allOf` read, with its pointer: checked once all components are known (see `intersections`). */
  readonly intersections: { schema: Schema; pointer: string }[] = [];

  constructor(
    readonly doc: Document,
    readonly problems: Problems,
  ) {}

  /** The component schema named `name` (read once). */
  component(name: string): Schema {
    const known = this.#components.get(name);
    if (known) return known;
    const pointer = child("#/components/schemas", name);
    const schema = this.read(this.doc.at(pointer), pointer);
    this.#components.set(name, schema);
    return schema;
  }

  /** Whether a component exists. */
  hasComponent(name: string): boolean {
    return this.doc.at(child("#/components/schemas", name)) !== undefined;
  }

  read(raw: unknown, pointer: string): Schema {
    if (raw === true || (isRecord(raw) && Object.keys(raw).length === 0)) return { kind: "unknown" };
    if (raw === false) return { kind: "never" };
    if (!isRecord(raw)) {
      this.problems.add(pointer, "expected a schema object");
      return { kind: "unknown" };
    }
    for (const key of Object.keys(raw)) {
      if (key.startsWith("x-sdk-") && !(key === "x-sdk-name" && COMPONENT_POINTER.test(pointer))) {
        this.problems.add(
          child(pointer, key),
          `unknown extension \`${key}\` here (\`x-sdk-name\` names a component schema)`,
        );
        continue;
      }
      if (key.startsWith("x-") || IGNORED.has(key) || KNOWN.has(key)) continue;
      this.problems.add(child(pointer, key), REFUSED[key] ?? `unknown schema keyword \`${key}\``);
    }
    const annotations = this.#annotations(raw, pointer);
    if (typeof raw.$ref === "string") return this.#ref(raw, pointer, annotations);
    const own = this.#own(raw, pointer);
    const parts: Schema[] = [];
    if (Array.isArray(raw.allOf)) {
      raw.allOf.forEach((part, index) => {
        parts.push(this.read(part, child(pointer, "allOf", index)));
      });
    }
    for (const key of ["oneOf", "anyOf"] as const) {
      const list = raw[key];
      if (!Array.isArray(list)) continue;
      const variants = list.map((variant, index) => this.read(variant, child(pointer, key, index)));
      const discriminator = this.#discriminator(raw, pointer, variants);
      parts.push({
        kind: "union",
        variants,
        exclusive: key === "oneOf",
        ...(discriminator ? { discriminator } : {}),
      });
    }
    if (raw.oneOf && raw.anyOf) {
      this.problems.add(
        pointer,
        "a schema with both `oneOf` and `anyOf` is not supported; nest one in `allOf`",
      );
    }
    if (raw.discriminator !== undefined && !raw.oneOf && !raw.anyOf) {
      this.problems.add(
        child(pointer, "discriminator"),
        "`discriminator` needs a `oneOf` or `anyOf` next to it",
      );
    }
    if (own) parts.unshift(own);
    if (parts.length === 0) return { kind: "unknown", ...annotations };
    if (parts.length === 1) return withAnnotations(parts[0] as Schema, annotations);
    const schema: Schema = { kind: "allOf", parts, ...annotations };
    this.intersections.push({ schema, pointer });
    return schema;
  }

  #ref(raw: Raw, pointer: string, annotations: Annotations): Schema {
    const ref = raw.$ref as string;
    const siblings = Object.keys(raw).filter(
      (key) =>
        key !== "$ref" && !key.startsWith("x-") && !IGNORED.has(key) && !ANNOTATIONS.includes(key as never),
    );
    const match = COMPONENT_REF.exec(ref);
    let target: Schema;
    if (match) {
      const name = (match[1] ?? "").replace(/~1/g, "/").replace(/~0/g, "~");
      if (!this.hasComponent(name)) {
        this.problems.add(child(pointer, "$ref"), `\`$ref\` names the missing schema \`${ref}\``);
        return { kind: "unknown", ...annotations };
      }
      target = { kind: "ref", target: name };
    } else if (ref.startsWith("#/")) {
      // A ref into the middle of another schema: read the target where it is.
      if (this.#reading.has(ref)) {
        this.problems.add(child(pointer, "$ref"), `\`${ref}\` refers to itself; give it a component`);
        return { kind: "unknown", ...annotations };
      }
      const value = this.doc.at(ref);
      if (value === undefined) {
        this.problems.add(child(pointer, "$ref"), `\`$ref\` names the missing target \`${ref}\``);
        return { kind: "unknown", ...annotations };
      }
      this.#reading.add(ref);
      target = this.read(value, ref);
      this.#reading.delete(ref);
    } else {
      this.problems.add(child(pointer, "$ref"), `external \`$ref\` \`${ref}\` was not bundled`);
      return { kind: "unknown", ...annotations };
    }
    if (siblings.length === 0) return withAnnotations(target, annotations);
    // Keywords next to a `$ref` apply too (3.1): both parts hold.
    const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "$ref"));
    const schema: Schema = {
      kind: "allOf",
      parts: [target, withoutAnnotations(this.read(rest, pointer))],
      ...annotations,
    };
    this.intersections.push({ schema, pointer });
    return schema;
  }

  /** The schema's own keywords (type, enum, constraints, properties): undefined when it has none. */
  #own(raw: Raw, pointer: string): Schema | undefined {
    const types = this.#types(raw, pointer);
    const nullable = types.includes("null");
    const concrete = types.filter((t) => t !== "null");
    if (raw.enum !== undefined || raw.const !== undefined) return this.#enum(raw, pointer, types);
    const inferred =
      concrete.length > 0
        ? concrete
        : hasAny(raw, OBJECT_KEYS)
          ? ["object"]
          : hasAny(raw, ARRAY_KEYS)
            ? ["array"]
            : [];
    if (concrete.length === 0) {
      const stray = [...STRING_KEYS, ...NUMBER_KEYS].filter((key) => key in raw && key !== "format");
      if (stray.length > 0 && inferred.length === 0) {
        this.problems.add(
          child(pointer, stray[0] as string),
          `\`${stray[0]}\` without a \`type\`: say which type it constrains`,
        );
      }
    }
    if (inferred.length === 0) return nullable ? { kind: "null" } : undefined;
    const variants = inferred.map((type) => this.#typed(type, raw, pointer));
    if (variants.length === 1) {
      const only = variants[0] as Schema;
      return nullable ? { ...only, nullable: true } : only;
    }
    return { kind: "union", variants, exclusive: false, ...(nullable ? { nullable: true } : {}) };
  }

  #types(raw: Raw, pointer: string): string[] {
    const type = raw.type;
    if (type === undefined) return [];
    const list = Array.isArray(type) ? type : [type];
    const valid = list.filter((t): t is string => typeof t === "string" && TYPES.has(t));
    if (valid.length !== list.length || valid.length === 0) {
      this.problems.add(child(pointer, "type"), `unknown type ${JSON.stringify(type)}`);
    }
    return [...new Set(valid)];
  }

  #typed(type: string, raw: Raw, pointer: string): Schema {
    switch (type) {
      case "string":
        return pick<StringSchema>({ kind: "string" }, raw, STRING_KEYS);
      case "number":
      case "integer":
        return pick({ kind: type }, raw, NUMBER_KEYS);
      case "boolean":
        return { kind: "boolean" };
      case "array":
        return this.#array(raw, pointer);
      default:
        return this.#object(raw, pointer);
    }
  }

  #enum(raw: Raw, pointer: string, types: string[]): Schema {
    const isConst = raw.const !== undefined;
    if (isConst && raw.enum !== undefined) {
      this.problems.add(child(pointer, "const"), "`const` and `enum` together: keep one");
    }
    const values = isConst ? [raw.const] : Array.isArray(raw.enum) ? raw.enum : [];
    if (values.length === 0) this.problems.add(child(pointer, "enum"), "`enum` must list at least one value");
    // Constraints next to the values still hold (a value may fail them): kept for the JSON Schema views.
    return pick(
      {
        kind: "enum",
        values: values as JsonValue[],
        ...(isConst ? { isConst } : {}),
        ...(types.length > 0 ? { type: types } : {}),
      },
      raw,
      [...STRING_KEYS, ...NUMBER_KEYS.filter((key) => key !== "format")],
    );
  }

  #array(raw: Raw, pointer: string): Schema {
    const prefix = Array.isArray(raw.prefixItems)
      ? raw.prefixItems.map((item, index) => this.read(item, child(pointer, "prefixItems", index)))
      : undefined;
    const items: Schema | false =
      raw.items === false
        ? false
        : raw.items === undefined
          ? { kind: "unknown" }
          : this.read(raw.items, child(pointer, "items"));
    return pick({ kind: "array", items, ...(prefix ? { prefixItems: prefix } : {}) }, raw, [
      "minItems",
      "maxItems",
      "uniqueItems",
    ]);
  }

  #object(raw: Raw, pointer: string): ObjectSchema {
    const required = Array.isArray(raw.required) ? raw.required.filter((r) => typeof r === "string") : [];
    const own = isRecord(raw.properties) ? raw.properties : {};
    const properties: Property[] = Object.entries(own).map(([name, schema]) => ({
      name,
      required: required.includes(name),
      schema: this.read(schema, child(pointer, "properties", name)),
    }));
    const requiredOnly = required.filter((name) => !(name in own));
    const additional = raw.additionalProperties;
    return pick(
      {
        kind: "object",
        properties,
        ...(requiredOnly.length > 0 ? { requiredOnly } : {}),
        ...(additional === true ? { declaredOpen: true as const } : {}),
        additionalProperties:
          additional === undefined || additional === true
            ? true
            : additional === false
              ? false
              : this.read(additional, child(pointer, "additionalProperties")),
      },
      raw,
      ["minProperties", "maxProperties"],
    );
  }

  #discriminator(raw: Raw, pointer: string, variants: readonly Schema[]): Discriminator | undefined {
    const value = raw.discriminator;
    if (value === undefined) return undefined;
    const at = child(pointer, "discriminator");
    if (!isRecord(value) || typeof value.propertyName !== "string") {
      this.problems.add(at, "`discriminator` needs a `propertyName`");
      return undefined;
    }
    const mapping: [string, string][] = [];
    if (isRecord(value.mapping)) {
      for (const [key, target] of Object.entries(value.mapping)) {
        const name =
          typeof target === "string"
            ? (COMPONENT_REF.exec(target)?.[1] ?? (this.hasComponent(target) ? target : undefined))
            : undefined;
        if (!name || !this.hasComponent(name)) {
          this.problems.add(child(at, "mapping", key), `discriminator mapping \`${key}\` names no schema`);
          continue;
        }
        mapping.push([key, name]);
      }
    } else {
      for (const variant of variants)
        if (variant.kind === "ref") mapping.push([variant.target, variant.target]);
    }
    return { property: value.propertyName, mapping };
  }

  #annotations(raw: Raw, pointer: string): Annotations {
    const out: { -readonly [K in keyof Annotations]: Annotations[K] } = {};
    if (typeof raw.title === "string" && raw.title.trim()) out.title = raw.title.trim();
    if (typeof raw.description === "string" && raw.description.trim())
      out.description = raw.description.trim();
    for (const key of ["deprecated", "readOnly", "writeOnly"] as const) {
      if (raw[key] === true) out[key] = true;
      else if (raw[key] !== undefined && typeof raw[key] !== "boolean") {
        this.problems.add(child(pointer, key), `\`${key}\` must be true or false`);
      }
    }
    if (out.readOnly && out.writeOnly) {
      this.problems.add(pointer, "a schema cannot be both `readOnly` and `writeOnly`");
    }
    if (raw.default !== undefined) out.default = raw.default as JsonValue;
    const examples = [
      ...(raw.example !== undefined ? [raw.example] : []),
      ...(Array.isArray(raw.examples) ? raw.examples : []),
    ];
    if (examples.length > 0) out.examples = examples as JsonValue[];
    return out;
  }
}

function hasAny(raw: Raw, keys: readonly string[]): boolean {
  return keys.some((key) => key in raw);
}

/** Copies the listed keywords that are present onto `base`. */
function pick<T extends object>(base: T, raw: Raw, keys: readonly string[]): T {
  const extra: Record<string, unknown> = {};
  for (const key of keys) if (raw[key] !== undefined) extra[key] = raw[key];
  return { ...base, ...extra };
}

function withAnnotations(schema: Schema, annotations: Annotations): Schema {
  if (Object.keys(annotations).length === 0) return schema;
  return { ...schema, ...annotations } as Schema;
}

function withoutAnnotations(schema: Schema): Schema {
  const out: Record<string, unknown> = { ...schema };
  for (const key of ["title", "description", "deprecated", "readOnly", "writeOnly", "default", "examples"]) {
    delete out[key];
  }
  return out as unknown as Schema;
}
