import { type ApiModel, isRecord, type Schema, toJsonSchema } from "@sso/codegen";

/** Where the schemas of operations (parameters, bodies, headers) sit in the document, next to the components. */
const INLINE = "x-inline";

/**
 * The JSON Schema document the checker validates against: every component schema under
 * `#/components/schemas/<name>` (where the converted `$ref`s point), and each operation schema filed by `place`.
 */
export class SchemaDocument {
  readonly #components: Record<string, unknown>;
  readonly #inline: unknown[] = [];

  constructor(model: ApiModel) {
    this.#components = Object.fromEntries(model.schemas.map((s) => [s.component, convert(s.schema)]));
  }

  /** Files an operation's schema and returns its JSON pointer. */
  readonly place = (schema: Schema): string => {
    this.#inline.push(convert(schema));
    return `/${INLINE}/${this.#inline.length - 1}`;
  };

  /** The document as written. */
  plain(): Record<string, unknown> {
    return { components: { schemas: this.#components }, [INLINE]: this.#inline };
  }

  /**
   * The document for responses under `strictResponses`: every object schema with `properties` and no
   * `additionalProperties` is checked as if it said `unevaluatedProperties: false`.
   */
  strict(): Record<string, unknown> {
    return closeObjectSchemas(this.plain()) as Record<string, unknown>;
  }
}

function convert(schema: Schema): unknown {
  return toJsonSchema(keepDeclaredOpen(schema), { prose: false });
}

/**
 * `additionalProperties: true` written out means other keys are expected: say it as `{}`, which the JSON Schema
 * keeps (the default `true` leaves no trace), so strict responses do not close that object.
 */
function keepDeclaredOpen(schema: Schema): Schema {
  switch (schema.kind) {
    case "object": {
      const extra = schema.additionalProperties;
      return {
        ...schema,
        properties: schema.properties.map((p) => ({ ...p, schema: keepDeclaredOpen(p.schema) })),
        additionalProperties: schema.declaredOpen
          ? { kind: "unknown" }
          : typeof extra === "object"
            ? keepDeclaredOpen(extra)
            : extra,
      };
    }
    case "array":
      return {
        ...schema,
        items: schema.items === false ? false : keepDeclaredOpen(schema.items),
        ...(schema.prefixItems ? { prefixItems: schema.prefixItems.map(keepDeclaredOpen) } : {}),
      };
    case "union":
      return { ...schema, variants: schema.variants.map(keepDeclaredOpen) };
    case "allOf":
      return { ...schema, parts: schema.parts.map(keepDeclaredOpen) };
    default:
      return schema;
  }
}

/** A copy of a JSON Schema where closed-looking object schemas reject undeclared properties. */
function closeObjectSchemas(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjectSchemas);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // `default` holds data, not a schema.
    out[key] = key === "default" ? value : closeObjectSchemas(value);
  }
  const type = out.type;
  const isObjectType = type === "object" || (Array.isArray(type) && type.includes("object"));
  if (isObjectType && isRecord(out.properties) && out.additionalProperties === undefined) {
    out.unevaluatedProperties = false;
  }
  return out;
}
