/**
 * `@sso/core/testing`: the kit each package's `/testing` entry builds its stateful fake from.
 * Node only (node:http, node:crypto), no dependencies. Not part of the runtime entry.
 *
 * - `startFakeHttpServer(app, options)`: a server on 127.0.0.1 with bounded body reads, routing,
 *   fault injection (`Faults`), a bounded exchange recorder and the `onExchange` hook.
 * - `Router`: path templates in OpenAPI syntax (`/items/{id}`).
 * - `TokenIssuer`: JWT-shaped access tokens with a TTL and `expireAll()`.
 * - helpers: `json`, `noContent`, `bearerToken`, `basicCredentials`, `randomHex`, `randomId`, ...
 */
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
  escapeHtml,
  type FakeReply,
  type FakeRequest,
  isRecord,
  json,
  noContent,
  parseBody,
  randomHex,
  randomId,
  safeEqual,
  uuid,
} from "./http.js";
export { type RouteMatch, Router } from "./router.js";
export {
  type Exchange,
  FAKE_HOST,
  type FakeApp,
  type FakeHandler,
  type FakeHttpServer,
  type FakeServerOptions,
  type RecordedRequest,
  type RecordedResponse,
  startFakeHttpServer,
  statusText,
} from "./server.js";
export { type TokenCheck, type TokenClaims, TokenIssuer, type TokenIssuerOptions } from "./tokens.js";
export { type SelfSignedCertificate, selfSignedCertificate } from "./x509.js";
