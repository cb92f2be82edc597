/**
 * What `@sso/core/testing` resolves to in a browser bundle (the `browser` export condition). The kit runs fake
 * servers on `node:http`, which no browser has: importing it there throws this one error instead of a bundler's
 * "Could not resolve node:crypto". It imports nothing, so a bundle never pulls in a Node built-in through it.
 */
const MESSAGE =
  "@sso/core/testing runs fake servers on node:http and cannot run in a browser. Start the fake in Node (for example in your test runner's global setup) and give the browser its baseURL and credentials: the fakes answer CORS.";

function refused(): never {
  throw new Error(MESSAGE);
}

/** Throws on import; the export names below only let bundles that name them build, and are never reached. */
function refuseOnImport(): void {
  throw new Error(MESSAGE);
}

refuseOnImport();

export {
  refused as basicCredentials,
  refused as bearerToken,
  refused as CORS_ALLOWED_HEADERS,
  refused as CORS_EXPOSED_HEADERS,
  refused as clientAuthentication,
  refused as DEFAULT_MAX_BODY_DEPTH,
  refused as escapeHtml,
  refused as FAKE_HOST,
  refused as FakeError,
  refused as FakeServerHandle,
  refused as Faults,
  refused as formatKeyPath,
  refused as isRecord,
  refused as isSynthetic,
  refused as json,
  refused as jsonNestsDeeperThan,
  refused as jsonType,
  refused as MAX_FAULT_RULES,
  refused as noContent,
  refused as OperationGuard,
  refused as parseBody,
  refused as Router,
  refused as randomHex,
  refused as randomId,
  refused as refuse,
  refused as safeEqual,
  refused as selfSignedCertificate,
  refused as startFakeHttpServer,
  refused as statusText,
  refused as TokenIssuer,
  refused as tokenForm,
  refused as uuid,
  refused as validateSchema,
};
