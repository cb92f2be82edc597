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

/**
 * The pagination styles the runtime implements, by their x-sdk-pagination name: the factory that
 * `@sso/core/internal` exports for it, and the extension keys it needs and may take.
 */
export const PAGINATION_STYLES: Readonly<
  Record<string, { factory: string; params: readonly string[]; optional?: readonly string[] }>
> = {
  single: { factory: "singlePage", params: [] },
  "page-number": {
    factory: "pageNumber",
    params: ["page", "pageSize", "maxPageSize"],
    optional: ["itemKey"],
  },
  "result-info": {
    factory: "resultInfo",
    params: ["page", "pageSize"],
    optional: ["maxPageSize", "itemKey"],
  },
  cursor: { factory: "cursor", params: ["cursorParam"], optional: ["limitParam", "itemKey"] },
};

/** The auth scheme kinds the runtime implements, as the generator names them in `clientSpec.auth`. */
export const AUTH_KINDS: readonly string[] = ["bearer", "clientCredentials", "basic", "apiKey"];
