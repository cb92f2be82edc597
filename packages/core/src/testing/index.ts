/**
 * `@sso/core/testing`: the kit each package's `/testing` entry builds its stateful fake from.
 * Node only (node:http, node:crypto), no dependencies. Not part of the runtime entry; in a browser bundle it
 * resolves to a module that throws one clear error (the `browser` export condition).
 *
 * - `startFakeHttpServer(app, options)`: a server on 127.0.0.1 with bounded body reads (size and JSON depth),
 *   CORS, authorization, routing, state changes committed only once the reply is ready, fault injection
 *   (`Faults`), a bounded exchange recorder and the `onExchange` hook. `FakeServerHandle` is the base of each
 *   provider's handle.
 * - `FakeError` / `refuse`: how handlers answer with the provider's own error body.
 * - `Router`: path templates in OpenAPI syntax (`/items/{id}`).
 * - `validateSchema` / `OperationGuard`: the JSON Schema subset the fakes check request bodies and parameters
 *   with, from each package's generated `json-schemas.ts`.
 * - `TokenIssuer`, `tokenForm` and `clientAuthentication`: the OAuth2 client-credentials side of the fakes.
 * - helpers: `json`, `noContent`, `bearerToken`, `basicCredentials`, `randomHex`, `randomId`, ...
 */
export { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from "./cors.js";
export { FakeError, refuse } from "./errors.js";
export {
  type FailOptions,
  type FaultKind,
  type FaultMatch,
  type FaultOutcome,
  type FaultRuleOptions,
  Faults,
  isSynthetic,
  MAX_FAULT_RULES,
} from "./faults.js";
export {
  basicCredentials,
  bearerToken,
  DEFAULT_MAX_BODY_DEPTH,
  escapeHtml,
  type FakeReply,
  type FakeRequest,
  isRecord,
  json,
  jsonNestsDeeperThan,
  noContent,
  parseBody,
  randomHex,
  randomId,
  safeEqual,
  uuid,
} from "./http.js";
export {
  formatKeyPath,
  type JsonSchema,
  type JsonType,
  jsonType,
  type SchemaKeyword,
  type SchemaProblem,
  type ValidateOptions,
  validateSchema,
} from "./json-schema.js";
export { type ClientAuthentication, clientAuthentication, tokenForm } from "./oauth.js";
export {
  type GeneratedSchemas,
  OperationGuard,
  type OperationSchemas,
  type ParameterLocation,
  type ParameterProblem,
} from "./operation-guard.js";
export { statusText } from "./respond.js";
export { type RouteMatch, Router } from "./router.js";
export {
  type Exchange,
  FAKE_HOST,
  type FakeApp,
  type FakeHandler,
  type FakeHttpServer,
  FakeServerHandle,
  type FakeServerOptions,
  type RecordedRequest,
  type RecordedResponse,
  startFakeHttpServer,
} from "./server.js";
export { type TokenCheck, type TokenClaims, TokenIssuer, type TokenIssuerOptions } from "./tokens.js";
export { type SelfSignedCertificate, selfSignedCertificate } from "./x509.js";
