/**
 * The generator's own model of a JSON Schema: the subset OpenAPI 3.1 specs use, with every keyword that changes
 * what a value may be. Emitters turn it into TypeScript types, JSON Schema (fakes, conformance) and the document
 * openapi-typescript reads; none of them sees the spec. Plain immutable data.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export type Schema =
  | RefSchema
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | NullSchema
  | EnumSchema
  | ArraySchema
  | ObjectSchema
  | UnionSchema
  | IntersectionSchema
  | UnknownSchema
  | NeverSchema;

/** What every schema may carry besides its kind: annotations, and whether `null` is also allowed. */
export interface Annotations {
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  /** Sent by the server only: left out of request types. */
  readonly readOnly?: boolean;
  /** Sent by the client only: left out of response types. */
  readonly writeOnly?: boolean;
  /** `null` is allowed too (`type: [x, "null"]`). */
  readonly nullable?: boolean;
  readonly default?: JsonValue;
  /** `example` and `examples`, in that order. */
  readonly examples?: readonly JsonValue[];
}

/** A component schema, by its key under `components.schemas`. */
export interface RefSchema extends Annotations {
  readonly kind: "ref";
  readonly target: string;
}

export interface StringSchema extends Annotations {
  readonly kind: "string";
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly contentMediaType?: string;
  readonly contentEncoding?: string;
}

export interface NumberSchema extends Annotations {
  readonly kind: "number" | "integer";
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

export interface BooleanSchema extends Annotations {
  readonly kind: "boolean";
}

export interface NullSchema extends Annotations {
  readonly kind: "null";
}

/** `enum` or `const`: the exact values allowed. */
export interface EnumSchema extends Annotations {
  readonly kind: "enum";
  readonly values: readonly JsonValue[];
  /** Written as `const` (one value). */
  readonly isConst?: boolean;
  /** The `type` the spec gave next to the values, kept for the JSON Schema it came from. */
  readonly type?: readonly string[];
  /** Constraints written next to the values; they narrow nothing TypeScript shows but still hold on the wire. */
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

export interface ArraySchema extends Annotations {
  readonly kind: "array";
  /** Leading items of a tuple (`prefixItems`). */
  readonly prefixItems?: readonly Schema[];
  /** Every (further) item; `false` closes a tuple. */
  readonly items: Schema | false;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

export interface Property {
  readonly name: string;
  readonly required: boolean;
  readonly schema: Schema;
}

export interface ObjectSchema extends Annotations {
  readonly kind: "object";
  readonly properties: readonly Property[];
  /** Names in `required` without a schema of their own (any value). */
  readonly requiredOnly?: readonly string[];
  /** `true`: any other key (the default); `false`: none; a schema: other keys of that type. */
  readonly additionalProperties: Schema | boolean;
  /** `additionalProperties: true` is written out: other keys are expected, not merely not forbidden. */
  readonly declaredOpen?: true;
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

export interface UnionSchema extends Annotations {
  readonly kind: "union";
  readonly variants: readonly Schema[];
  /** `oneOf` (exactly one variant) rather than `anyOf`. */
  readonly exclusive: boolean;
  readonly discriminator?: Discriminator;
}

export interface Discriminator {
  readonly property: string;
  /** Value -> component name, in the spec's order. */
  readonly mapping: readonly (readonly [string, string])[];
}

/** `allOf`, and a schema whose own keywords sit next to `allOf`/`oneOf`/`anyOf`: every part applies. */
export interface IntersectionSchema extends Annotations {
  readonly kind: "allOf";
  readonly parts: readonly Schema[];
}

/** `{}` or `true`: any value. */
export interface UnknownSchema extends Annotations {
  readonly kind: "unknown";
}

/** `false`: no value. */
export interface NeverSchema extends Annotations {
  readonly kind: "never";
}

/** A component schema with its public name. */
export interface NamedSchema {
  /** The key under `components.schemas`. */
  readonly component: string;
  /** The exported alias: `x-sdk-name`, else the key, else its PascalCase when the key is not an identifier. */
  readonly name: string;
  readonly schema: Schema;
  /** True when some property inside it (through refs) is readOnly or writeOnly: its views differ by direction. */
  readonly directional: boolean;
}

/** Which way a value travels: request types drop readOnly properties, response types drop writeOnly ones. */
export type Direction = "request" | "response";
