/**
 * Facts about this runtime that the generator needs, so tools/codegen imports them instead of restating
 * them. A unit test proves the reserved names cover every member of a constructed BaseClient / APIResource.
 */
import { byStatus } from "./errors.js";

/** Members every object has, which a generated property must not shadow. */
const OBJECT_MEMBERS =
  "constructor then toString toLocaleString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable __proto__ __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__";

// Built by annotated calls, so a bundle that never reads these facts (every client program) drops them.
/** Names a generated client must not use as a resource property (BaseClient members, `then`, Object members). */
export const RESERVED_CLIENT_MEMBERS: readonly string[] =
  /* @__PURE__ */ `baseURL timeout maxRetries raw request requestPage ${OBJECT_MEMBERS}`.split(" ");

/** Names a generated resource must not use as a method or child resource (APIResource members, `then`, ...). */
export const RESERVED_RESOURCE_MEMBERS: readonly string[] = /* @__PURE__ */ `_client ${OBJECT_MEMBERS}`.split(
  " ",
);

/** Error class name thrown for a documented status: "404" -> "NotFoundError", 5xx -> "InternalServerError", else "APIError". */
export function errorClassName(status: string): string {
  if (/^5(\d\d|XX)$/.test(status)) return "InternalServerError";
  return (/^\d{3}$/.test(status) && byStatus[Number(status)]?.prototype.name) || "APIError";
}

export { IDEMPOTENT_METHODS } from "./types.js";

/** What the generator checks of one `x-sdk-pagination` style before it emits a call to its factory. */
export interface PaginationStyleFact {
  /** The `@sso/core/internal` factory that builds the style object. */
  readonly factory: string;
  /** Extension keys that must name a query parameter of the operation. */
  readonly query: readonly string[];
  /** Extension keys that may name one. */
  readonly optionalQuery: readonly string[];
  /** Whether the style takes `maxPageSize` (the largest page the API serves): required, optional or not at all. */
  readonly maxPageSize: "required" | "optional" | "none";
  /** Whether the style takes `itemKey` (the item property that tells a repeated page). */
  readonly itemKey: boolean;
}

/** The pagination styles the runtime implements, by their x-sdk-pagination name. */
export const PAGINATION_STYLES: Readonly<Record<string, PaginationStyleFact>> = {
  single: { factory: "singlePage", query: [], optionalQuery: [], maxPageSize: "none", itemKey: false },
  "page-number": {
    factory: "pageNumber",
    query: ["page", "pageSize"],
    optionalQuery: [],
    maxPageSize: "required",
    itemKey: true,
  },
  "result-info": {
    factory: "resultInfo",
    query: ["page", "pageSize"],
    optionalQuery: [],
    maxPageSize: "optional",
    itemKey: true,
  },
  cursor: {
    factory: "cursor",
    query: ["cursorParam"],
    optionalQuery: ["limitParam"],
    maxPageSize: "none",
    itemKey: true,
  },
};

/**
 * Every name `@sso/core` exports to users, values and types: each client re-exports them all, so a schema
 * alias must not take one of these names.
 */
export const PUBLIC_EXPORTS: readonly string[] = /* @__PURE__ */ (
  "APIConnectionError APIConnectionTimeoutError APIError APIPromise APIUserAbortError AuthenticationError " +
  "BadRequestError ClientOptions ConflictError InternalServerError InvalidArgumentError Logger LogLevel " +
  "Middleware NotFoundError Page PagePromise PaginationError PermissionDeniedError PollOptions RateLimitError " +
  "RequestOptions SSOError UnprocessableEntityError VerificationError WithResponse"
).split(" ");

/** The auth scheme kinds the runtime implements, as the generator names them in `clientSpec.auth`. */
export const AUTH_KINDS: readonly string[] = ["bearer", "clientCredentials", "basic", "apiKey"];
