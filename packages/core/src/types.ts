import type { Middleware } from "openapi-fetch";

export type { Middleware };

import type { AuthProvider } from "./auth/types.js";
import type { Logger, LogLevel } from "./logger.js";
import type { Pagination } from "./pagination/types.js";

/** Options shared by all three clients; the concrete client merges its environment fallbacks first. */
export interface ClientOptions {
  baseURL?: string;
  /** Per attempt, in milliseconds, token wait and body included; default 60_000, at most 2_147_483_647. */
  timeout?: number;
  /** Extra attempts after the first; default 2. */
  maxRetries?: number;
  fetch?: typeof fetch;
  defaultHeaders?: Record<string, string>;
  logger?: Logger;
  logLevel?: LogLevel;
  /** openapi-fetch middleware, run on every HTTP exchange (retries and redirects included), after auth. */
  middleware?: Middleware[];
  /** Largest response body read, in bytes; a longer one is cut off with an APIError. Default 10 MiB. */
  maxResponseBytes?: number;
}

/** Per-call overrides, accepted as the optional last argument of every method. */
export interface RequestOptions {
  timeout?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Methods retried like GET when no x-sdk-idempotent says otherwise. */
export const IDEMPOTENT_METHODS: readonly HttpMethod[] = ["GET", "PUT", "DELETE"];
export type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";
export type ParamLocation = "path" | "query" | "header";

/** What an operation is, emitted by the generator as a `const` next to each method. */
export interface OperationDescriptor {
  readonly method: HttpMethod;
  /** The spec's path template. */
  readonly path: string;
  /** Retried like a GET on connection errors, timeouts, 408/429/5xx. */
  readonly idempotent: boolean;
  /** Location of every named parameter in the params object; names not listed are body fields. */
  readonly params?: Readonly<Record<string, ParamLocation>>;
  /** Parameter and body-field names that must be present (not undefined); checked before sending. */
  readonly required?: readonly string[];
  /**
   * How the request body is taken from the params object. "fields": every field not in `params` (a JSON
   * object body). "value": the field named `body` is the whole JSON body. Absent: the operation has no body.
   */
  readonly body?: "fields" | "value";
  /** The body may be left out: nothing is sent when no body field is given. */
  readonly bodyOptional?: boolean;
  /** Query parameters whose serialisation is not form+explode ("form" here means explode: false). */
  readonly query?: Readonly<Record<string, "form" | "deepObject" | "spaceDelimited" | "pipeDelimited">>;
  /** Numeric bounds of path/query parameters from the spec, checked before sending. */
  readonly limits?: Readonly<Record<string, NumericLimit>>;
  /** Security scheme names that can authorize this operation, in the spec's order; [] = no auth. */
  readonly security: readonly string[];
  /** The success body's shape after the envelope is unwrapped; absent: not checked. */
  readonly response?: ResponseShape;
  /** How the success body is decoded; default "json". */
  readonly content?: "json" | "text" | "binary" | "none";
  /** For a list: the pagination style object. */
  readonly pagination?: Pagination;
  /** Which servers serve this route, for the message of a plain-text 404 from one that does not. */
  readonly servedBy?: string;
}

export interface NumericLimit {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly integer?: boolean;
}

export interface ResponseShape {
  /** JSON types the body may have (a union over every 2xx response). */
  readonly types: readonly JsonType[];
  /** Top-level properties every object body has. */
  readonly required?: readonly string[];
}

/** Everything a concrete client tells the runtime once, at construction. */
export interface ClientConfig {
  /** Already merged with the environment fallbacks by the package. */
  options: ClientOptions;
  defaultBaseURL: string;
  /** One provider per security scheme name the client has credentials for. */
  auth: Readonly<Record<string, AuthProvider>>;
  /** e.g. "@sso/cloudflare/0.1.0". */
  userAgent: string;
  /** "cloudflare": unwrap `result`; `success: false` is an error whatever the status. */
  envelope?: "cloudflare";
  /** A header that gets a fresh UUID per logical call, kept across its retries (Keycard: X-Client-Request-ID). */
  requestIdHeader?: string;
}

/** The arguments of a hand-written workflow after the resource it runs on (the generated method passes `this`). */
export type WorkflowArgs<F> = F extends (resource: never, ...args: infer A) => unknown ? A : never;
