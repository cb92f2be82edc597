/**
 * @sso/keycard: the generated client and types (src/generated, from specs/keycard.openapi.yaml), its hand-written
 * configuration (src/lib) and the runtime pieces users meet, re-exported from @sso/core.
 */

export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIPromise,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  type ClientOptions,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  type Logger,
  type LogLevel,
  NotFoundError,
  Page,
  PagePromise,
  PermissionDeniedError,
  RateLimitError,
  type RequestOptions,
  UnprocessableEntityError,
} from "@sso/core";
export * from "./generated/index.js";
export type { KeycardOptions } from "./lib/config.js";
