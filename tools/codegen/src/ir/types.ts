import type { OpenAPI3, SchemaObject } from "openapi-typescript";

/**
 * The generator's own model of one spec. Emitters read only this; arrays are sorted by stable keys
 * (resource property names, then path and HTTP method), so the order of the YAML never reaches the output.
 */
export interface ApiModel {
  /** `logto` for `specs/logto.openapi.yaml`. */
  name: string;
  /** The spec's path relative to the repo root, quoted in every generated header. */
  specFile: string;
  client: ClientModel;
  /** Top-level resources (client properties), sorted by property name. */
  resources: ResourceModel[];
  /** One public alias per component schema, sorted by alias. */
  schemas: SchemaAlias[];
  /** The canonical document, for openapi-typescript's `paths`/`components`/`operations` types only. */
  document: OpenAPI3;
}

export interface ClientModel {
  /** `x-sdk-client.name`: the exported client class. */
  className: string;
  /** `x-sdk-client.package`, checked against the package's package.json. */
  packageName: string;
  title: string;
  /** `info.summary`: a line for the class doc (`info.description` is for the spec's readers). */
  description?: string;
  /** `servers[0].url` with its variables set to their defaults. */
  defaultBaseURL: string;
  /** `x-sdk-envelope`. */
  envelope?: "cloudflare";
  /** The security schemes the operations use, in order of first use. */
  auth: AuthModel[];
  /** `@sso/<p>/<version>`, from the package.json at generate time. */
  userAgent: string;
}

export type AuthModel =
  | { type: "bearer"; scheme: string }
  | { type: "basic"; scheme: string }
  | { type: "apiKey"; scheme: string; in: "header"; name: string }
  | { type: "clientCredentials"; scheme: string; tokenURL: string; scopes: string[] };

export interface ResourceModel {
  /** Dotted path from the client, e.g. `ssoConnectors.signingKeys`. */
  key: string;
  /** The property on the parent, e.g. `signingKeys`. */
  property: string;
  className: string;
  /** Prefix of the per-method type names, e.g. `SigningKeys` in `SigningKeysCreateParams`. */
  typePrefix: string;
  /** Output file relative to `src/generated/`, e.g. `resources/sso-connectors/signing-keys.ts`. */
  file: string;
  /** From the tag all its operations share, if that tag has a description. */
  description?: string;
  /** Sorted by path, then HTTP method (GET, POST, PUT, PATCH, DELETE). */
  operations: OperationModel[];
  /** Sorted by property name. */
  children: ResourceModel[];
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface OperationModel {
  /** `x-sdk-method`. */
  name: string;
  httpMethod: HttpMethod;
  /** The spec's path template. */
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** The path parameter passed first, by position (`x-sdk-positional`; default: the last path parameter). */
  positional?: ParameterModel;
  /** Every other path, query and header parameter, in path-template then spec order. */
  parameters: ParameterModel[];
  body?: BodyModel;
  response: ResponseModel;
  /** Documented error responses, sorted by status. */
  errors: ErrorModel[];
  pagination?: PaginationModel;
  /** `x-sdk-idempotent`, else GET/PUT/DELETE. */
  idempotent: boolean;
  /** Names of the security schemes that can authorize it (its own `security`, else the document's); [] = none. */
  security: string[];
  /** `x-sdk-served-by`: which servers serve the route, for the runtime's message when one does not. */
  servedBy?: string;
  /** Name of the params type; absent when the method takes no params object. */
  paramsType?: string;
  /** True when every field of the params object is optional, so the argument may be left out. */
  paramsOptional: boolean;
}

export interface ParameterModel {
  /** The wire name, also the params field name. */
  name: string;
  location: "path" | "query" | "header";
  /** A local variable name for the generated method body. */
  local: string;
  required: boolean;
  description?: string;
  deprecated: boolean;
  type: TypeRef;
  /** A value of the right type for `@example`, from the spec's examples when it has one. */
  example: unknown;
  /** Numeric bounds from the schema (`minimum`, `maximum`, `type: integer`), checked by the runtime before sending. */
  limits?: { minimum?: number; maximum?: number; integer?: boolean };
}

export interface BodyModel {
  required: boolean;
  description?: string;
  /**
   * The body object's fields, flattened into the params object next to the parameters. For a union body, the
   * fields every variant has (for docs and examples; the type is `union`).
   */
  fields: FieldModel[];
  /** Set when the body is a union of objects (`oneOf`/`anyOf`): the params type is this union & the parameters. */
  union?: TypeRef;
  /** An example of the whole body, for `@example`s of union bodies. */
  example?: unknown;
}

export interface FieldModel {
  name: string;
  required: boolean;
  description?: string;
  deprecated: boolean;
  type: TypeRef;
  example: unknown;
}

export interface ResponseModel {
  /** `200`, `201`, `204`, ... */
  status: string;
  description?: string;
  /** What awaiting the call gives: the envelope's `result` when unwrapped, `void` without content. */
  type: TypeRef;
  /** Set when the response type is an inline schema, so types.ts names it `<Prefix><Method>Response`. */
  alias?: string;
  /** Documented response headers. */
  headers: { name: string; description?: string }[];
  /** The body's JSON types and required top-level properties over every 2xx (after the envelope); absent: unchecked. */
  shape?: { types: string[]; required?: string[] };
  /** False when the success response has no content (the runtime then reads no body). */
  hasContent: boolean;
}

export interface ErrorModel {
  /** `404`, `4XX`, `default`. */
  status: string;
  /** The @sso/core error class thrown for it. */
  errorClass: string;
  description?: string;
  type?: TypeRef;
}

export type PaginationModel = PaginationStyle & {
  /** The type of one item of a page. */
  item: TypeRef;
  /** The item's required `id`-like property, used by the runtime to spot a page that repeats the previous one. */
  itemKey?: string;
};

export type PaginationStyle =
  | { style: "single" }
  | { style: "page-number"; page: string; pageSize: string; maxPageSize: number }
  | { style: "result-info"; page: string; pageSize: string; maxPageSize?: number }
  | { style: "cursor"; cursorParam: string; limitParam?: string };

/** A TypeScript type in terms of the spec: a public alias, an inline schema, or nothing. */
export type TypeRef =
  | { kind: "named"; name: string }
  | { kind: "inline"; schema: SchemaObject; pointer: string }
  | { kind: "void" };

export interface SchemaAlias {
  /** The key under `components.schemas`. */
  component: string;
  /** The exported alias: the component name, or its PascalCase when that is not an identifier. */
  name: string;
  description?: string;
  deprecated: boolean;
}
