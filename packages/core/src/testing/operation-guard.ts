/**
 * Input guards from a package's generated `json-schemas.ts`: the parameters and body of the operation a
 * request was routed to, checked with `validateSchema`. Each fake turns the problems into its provider's
 * error body; business rules JSON Schema cannot say stay in the fake's handlers.
 */
import type { FakeRequest } from "./http.js";
import { type JsonSchema, type SchemaProblem, validateSchema } from "./json-schema.js";

/** One operation as the generator describes it (the shape of an entry of `operations`). */
export interface OperationSchemas {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly parameters: ReadonlyArray<{
    readonly name: string;
    readonly in: string;
    readonly required?: boolean;
    readonly schema?: JsonSchema;
  }>;
  readonly requestBody?: { readonly required?: boolean; readonly schema?: JsonSchema };
  readonly responses: Readonly<Record<string, { readonly schema?: JsonSchema }>>;
}

/** A package's generated module: `import * as schemas from "../generated/json-schemas.js"`. */
export interface GeneratedSchemas {
  readonly components: Readonly<Record<string, JsonSchema>>;
  readonly operations: Readonly<Record<string, OperationSchemas>>;
}

export type ParameterLocation = "path" | "query" | "header";

/** A parameter problem: `path[0]` is the parameter's name. */
export interface ParameterProblem extends SchemaProblem {
  readonly in: ParameterLocation;
}

function isSchemaObject(value: unknown): value is { readonly [keyword: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class OperationGuard {
  readonly #schemas: GeneratedSchemas;
  readonly #byRoute = new Map<string, string>();

  constructor(schemas: GeneratedSchemas) {
    this.#schemas = schemas;
    for (const [key, operation] of Object.entries(schemas.operations)) {
      this.#byRoute.set(`${operation.method.toUpperCase()} ${operation.path}`, key);
    }
  }

  /** The operation key (`ssoConnectors.create`) of a method and path template, or throws: routes and spec must agree. */
  operationKey(method: string, template: string): string {
    const key = this.#byRoute.get(`${method.toUpperCase()} ${template}`);
    if (key === undefined) throw new Error(`no operation of the spec is ${method} ${template}`);
    return key;
  }

  /** A component schema by name; throws for a name the spec does not have. */
  component(name: string): JsonSchema {
    const schema = Object.hasOwn(this.#schemas.components, name) ? this.#schemas.components[name] : undefined;
    if (schema === undefined) throw new Error(`the spec has no component schema ${name}`);
    return schema;
  }

  /** Validates any value against a schema whose `$ref`s point at this spec's components. */
  validate(schema: JsonSchema, value: unknown): SchemaProblem[] {
    return validateSchema(schema, value, { components: this.#schemas.components });
  }

  /** The body's problems against the operation's request body schema (none when it declares no body). */
  body(operationKey: string, body: unknown): SchemaProblem[] {
    const requestBody = this.#operation(operationKey).requestBody;
    if (!requestBody?.schema) return [];
    return this.validate(requestBody.schema, body);
  }

  /** The problems of the path, query and header parameters, with values coerced from text by their schema. */
  parameters(operationKey: string, request: FakeRequest): ParameterProblem[] {
    const out: ParameterProblem[] = [];
    for (const parameter of this.#operation(operationKey).parameters) {
      const where = parameter.in as ParameterLocation;
      const raw = this.#raw(request, where, parameter.name);
      if (raw === undefined) {
        if (parameter.required)
          out.push({
            path: [parameter.name],
            keyword: "required",
            message: "is required",
            received: "undefined",
            in: where,
          });
        continue;
      }
      if (parameter.schema === undefined) continue;
      const value = this.#coerce(parameter.schema, raw);
      for (const problem of this.validate(parameter.schema, value)) {
        out.push({ ...problem, path: [parameter.name, ...problem.path], in: where });
      }
    }
    return out;
  }

  #operation(key: string): OperationSchemas {
    const operation = Object.hasOwn(this.#schemas.operations, key)
      ? this.#schemas.operations[key]
      : undefined;
    if (!operation) throw new Error(`the spec has no operation ${key}`);
    return operation;
  }

  #raw(request: FakeRequest, where: ParameterLocation, name: string): string[] | undefined {
    if (where === "path") {
      const value = request.params[name];
      return value === undefined ? undefined : [value];
    }
    if (where === "query") {
      const values = request.query.getAll(name);
      return values.length > 0 ? values : undefined;
    }
    const value = request.header(name);
    return value === undefined ? undefined : [value];
  }

  /** Text to the schema's type: numbers and booleans parsed when they parse, arrays from repeated values. */
  #coerce(schema: JsonSchema, raw: string[]): unknown {
    const types = this.#types(schema);
    if (types.has("array")) {
      const items =
        isSchemaObject(schema) && schema.items !== undefined ? (schema.items as JsonSchema) : true;
      return raw.map((value) => this.#scalar(this.#types(items), value));
    }
    return this.#scalar(types, raw.length === 1 ? (raw[0] as string) : raw.join(","));
  }

  #scalar(types: ReadonlySet<string>, value: string): unknown {
    const numeric = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.trim());
    if ((types.has("integer") || types.has("number")) && numeric) return Number(value);
    if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
    return value;
  }

  #types(schema: JsonSchema, hops = 0): Set<string> {
    const out = new Set<string>();
    if (!isSchemaObject(schema) || hops > 16) return out;
    if (typeof schema.$ref === "string") {
      const name = schema.$ref.replace("#/components/schemas/", "");
      for (const type of this.#types(this.component(name), hops + 1)) out.add(type);
    }
    const type = schema.type;
    for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) out.add(String(t));
    for (const key of ["anyOf", "oneOf", "allOf"]) {
      const list = schema[key];
      if (Array.isArray(list))
        for (const part of list) for (const t of this.#types(part as JsonSchema, hops + 1)) out.add(t);
    }
    return out;
  }
}
