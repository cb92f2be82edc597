/**
 * @sso/core/internal: for generated code and the @sso packages' hand-written src/lib only. No semver
 * promise: anything here may change in any release. Users import from the client packages instead.
 */

export { type ClientCredentialsConfig, clientCredentialsAuth } from "./auth/client-credentials.js";
export { apiKeyAuth, basicAuth, bearerAuth } from "./auth/static.js";
export type { AuthContext, AuthProvider } from "./auth/types.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
export { APIResource, BaseClient, MAX_TIMEOUT } from "./client.js";
export { envUnreadable, missingCredential, readEnv } from "./env.js";
export {
  AUTH_KINDS,
  errorClassName,
  IDEMPOTENT_METHODS,
  PAGINATION_STYLES,
  type PaginationStyleFact,
  PUBLIC_EXPORTS,
  RESERVED_CLIENT_MEMBERS,
  RESERVED_RESOURCE_MEMBERS,
} from "./facts.js";
export { checkHeader } from "./headers.js";
export * from "./index.js";
export { createLog, type Log, parseLogLevel } from "./logger.js";
export { type CursorOptions, cursor } from "./pagination/cursor.js";
export { type PageNumberOptions, pageNumber } from "./pagination/page-number.js";
export { type ResultInfoOptions, resultInfo } from "./pagination/result-info.js";
export { singlePage } from "./pagination/single.js";
export type { PageData, Pagination, Query } from "./pagination/types.js";
export { MAX_PAGES } from "./pagination/walk.js";
export { isSecretKey, REDACTED, redact, redactString } from "./redact.js";
export { MAX_REDIRECTS } from "./redirect.js";
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
  HttpMethod,
  JsonType,
  NumericLimit,
  OperationDescriptor,
  ParamLocation,
  ResponseShape,
  WorkflowArgs,
} from "./types.js";
export { encodePathParam } from "./url.js";
export {
  differing,
  type EnsureSteps,
  ensureResource,
  mayHaveHappened,
  type PollOptions,
  type PollState,
  pollUntil,
} from "./workflows.js";
