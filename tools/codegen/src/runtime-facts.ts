/**
 * What the generator must know about the runtime the generated code runs on. TEMPORARY: these move to
 * `@sso/core/internal` and this module becomes a re-export of them.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const RESERVED_CLIENT_MEMBERS: readonly string[] = [
  "constructor",
  "request",
  "requestPage",
  "raw",
  "baseURL",
  "timeout",
  "maxRetries",
  "then",
];
export const RESERVED_RESOURCE_MEMBERS: readonly string[] = ["constructor", "_client", "then"];
export const IDEMPOTENT_METHODS: readonly HttpMethod[] = ["GET", "PUT", "DELETE"];

const BY_STATUS: Record<string, string> = {
  "400": "BadRequestError",
  "401": "AuthenticationError",
  "403": "PermissionDeniedError",
  "404": "NotFoundError",
  "409": "ConflictError",
  "422": "UnprocessableEntityError",
  "429": "RateLimitError",
};

export function errorClassName(status: string): string {
  return BY_STATUS[status] ?? (/^5(\d\d|XX)$/.test(status) ? "InternalServerError" : "APIError");
}

export const PAGINATION_STYLES: Readonly<
  Record<string, { factory: string; params: readonly string[]; optional?: readonly string[] }>
> = {
  single: { factory: "singlePage", params: [] },
  "page-number": { factory: "pageNumber", params: ["page", "pageSize"] },
  "result-info": { factory: "resultInfo", params: ["page", "pageSize"] },
  cursor: { factory: "cursor", params: ["cursorParam"], optional: ["limitParam"] },
};

export const AUTH_KINDS: readonly string[] = ["bearer", "clientCredentials", "basic", "apiKey"];

/** Every name `@sso/core` exports to users (values and types); a client re-exports them all. */
export const PUBLIC_EXPORTS: readonly string[] = [
  "APIConnectionError",
  "APIConnectionTimeoutError",
  "APIError",
  "APIPromise",
  "APIUserAbortError",
  "AuthenticationError",
  "BadRequestError",
  "ClientOptions",
  "ConflictError",
  "InternalServerError",
  "InvalidArgumentError",
  "Logger",
  "LogLevel",
  "Middleware",
  "NotFoundError",
  "Page",
  "PagePromise",
  "PaginationError",
  "PermissionDeniedError",
  "RateLimitError",
  "RequestOptions",
  "SSOError",
  "UnprocessableEntityError",
  "VerificationError",
  "WithResponse",
];
