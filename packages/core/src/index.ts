/**
 * @sso/core: what users of @sso/cloudflare, @sso/logto and @sso/keycard may rely on, re-exported by every
 * client. Generated code and the packages' own src/lib use `@sso/core/internal`, which has no semver promise.
 */
export { APIPromise, type WithResponse } from "./api-promise.js";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  SSOError,
  UnprocessableEntityError,
  VerificationError,
} from "./errors.js";
export type { Logger, LogLevel } from "./logger.js";
export { Page, PagePromise } from "./pagination/page.js";
export type { ClientOptions, Middleware, RequestOptions } from "./types.js";
export type { PollOptions } from "./workflows.js";
