import type { AuthProvider } from "./auth.js";
import type { Logger, LogLevel } from "./logger.js";

/** Options shared by all three clients (pinned in DESIGN.md); the concrete client merges env fallbacks first. */
export interface ClientOptions {
  baseURL?: string;
  /** Per attempt, in milliseconds; default 60_000. */
  timeout?: number;
  /** Extra attempts after the first; default 2. */
  maxRetries?: number;
  fetch?: typeof fetch;
  defaultHeaders?: Record<string, string>;
  logger?: Logger;
  logLevel?: LogLevel;
}

/** Per-call overrides, accepted as the optional last argument of every method. */
export interface RequestOptions {
  timeout?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What an operation is, emitted by the generator as a `const` next to each method. */
export interface OperationDescriptor {
  method: HttpMethod;
  /** The spec's template, e.g. "/accounts/{account_id}/sso_connectors/{sso_connector_id}". */
  path: string;
  /** From x-sdk-idempotent; default: GET/PUT/DELETE true, POST/PATCH false. */
  idempotent?: boolean;
  /** List methods only. */
  pagination?: PaginationDescriptor;
}

export type PaginationDescriptor =
  | { style: "single" }
  | { style: "page-number"; page: string; pageSize: string; maxPageSize: number }
  | { style: "cursor"; cursorParam: string; limitParam?: string }
  | { style: "result-info"; page: string; pageSize: string; maxPageSize?: number };

/** The typed arguments of one call, already split by location. */
export interface RequestInput {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

/** Everything a concrete client tells the runtime once, at construction. */
export interface ClientConfig {
  options: ClientOptions;
  defaultBaseURL: string;
  auth: AuthProvider;
  /** e.g. "@sso/cloudflare/0.1.0". */
  userAgent: string;
  /** "cloudflare": unwrap `result`; `success: false` is an error whatever the status. */
  envelope?: "cloudflare";
  /** A header that gets a fresh UUID per logical call, kept across its retries (Keycard: X-Client-Request-ID). */
  requestIdHeader?: string;
}
