/**
 * An ir `Schema` as plain JSON Schema 2020-12: for the document openapi-typescript reads (with annotations) and
 * for `json-schemas.ts`, which the fakes and the conformance checker validate with (without prose).
 */
import { child } from "../ir/document.js";
import type { Annotations, JsonObject, JsonValue, ObjectSchema, Schema } from "../ir/schema.js";

export interface JsonSchemaOptions {
  /** Keep descriptions, titles and examples (they become JSDoc in schema.ts). */
  readonly prose: boolean;
  /**
   * For the document openapi-typescript types: an object's `additionalProperties` also admits its declared
   * properties' values, as a TypeScript index signature must (JSON Schema applies it to the other keys only).
   */
  readonly typesView?: boolean;
}

export function toJsonSchema(schema: Schema, options: JsonSchemaOptions): JsonValue {
  if (schema.kind === "never") return false;
  return { ...core(schema, options), ...annotations(schema, options) };
}

function core(schema: Schema, options: JsonSchemaOptions): JsonObject {
  const sub = (s: Schema) => toJsonSchema(s, options);
  const nullable = schema.nullable === true;
  const typed = (type: string) => (nullable ? { type: [type, "null"] } : { type });
  switch (schema.kind) {
    case "ref": {
      const ref = { $ref: child("#/components/schemas", schema.target) };
      return nullable ? { anyOf: [ref, { type: "null" }] } : ref;
    }
    case "string":
      return {
        ...typed("string"),
        ...pick(schema, [
          "format",
          "minLength",
          "maxLength",
          "pattern",
          "contentMediaType",
          "contentEncoding",
        ]),
      };
    case "number":
    case "integer":
      return {
        ...typed(schema.kind),
        ...pick(schema, [
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
        ]),
      };
    case "boolean":
      return typed("boolean");
    case "null":
      return { type: "null" };
    case "enum": {
      const out: Record<string, JsonValue> = {};
      if (schema.type) out.type = schema.type.length === 1 ? (schema.type[0] as string) : schema.type;
      if (schema.isConst) out.const = schema.values[0] ?? null;
      else out.enum = schema.values;
      return {
        ...out,
        ...pick(schema, [
          "format",
          "minLength",
          "maxLength",
          "pattern",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
        ]),
      };
    }
    case "array":
      return {
        ...typed("array"),
        ...(schema.prefixItems ? { prefixItems: schema.prefixItems.map(sub) } : {}),
        ...(schema.items === false
          ? { items: false }
          : isUnknown(schema.items)
            ? {}
            : { items: sub(schema.items) }),
        ...pick(schema, ["minItems", "maxItems", "uniqueItems"]),
      };
    case "object": {
      const required = [
        ...schema.properties.filter((p) => p.required).map((p) => p.name),
        ...(schema.requiredOnly ?? []),
      ];
      return {
        ...typed("object"),
        ...(schema.properties.length > 0
          ? { properties: Object.fromEntries(schema.properties.map((p) => [p.name, sub(p.schema)])) }
          : {}),
        ...(required.length > 0 ? { required } : {}),
        // `maxProperties: 0` allows no key at all: saying so with `additionalProperties` too changes no value.
        ...(schema.additionalProperties === true && schema.maxProperties !== 0
          ? {}
          : { additionalProperties: additional(schema, options) }),
        ...pick(schema, ["minProperties", "maxProperties"]),
      };
    }
    case "union": {
      const variants = schema.variants.map(sub);
      const key = schema.exclusive ? "oneOf" : "anyOf";
      const out: Record<string, JsonValue> = { [key]: variants };
      if (schema.discriminator) {
        out.discriminator = {
          propertyName: schema.discriminator.property,
          mapping: Object.fromEntries(
            schema.discriminator.mapping.map(([value, target]) => [
              value,
              child("#/components/schemas", target),
            ]),
          ),
        };
      }
      return nullable ? { anyOf: [out, { type: "null" }] } : out;
    }
    case "allOf":
      return nullable
        ? { anyOf: [{ allOf: schema.parts.map(sub) }, { type: "null" }] }
        : { allOf: schema.parts.map(sub) };
    case "unknown":
    case "never":
      return {};
  }
}

function annotations(schema: Annotations, options: JsonSchemaOptions): JsonObject {
  return {
    ...(options.prose && schema.title ? { title: schema.title } : {}),
    ...(options.prose && schema.description ? { description: schema.description } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
    ...(schema.readOnly ? { readOnly: true } : {}),
    ...(schema.writeOnly ? { writeOnly: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
    ...(options.prose && schema.examples ? { examples: schema.examples } : {}),
  };
}

function isUnknown(schema: Schema): boolean {
  return schema.kind === "unknown" && Object.keys(schema).length === 1;
}

function pick(schema: object, keys: readonly string[]): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const key of keys) {
    const value = (schema as Record<string, JsonValue | undefined>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function additional(schema: ObjectSchema, options: JsonSchemaOptions): JsonValue {
  const extra = schema.additionalProperties;
  if (typeof extra !== "object") return false;
  const own = toJsonSchema(extra, options);
  if (!options.typesView || schema.properties.length === 0) return own;
  return { anyOf: [own, ...schema.properties.map((p) => toJsonSchema(p.schema, options))] };
}
