/**
 * `@sso/logto/testing`: a stateful fake of the Logto Management API's SSO endpoints and its `/oidc/token`
 * client-credentials grant, listening on 127.0.0.1.
 *
 * ```ts
 * const fake = await startFakeServer();
 * const logto = new Logto({ endpoint: fake.baseURL, clientId: fake.clientId, clientSecret: fake.clientSecret });
 * await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "Acme" });
 * await fake.close();
 * ```
 *
 * Behaviour follows the spec, the Logto source and a running Logto (observations win):
 * - `POST /oidc/token`: `grant_type=client_credentials`, client credentials as form fields or HTTP Basic (both ->
 *   400 `invalid_request`; wrong secret -> 401 `oidc.invalid_client` with `WWW-Authenticate`), only for M2M
 *   applications, `resource` must be the API indicator (default `https://default.logto.app/api`, else 400
 *   `invalid_target`); an unknown or missing `scope` still gets a token, without `scope` (the API then answers
 *   403). Tokens expire after `tokenTtlSeconds` (default 3600); `fake.expireTokens()` expires every token so far.
 * - API auth: no header -> 401 `auth.authorization_header_missing`; not Bearer -> 401
 *   `auth.authorization_token_type_not_supported`; bad or expired token -> 401 `auth.unauthorized`; a token
 *   without scope `all` -> 403 `auth.forbidden`.
 * - Input: bodies are checked against the spec's schemas like Logto's `koaGuard` (400 `guard.invalid_input`
 *   with zod-style `details`), then the rules in Logto's order. A failed request changes nothing.
 * - Connectors: create answers 200 with the bare row; list/get/update add the provider fields. Ids are 12
 *   lowercase letters/digits; `createdAt` is epoch ms. Checks: body guard, unknown `providerName` (422
 *   `connector.not_found`), domains lower-cased then public email domains (422 `single_sign_on.forbidden_domains`)
 *   and duplicated domains (422 `single_sign_on.duplicated_domains`: repeated in the list, or already used by
 *   another connector), config against its provider's schema (400 `connector.invalid_config`; SAML
 *   `signAuthnRequest: true` without an active signing key -> 400 `single_sign_on.active_signing_key_required`),
 *   duplicate `connectorName` (409). A missing id is 404 `entity.not_exists_with_id`. Pagination is optional:
 *   with `page` or `page_size`, `Total-Number` and `Link` are sent; a value outside the spec's bounds is 400
 *   `guard.invalid_pagination`.
 * - The fake cannot reach an IdP: `providerConfig` is derived from an OIDC connector's issuer (endpoints
 *   `/authorize`, `/token`, `/userinfo`, `/jwks`) and omitted for SAML connectors (as when fetching fails).
 * - SAML signing keys carry real self-signed RSA certificates (3-year validity) and their fingerprints.
 * - IdP-initiated auth config (one per SAML connector): GET/DELETE without one -> 404 `entity.not_found`; PUT
 *   on a non-SAML connector -> 400 `single_sign_on.idp_initiated_authentication_not_supported`, naming an
 *   unknown application -> 404 `entity.not_exists_with_id`, an application of the wrong type or an unregistered
 *   `redirectUri` -> 400. `fake.applicationId` is a first-party Traditional app; `applications` adds more.
 *   A replaced config keeps its `createdAt` (a decision: Logto's upsert is not observed on this point).
 * - The fake serves signing keys and IdP-initiated auth as Logto Cloud does (the stock 1.42.0 release does not).
 * - Organization JIT SSO connectors: the fake seeds one organization (`fake.organizationId`); more via options.
 * - CORS is on (`cors: false` turns it off); `Total-Number`, `Link` and `Logto-Core-Request-Id` are exposed.
 */
import {
  bearerToken,
  type FakeHandler,
  type FakeHttpServer,
  type FakeRequest,
  FakeServerHandle,
  Router,
  startFakeHttpServer,
  TokenIssuer,
  uuid,
} from "@sso/core/testing";
import { connectorRoutes } from "./connectors.js";
import { errorBody, fail } from "./errors.js";
import { idpInitiatedAuthConfigRoutes } from "./idp-initiated-auth-config.js";
import { jitRoutes } from "./jit.js";
import { signingKeyRoutes } from "./signing-keys.js";
import { LogtoState } from "./state.js";
import { tokenEndpoint } from "./token-endpoint.js";
import type {
  FakeApplication,
  FakeIdpInitiatedAuthConfig,
  FakeOrganization,
  FakeSsoConnector,
  LogtoFakeOptions,
  LogtoFakeServer,
  SeedApplication,
} from "./types.js";

export type {
  ApplicationType,
  Exchange,
  FakeApplication,
  FakeIdpInitiatedAuthConfig,
  FakeOrganization,
  FakeServerOptions,
  FakeSigningKey,
  FakeSsoConnector,
  LogtoFakeOptions,
  LogtoFakeServer,
  ProviderDetail,
  ProviderName,
  ProviderType,
  SeedApplication,
  SeedConnector,
} from "./types.js";

/** The OSS default API indicator (`resource`) of the Management API. */
export const DEFAULT_RESOURCE = "https://default.logto.app/api";

const text = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  text: body,
});

interface Identity {
  clientId: string;
  clientSecret: string;
  resource: string;
  organizationId: string;
  applicationId: string;
}

/** Helpers are arrow fields, so they work unbound (`const { close } = fake`). */
class LogtoFake extends FakeServerHandle implements LogtoFakeServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly resource: string;
  readonly tenantId: string;
  readonly tokenURL: string;
  readonly organizationId: string;
  readonly applicationId: string;
  readonly #state: LogtoState;
  readonly #tokens: TokenIssuer;

  constructor(server: FakeHttpServer, state: LogtoState, tokens: TokenIssuer, identity: Identity) {
    super(server);
    this.clientId = identity.clientId;
    this.clientSecret = identity.clientSecret;
    this.resource = identity.resource;
    this.tenantId = state.tenantId;
    this.tokenURL = `${server.origin}/oidc/token`;
    this.organizationId = identity.organizationId;
    this.applicationId = identity.applicationId;
    this.#state = state;
    this.#tokens = tokens;
  }

  get tokensIssued(): number {
    return this.#tokens.issued;
  }

  readonly expireTokens = (): void => {
    this.#tokens.expireAll();
  };

  readonly setTokenTtl = (seconds: number): void => {
    this.#tokens.ttlSeconds = seconds;
  };

  readonly issueAccessToken = ({ scope = "all" }: { scope?: string } = {}): string => {
    return this.#tokens.issue({ sub: this.clientId, clientId: this.clientId, aud: this.resource, scope })
      .accessToken;
  };

  readonly addApplication = (
    options: Omit<SeedApplication, "clientId" | "clientSecret"> = {},
  ): FakeApplication => {
    return this.#state.addApplication(options);
  };

  readonly addOrganization = (name: string, id?: string): FakeOrganization => {
    return this.#state.addOrganization(name, id);
  };

  readonly connectors = (): FakeSsoConnector[] => {
    return this.#state.connectors();
  };

  readonly jitConnectorIds = (organizationId: string): string[] => {
    return this.#state.jitConnectorIds(organizationId);
  };

  readonly idpInitiatedAuthConfig = (connectorId: string): FakeIdpInitiatedAuthConfig | undefined => {
    return this.#state.idpConfig(connectorId);
  };
}

function seededState(options: LogtoFakeOptions): { state: LogtoState; identity: Omit<Identity, "resource"> } {
  const state = new LogtoState(options.tenantId ?? "default", options.now ?? Date.now);
  const m2m = state.addApplication({
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    scopes: ["all"],
  });
  const web = state.addApplication({
    type: "Traditional",
    redirectUris: ["https://app.acme.example/callback"],
  });
  for (const app of options.applications ?? []) state.addApplication(app);
  const organization = state.addOrganization("Acme");
  for (const org of options.organizations ?? []) state.addOrganization(org.name, org.id);
  for (const seed of options.connectors ?? []) state.putConnector(state.buildConnector(seed));
  return {
    state,
    identity: {
      clientId: m2m.clientId,
      clientSecret: m2m.clientSecret,
      organizationId: organization.id,
      applicationId: web.clientId,
    },
  };
}

/** Logto's API authentication: a Bearer token for the API indicator, with the `all` scope. */
function authorize(tokens: TokenIssuer, resource: string): (request: FakeRequest) => void {
  return (request) => {
    const token = bearerToken(request.header("authorization"));
    if (token === undefined)
      fail(401, "auth.authorization_header_missing", "Authorization header is missing.");
    if (token === null)
      fail(401, "auth.authorization_token_type_not_supported", "Authorization type is not supported.");
    const check = tokens.verify(token);
    if (!check.ok || check.claims.aud !== resource) {
      fail(401, "auth.unauthorized", "Unauthorized. Please check credentials and its scope.");
    }
    if (!(check.claims.scope ?? "").split(" ").includes("all")) {
      fail(403, "auth.forbidden", "Forbidden. Please check your user roles and permissions.");
    }
  };
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: LogtoFakeOptions = {}): Promise<LogtoFakeServer> {
  const { state, identity } = seededState(options);
  const resource = options.resource ?? DEFAULT_RESOURCE;
  let origin = "";
  const tokens = new TokenIssuer({
    issuer: () => `${origin}/oidc`,
    now: state.now,
    ttlSeconds: options.tokenTtlSeconds ?? 3600,
  });
  const router = new Router<FakeHandler>().on("POST", "/oidc/token", tokenEndpoint(state, tokens, resource));
  for (const mount of [connectorRoutes, signingKeyRoutes, idpInitiatedAuthConfigRoutes, jitRoutes])
    mount(state, router);
  const server = await startFakeHttpServer(
    {
      name: "logto",
      router,
      publicRoutes: ["POST /oidc/token"],
      authorize: authorize(tokens, resource),
      notFound: () => text(404, "Not Found"),
      methodNotAllowed: (_request, allow) => text(405, "Method Not Allowed", { allow: allow.join(", ") }),
      errorBody,
      decorate: (reply) => ({ ...reply, headers: { ...reply.headers, "logto-core-request-id": uuid() } }),
      exposeHeaders: ["Total-Number", "Total-Number-Is-Capped", "Link", "Logto-Core-Request-Id"],
    },
    options,
  );
  origin = server.origin;
  return new LogtoFake(server, state, tokens, { ...identity, resource });
}
