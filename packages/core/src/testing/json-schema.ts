/**
 * A small JSON Schema (2020-12) validator for the fakes' input guards: the subset the specs use (types and
 * type arrays, properties, required, additionalProperties, items, enum, const, oneOf/anyOf/allOf with an
 * OpenAPI `discriminator`, `$ref` to components, string/number/array/object bounds, pattern, and the formats
 * uri, email, date-time and uuid checked loosely). It returns every problem with its key path and keyword, so
 * each fake can answer in its provider's own error format. No dependencies, no code generation.
 */

/** A schema as the generator emits it: a plain object (or `true`/`false`). */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** The keyword a problem comes from (`discriminator` when a union's discriminator value is unknown). */
export type SchemaKeyword =
  | "type"
  | "required"
  | "additionalProperties"
  | "enum"
  | "const"
  | "minLength"
  | "maxLength"
  | "pattern"
  | "format"
  | "minimum"
  | "maximum"
  | "exclusiveMinimum"
  | "exclusiveMaximum"
  | "multipleOf"
  | "minItems"
  | "maxItems"
  | "uniqueItems"
  | "minProperties"
  | "maxProperties"
  | "oneOf"
  | "anyOf"
  | "discriminator"
  | "not"
  | "false"
  | "depth";

export interface SchemaProblem {
  /** Key path from the validated value's root: `["config", "clientSecret"]`, `["domains", 0]`; `[]` is the root. */
  readonly path: readonly (string | number)[];
  readonly keyword: SchemaKeyword;
  /** An English sentence fragment, `must be string`, `must have at least 1 character(s)`, ... */
  readonly message: string;
  /** `type`: the types allowed. */
  readonly expected?: readonly string[];
  /** The JSON type of the offending value (`undefined` when it is missing). */
  readonly received: JsonType | "undefined";
  /** The bound of a min/max keyword. */
  readonly limit?: number;
  /** `enum`, `const` and `discriminator`: the values allowed. */
  readonly allowed?: readonly unknown[];
  /** `required` / `additionalProperties`: the property concerned (also the last element of `path` for required). */
  readonly property?: string;
  /** `format` / `pattern`: what the string must look like. */
  readonly format?: string;
}

export type JsonType = "null" | "boolean" | "object" | "array" | "number" | "string";

export interface ValidateOptions {
  /** Component schemas by name, the targets of `$ref: "#/components/schemas/<name>"`. */
  readonly components?: Readonly<Record<string, JsonSchema>>;
}

/** How deep the validator follows a value (and `$ref`s without progress) before it gives up with `depth`. */
const MAX_DEPTH = 256;

type Path = readonly (string | number)[];
type Schema = { readonly [keyword: string]: unknown };

/** The JSON type of a value, with arrays and null told apart (and non-JSON values as "undefined"). */
export function jsonType(value: unknown): JsonType | "undefined" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "boolean":
    case "string":
    case "object":
      return typeof value as JsonType;
    case "number":
      return Number.isFinite(value) ? "number" : "undefined";
    default:
      return "undefined";
  }
}

/** Validates `value` against `schema`; an empty list means it is valid. */
export function validateSchema(
  schema: JsonSchema,
  value: unknown,
  options: ValidateOptions = {},
): SchemaProblem[] {
  return new Validator(options.components ?? {}).check(schema, value, [], 0);
}

/** Joins a key path the way zod does (`config.clientSecret`, `domains.0`); the root is the empty string. */
export function formatKeyPath(path: Path): string {
  return path.map(String).join(".");
}

const FORMATS: Record<string, (value: string) => boolean> = {
  uri: (value) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  "date-time": (value) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
};

/** An own property only: a key like `constructor` in a body must not find `Object.prototype`'s. */
function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isSchemaObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

function problem(
  path: Path,
  keyword: SchemaKeyword,
  value: unknown,
  message: string,
  extra: Omit<SchemaProblem, "path" | "keyword" | "message" | "received"> = {},
): SchemaProblem {
  return { path, keyword, message, received: jsonType(value), ...extra };
}

/**
 * When a union fails and exactly one branch could have been meant, that branch's problems say more than
 * "must match a schema in oneOf": `protocols.oauth2.jwks_uri must be a valid uri`, `defaultApplicationId is
 * required`. A branch was not meant when it refuses the value's type right here, or a tag property the value
 * has (a `const` or `enum` of a direct child: a union keyed by a boolean or a string without a discriminator).
 */
function onlyCandidate(results: SchemaProblem[][], path: Path): SchemaProblem[] | undefined {
  const notMeant = (p: SchemaProblem) =>
    (p.keyword === "type" && p.path.length === path.length) ||
    ((p.keyword === "const" || p.keyword === "enum") && p.path.length === path.length + 1);
  const candidates = results.filter((problems) => !problems.some(notMeant));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** A failed union's problems: the one meant branch's, else one `type` problem when no branch takes the type, else one. */
function unionProblems(
  results: SchemaProblem[][],
  path: Path,
  value: unknown,
  keyword: "oneOf" | "anyOf",
): SchemaProblem[] {
  const meant = onlyCandidate(results, path);
  if (meant) return meant;
  const typeProblems = results.map((problems) =>
    problems.find((p) => p.keyword === "type" && p.path.length === path.length),
  );
  if (typeProblems.every((p) => p !== undefined)) {
    const expected = [...new Set(typeProblems.flatMap((p) => p?.expected ?? []))];
    return [problem(path, "type", value, `must be ${expected.join(" or ")}`, { expected })];
  }
  return [problem(path, keyword, value, `must match a schema in ${keyword}`)];
}

class Validator {
  readonly #components: Readonly<Record<string, JsonSchema>>;
  readonly #patterns = new Map<string, RegExp>();

  constructor(components: Readonly<Record<string, JsonSchema>>) {
    this.#components = components;
  }

  check(schema: JsonSchema, value: unknown, path: Path, depth: number): SchemaProblem[] {
    if (depth > MAX_DEPTH) return [problem(path, "depth", value, `nests deeper than ${MAX_DEPTH} levels`)];
    if (schema === true) return [];
    if (schema === false) return [problem(path, "false", value, "is not allowed")];
    const problems: SchemaProblem[] = [];
    if (typeof schema.$ref === "string")
      problems.push(...this.check(this.resolve(schema.$ref), value, path, depth + 1));
    const typeProblem = this.#type(schema, value, path);
    if (typeProblem) return [...problems, typeProblem];
    problems.push(...this.#values(schema, value, path));
    if (typeof value === "string") problems.push(...this.#string(schema, value, path));
    if (typeof value === "number") problems.push(...this.#number(schema, value, path));
    if (Array.isArray(value)) problems.push(...this.#array(schema, value, path, depth));
    if (jsonType(value) === "object")
      problems.push(...this.#object(schema, value as Record<string, unknown>, path, depth));
    problems.push(...this.#combinators(schema, value, path, depth));
    return problems;
  }

  /** Resolves `#/components/schemas/<name>`; any other reference is a bug in the caller's schemas. */
  resolve(ref: string): JsonSchema {
    const prefix = "#/components/schemas/";
    const name = ref.startsWith(prefix) ? decodeURIComponent(ref.slice(prefix.length)) : undefined;
    const target = name !== undefined ? (own(this.#components, name) as JsonSchema | undefined) : undefined;
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  }

  #type(schema: Schema, value: unknown, path: Path): SchemaProblem | undefined {
    const declared = schema.type;
    if (declared === undefined) return undefined;
    const types = (Array.isArray(declared) ? declared : [declared]).map(String);
    const actual = jsonType(value);
    const ok = types.some((t) => t === actual || (t === "integer" && Number.isInteger(value)));
    if (ok) return undefined;
    return problem(path, "type", value, `must be ${types.join(" or ")}`, { expected: types });
  }

  #values(schema: Schema, value: unknown, path: Path): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
      out.push(
        problem(path, "enum", value, "must be equal to one of the allowed values", { allowed: schema.enum }),
      );
    }
    if ("const" in schema && !deepEqual(schema.const, value)) {
      out.push(
        problem(path, "const", value, `must be ${JSON.stringify(schema.const)}`, { allowed: [schema.const] }),
      );
    }
    return out;
  }

  #string(schema: Schema, value: string, path: Path): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    const length = [...value].length;
    const min = numberOr(schema.minLength);
    const max = numberOr(schema.maxLength);
    if (min !== undefined && length < min)
      out.push(problem(path, "minLength", value, `must have at least ${min} character(s)`, { limit: min }));
    if (max !== undefined && length > max)
      out.push(problem(path, "maxLength", value, `must have at most ${max} character(s)`, { limit: max }));
    if (typeof schema.pattern === "string" && !this.#pattern(schema.pattern).test(value)) {
      out.push(
        problem(path, "pattern", value, `must match pattern ${schema.pattern}`, { format: schema.pattern }),
      );
    }
    const format =
      typeof schema.format === "string"
        ? (own(FORMATS, schema.format) as ((v: string) => boolean) | undefined)
        : undefined;
    if (format && !format(value)) {
      out.push(
        problem(path, "format", value, `must be a valid ${String(schema.format)}`, {
          format: String(schema.format),
        }),
      );
    }
    return out;
  }

  #pattern(source: string): RegExp {
    let compiled = this.#patterns.get(source);
    if (!compiled) {
      compiled = new RegExp(source, "u");
      this.#patterns.set(source, compiled);
    }
    return compiled;
  }

  #number(schema: Schema, value: number, path: Path): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    const bound = (keyword: SchemaKeyword, fails: (limit: number) => boolean, words: string) => {
      const limit = numberOr(schema[keyword]);
      if (limit !== undefined && fails(limit))
        out.push(problem(path, keyword, value, `must be ${words} ${limit}`, { limit }));
    };
    bound("minimum", (limit) => value < limit, ">=");
    bound("maximum", (limit) => value > limit, "<=");
    bound("exclusiveMinimum", (limit) => value <= limit, ">");
    bound("exclusiveMaximum", (limit) => value >= limit, "<");
    bound("multipleOf", (limit) => limit > 0 && !Number.isInteger(value / limit), "a multiple of");
    return out;
  }

  #array(schema: Schema, value: readonly unknown[], path: Path, depth: number): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    const min = numberOr(schema.minItems);
    const max = numberOr(schema.maxItems);
    if (min !== undefined && value.length < min)
      out.push(problem(path, "minItems", value, `must have at least ${min} item(s)`, { limit: min }));
    if (max !== undefined && value.length > max)
      out.push(problem(path, "maxItems", value, `must have at most ${max} item(s)`, { limit: max }));
    if (
      schema.uniqueItems === true &&
      value.some((item, i) => value.findIndex((other) => deepEqual(other, item)) !== i)
    ) {
      out.push(problem(path, "uniqueItems", value, "must not have duplicate items"));
    }
    const items = schema.items;
    if (items === true || items === false || isSchemaObject(items)) {
      value.forEach((item, i) => {
        out.push(...this.check(items as JsonSchema, item, [...path, i], depth + 1));
      });
    }
    return out;
  }

  #object(schema: Schema, value: Record<string, unknown>, path: Path, depth: number): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    const properties = isSchemaObject(schema.properties) ? schema.properties : {};
    for (const name of Array.isArray(schema.required) ? schema.required.map(String) : []) {
      if (own(value, name) === undefined)
        out.push(problem([...path, name], "required", undefined, "is required", { property: name }));
    }
    const count = Object.keys(value).length;
    const minProps = numberOr(schema.minProperties);
    const maxProps = numberOr(schema.maxProperties);
    if (minProps !== undefined && count < minProps)
      out.push(
        problem(path, "minProperties", value, `must have at least ${minProps} properties`, {
          limit: minProps,
        }),
      );
    if (maxProps !== undefined && count > maxProps)
      out.push(
        problem(path, "maxProperties", value, `must have at most ${maxProps} properties`, {
          limit: maxProps,
        }),
      );
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const declared = own(properties, name);
      if (declared !== undefined)
        out.push(...this.check(declared as JsonSchema, item, [...path, name], depth + 1));
      else out.push(...this.#additional(schema.additionalProperties, item, [...path, name], name, depth));
    }
    return out;
  }

  #additional(additional: unknown, item: unknown, path: Path, name: string, depth: number): SchemaProblem[] {
    if (additional === false) {
      return [
        problem(path, "additionalProperties", item, `is not allowed (unknown property ${name})`, {
          property: name,
        }),
      ];
    }
    if (isSchemaObject(additional)) return this.check(additional, item, path, depth + 1);
    return [];
  }

  #combinators(schema: Schema, value: unknown, path: Path, depth: number): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    if (Array.isArray(schema.allOf))
      for (const part of schema.allOf) out.push(...this.check(part as JsonSchema, value, path, depth + 1));
    if (Array.isArray(schema.anyOf)) {
      const results = (schema.anyOf as JsonSchema[]).map((branch) =>
        this.check(branch, value, path, depth + 1),
      );
      if (!results.some((problems) => problems.length === 0))
        out.push(...unionProblems(results, path, value, "anyOf"));
    }
    if (Array.isArray(schema.oneOf))
      out.push(...this.#oneOf(schema, schema.oneOf as JsonSchema[], value, path, depth));
    if (
      schema.not !== undefined &&
      this.check(schema.not as JsonSchema, value, path, depth + 1).length === 0
    ) {
      out.push(problem(path, "not", value, "must not match the schema in not"));
    }
    return out;
  }

  #oneOf(schema: Schema, branches: JsonSchema[], value: unknown, path: Path, depth: number): SchemaProblem[] {
    const discriminator = isSchemaObject(schema.discriminator) ? schema.discriminator : undefined;
    if (discriminator && typeof discriminator.propertyName === "string" && jsonType(value) === "object") {
      return this.#discriminated(discriminator, branches, value as Record<string, unknown>, path, depth);
    }
    const results = branches.map((branch) => this.check(branch, value, path, depth + 1));
    const matching = results.filter((problems) => problems.length === 0).length;
    if (matching === 1) return [];
    if (matching > 1) return [problem(path, "oneOf", value, "must match exactly one schema in oneOf")];
    return unionProblems(results, path, value, "oneOf");
  }

  /** A union with a discriminator: the property picks the branch, and only that branch's problems are reported. */
  #discriminated(
    discriminator: Schema,
    branches: JsonSchema[],
    value: Record<string, unknown>,
    path: Path,
    depth: number,
  ): SchemaProblem[] {
    const name = String(discriminator.propertyName);
    const tag = own(value, name);
    const at = [...path, name];
    if (tag === undefined) return [problem(at, "required", undefined, "is required", { property: name })];
    const mapping = isSchemaObject(discriminator.mapping)
      ? (discriminator.mapping as Record<string, unknown>)
      : {};
    const mapped = typeof tag === "string" ? own(mapping, tag) : undefined;
    const chosen =
      typeof mapped === "string"
        ? this.resolve(mapped)
        : branches.find((branch) => this.#accepts(branch, name, tag, depth));
    if (chosen !== undefined) return this.check(chosen, value, path, depth + 1);
    const allowed = Object.keys(mapping).length > 0 ? Object.keys(mapping) : undefined;
    return [
      problem(at, "discriminator", tag, "must name one of the union's variants", allowed ? { allowed } : {}),
    ];
  }

  /** True when `branch` declares property `name` with a schema that accepts `tag` (discriminator without mapping). */
  #accepts(branch: JsonSchema, name: string, tag: unknown, depth: number): boolean {
    const resolved =
      isSchemaObject(branch) && typeof branch.$ref === "string" ? this.resolve(branch.$ref) : branch;
    if (!isSchemaObject(resolved) || !isSchemaObject(resolved.properties)) return false;
    const property = own(resolved.properties, name);
    return property !== undefined && this.check(property as JsonSchema, tag, [], depth + 1).length === 0;
  }
}
