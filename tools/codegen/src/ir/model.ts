/**
 * The generator's model of one spec: what the client is, its resource tree and every operation, in the ir's own
 * types. Built in one pass by `buildModel`, plain immutable data, sorted by stable keys (resource property names,
 * then path and HTTP method), so the order of the YAML never reaches the output. Emitters, the release differ and
 * the conformance checker read this and nothing else of the spec.
 */
import type { JsonValue, NamedSchema, Schema } from "./schema.js";

export interface ApiModel {
  /** `logto` for `specs/logto.openapi.yaml`. */
  readonly name: string;
  /** The spec's path relative to the repo root. */
  readonly specFile: string;
  readonly client: ClientModel;
  /** Top-level resources (client properties), sorted by property name. */
  readonly resources: readonly ResourceModel[];
  /** Every component schema with its public name, sorted by name. */
  readonly schemas: readonly NamedSchema[];
}

export interface ClientModel {
  /** `x-sdk-client.name`: the exported client class. */
  readonly className: string;
  /** `x-sdk-client.package`, checked against the package's package.json. */
  readonly packageName: string;
  /** `info.title`. */
  readonly title: string;
  /** `info.version`: the API's version, not the package's. */
  readonly apiVersion: string;
  /** `info.summary`: a line for the class doc. */
  readonly description?: string;
  /** `servers[0].url` with its variables set to their defaults, without a trailing slash. */
  readonly defaultBaseURL: string;
  /** `x-sdk-envelope`. */
  readonly envelope?: "cloudflare";
  /** The security schemes some operation uses, by name. */
  readonly securitySchemes: readonly SecuritySchemeModel[];
}

export type SecuritySchemeModel =
  | { readonly name: string; readonly kind: "bearer" }
  | { readonly name: string; readonly kind: "basic" }
  | { readonly name: string; readonly kind: "apiKey"; readonly header: string }
  | {
      readonly name: string;
      readonly kind: "clientCredentials";
      readonly tokenURL: string;
      /** The scopes the operations ask for, sorted. */
      readonly scopes: readonly string[];
    };

export interface ResourceModel {
  /** Dotted path from the client, e.g. `ssoConnectors.signingKeys`. */
  readonly key: string;
  /** The property on the parent, e.g. `signingKeys`. */
  readonly property: string;
  readonly className: string;
  /** Prefix of the per-method type names, e.g. `SigningKeys` in `SigningKeysCreateParams`. */
  readonly typePrefix: string;
  /** Output file relative to `src/generated/`, e.g. `resources/sso-connectors/signing-keys.ts`. */
  readonly file: string;
  /** From the tag all its operations share, if that tag has a description. */
  readonly description?: string;
  /** Sorted by path, then HTTP method (GET, POST, PUT, PATCH, DELETE). */
  readonly operations: readonly OperationModel[];
  /** Sorted by property name. */
  readonly children: readonly ResourceModel[];
  /** Hand-written methods (`x-sdk-workflows`), sorted by name: the package's src/lib/workflows.ts implements them. */
  readonly workflows: readonly WorkflowModel[];
}

/** A method written by hand on top of the operations (create-or-update, polling), declared by `x-sdk-workflows`. */
export interface WorkflowModel {
  readonly name: string;
  /** The one-line summary the spec gives it: the method's JSDoc and the MCP tool's description. */
  readonly summary: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type ParameterLocation = "path" | "query" | "header";
/** How a query parameter is written: `form` with or without explode, `deepObject`, or a delimited array. */
export type ParameterStyle = "simple" | "form" | "deepObject" | "spaceDelimited" | "pipeDelimited";
export type ContentKind = "json" | "text" | "binary" | "none";

export interface OperationModel {
  /** `<resource>.<method>`, e.g. `iam.sso.get`. */
  readonly key: string;
  /** The method name. */
  readonly name: string;
  readonly httpMethod: HttpMethod;
  /** The spec's path template. */
  readonly path: string;
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated: boolean;
  readonly tags: readonly string[];
  /** The path parameter passed first, by position. */
  readonly positional?: ParameterModel;
  /** Every other parameter, path ones in template order, then query, then header. */
  readonly parameters: readonly ParameterModel[];
  readonly body?: BodyModel;
  /** What awaiting the call gives. */
  readonly result: ResultModel;
  /** Every declared response, sorted by status. */
  readonly responses: readonly ResponseModel[];
  /** Documented error responses (4xx, 5xx, default), sorted by status. */
  readonly errors: readonly ErrorModel[];
  readonly pagination?: PaginationModel;
  /** Retried like a GET: `x-sdk-idempotent`, else by HTTP method. */
  readonly idempotent: boolean;
  readonly security: SecurityModel;
  /** `x-sdk-served-by`: which servers serve the route. */
  readonly servedBy?: string;
  /** Name of the params type; absent when the method takes no params object. */
  readonly paramsType?: string;
  /** True when the params object may be left out. */
  readonly paramsOptional: boolean;
  /** Name of the result alias when the result is an inline object type. */
  readonly resultAlias?: string;
}

export interface SecurityModel {
  /** Scheme names that can authorize the operation, in the spec's order; empty: none. */
  readonly schemes: readonly string[];
  /** An empty requirement (`{}`) is listed too: the call may go without credentials. */
  readonly optional: boolean;
  /** The scopes each scheme asks for here, by scheme name; absent when none asks for any. */
  readonly scopes?: Readonly<Record<string, readonly string[]>>;
}

export interface ParameterModel {
  /** The wire name, also the params field name. */
  readonly name: string;
  readonly in: ParameterLocation;
  /** A local identifier for the value in generated code. */
  readonly local: string;
  readonly required: boolean;
  readonly description?: string;
  readonly deprecated: boolean;
  readonly schema: Schema;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  /** A value of the right type for `@example`s. */
  readonly example: JsonValue;
  /** Its name under `components.parameters` when the operation refers to a shared parameter. */
  readonly component?: string;
}

export interface BodyModel {
  readonly required: boolean;
  /** The JSON media type as the spec names it (`application/json`, `application/merge-patch+json`, ...). */
  readonly mediaType: string;
  readonly description?: string;
  readonly schema: Schema;
  /**
   * `fields`: an object (or a union of objects) whose fields join the params object; `value`: anything else
   * (an array, a scalar), passed whole as the params object's `body`.
   */
  readonly kind: "fields" | "value";
  /** For `fields`: the body's fields, flattened; for a union, the fields every variant has. */
  readonly fields: readonly FieldModel[];
  /** For `fields`: the body is a union, so the params type is that union & the parameters. */
  readonly union: boolean;
  /** An example of the whole body. */
  readonly example: JsonValue;
}

export interface FieldModel {
  readonly name: string;
  readonly required: boolean;
  readonly description?: string;
  readonly deprecated: boolean;
  readonly schema: Schema;
  readonly example: JsonValue;
}

export interface ResultModel {
  /** The success value after the envelope is unwrapped; absent: `void` (no content). */
  readonly schema?: Schema;
  /** How the success body is decoded. */
  readonly content: ContentKind;
  /** A 2xx without content is declared next to one with content: the value may be `undefined`. */
  readonly mayBeEmpty: boolean;
  /** The 2xx statuses, sorted. */
  readonly statuses: readonly string[];
  /** Headers documented on the 2xx responses, sorted by name. */
  readonly headers: readonly HeaderModel[];
  /** What the runtime checks of a success body; absent when nothing can be checked. */
  readonly shape?: ResponseShape;
}

export interface ResponseShape {
  readonly types: readonly JsonType[];
  readonly required: readonly string[];
}

export type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

export interface ResponseModel {
  /** `200`, `4XX`, `default`, ... */
  readonly status: string;
  readonly description?: string;
  readonly content: ContentKind;
  /** The media type as the spec names it; absent without content. */
  readonly mediaType?: string;
  /** The other media types the response declares, sorted; absent when it declares only one. */
  readonly otherMediaTypes?: readonly string[];
  /** The body schema as declared (for text without one, `string`). */
  readonly schema?: Schema;
  readonly headers: readonly HeaderModel[];
  /** Its name under `components.responses` when the operation refers to a shared response. */
  readonly component?: string;
}

export interface HeaderModel {
  readonly name: string;
  readonly description?: string;
  readonly required: boolean;
  readonly schema?: Schema;
}

export interface ErrorModel {
  /** `404`, `4XX`, `default`. */
  readonly status: string;
  /** The @sso/core error class thrown for it. */
  readonly errorClass: string;
  readonly description?: string;
  readonly schema?: Schema;
}

export type PaginationModel = PaginationStyle & {
  /** One item of a page. */
  readonly item: Schema;
  /** The item property that identifies an item (a required `id`), to spot a page repeating the last one. */
  readonly itemKey?: string;
};

export type PaginationStyle =
  | { readonly style: "single" }
  | {
      readonly style: "page-number";
      readonly page: string;
      readonly pageSize: string;
      readonly maxPageSize: number;
    }
  | {
      readonly style: "result-info";
      readonly page: string;
      readonly pageSize: string;
      readonly maxPageSize?: number;
    }
  | { readonly style: "cursor"; readonly cursorParam: string; readonly limitParam?: string };
