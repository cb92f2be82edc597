/** @sso/core: the runtime behind @sso/cloudflare, @sso/logto and @sso/keycard. Web-standard APIs only. */
export { APIPromise, type WithResponse } from "./api-promise.js";
export {
  type AuthContext,
  type AuthProvider,
  bearerAuth,
  type ClientCredentialsConfig,
  clientCredentialsAuth,
} from "./auth.js";
export { APIResource, BaseClient } from "./client.js";
export { readEnv } from "./env.js";
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
} from "./errors.js";
export { createLog, type Log, type Logger, type LogLevel, parseLogLevel } from "./logger.js";
export { MAX_PAGES, Page, PagePromise } from "./pagination.js";
export { isSecretKey, REDACTED, redact, redactString } from "./redact.js";
export {
  type AttemptOutcome,
  backoffDelay,
  decideRetry,
  isPreConnectError,
  parseRetryAfter,
  RETRY_AFTER_CEILING_MS,
  type RetryDecision,
} from "./retry.js";
export type {
  ClientConfig,
  ClientOptions,
  HttpMethod,
  OperationDescriptor,
  PaginationDescriptor,
  RequestInput,
  RequestOptions,
} from "./types.js";
export { encodePathParam } from "./url.js";
