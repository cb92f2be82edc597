/**
 * `@sso/keycard/testing`: a stateful fake of Keycard's organization SSO connection
 * (`/organizations/{organization_id}/sso-connection`) and its `/service-account-token` grant, on 127.0.0.1.
 *
 * ```ts
 * const fake = await startFakeServer();
 * const keycard = new Keycard({ clientId: fake.clientId, clientSecret: fake.clientSecret, baseURL: fake.baseURL });
 * await keycard.organizations.ssoConnection.enable(fake.organizationId, { identifier: "https://idp.acme.example", client_id: "acme" });
 * await fake.close();
 * ```
 *
 * Behaviour (the spec), with the decisions the sources leave open:
 * - `POST /service-account-token`: HTTP Basic client credentials (RFC 6749 2.3.1) and the form body
 *   `grant_type=client_credentials`; answers `{access_token, token_type: "Bearer", expires_in}`. Errors are
 *   RFC 6749 bodies `{error, error_description}`: 401 `invalid_client` (with `WWW-Authenticate: Basic`), 400
 *   `invalid_request` / `unsupported_grant_type`. Tokens expire after `tokenTtlSeconds` (default 3600);
 *   `fake.expireTokens()` expires every token issued so far.
 * - API errors are `{message, code, status}`: 400 `bad_request` (a body that is not JSON or breaks the spec's
 *   schema, an unknown `expand` value, an `X-Client-Request-ID` that is not a UUID), 401 `unauthorized`, 403
 *   `forbidden` (an organization seeded with `forbidden: true`), 404 `not_found` ("Organization not found or SSO
 *   not enabled"), 409 `conflict` ("SSO is already enabled for this organization"), 413 `payload_too_large`,
 *   422 `validation_error` (a string outside its length bounds, such as an `identifier` over 2048 characters).
 *   A failed request changes nothing.
 * - `organization_id` is an organization's id or its label. Enable answers 201, disable 204 (no body).
 *   `client_secret` is stored but never returned: responses carry `client_secret_set`. `protocols` is echoed
 *   (`null` when not set). `permissions` is present only with `expand=permissions` (`expand[]=permissions` is
 *   accepted too). `X-Client-Request-ID` is echoed back when sent, and exposed to browser scripts (CORS is on;
 *   `cors: false` turns it off).
 */
import {
  bearerToken,
  type FakeHttpServer,
  FakeServerHandle,
  randomId,
  startFakeHttpServer,
  TokenIssuer,
} from "@sso/core/testing";
import { connectionRoutes } from "./connection.js";
import { errorBody, errorReply, fail } from "./errors.js";
import { KeycardState } from "./state.js";
import { tokenEndpoint } from "./token-endpoint.js";
import type {
  FakeOrganization,
  KeycardFakeOptions,
  KeycardFakeServer,
  Permissions,
  StoredSSOConnection,
} from "./types.js";

export type {
  Exchange,
  FakeOrganization,
  FakeServerOptions,
  FakeSSOConnection,
  KeycardFakeOptions,
  KeycardFakeServer,
  Permissions,
  SeedSSOConnection,
  StoredSSOConnection,
} from "./types.js";

const DEFAULT_PERMISSIONS: Permissions = {
  organizations: { read: true, update: true },
  users: { read: true, list: true },
};

/** Helpers are arrow fields, so they work unbound (`const { close } = fake`). */
class KeycardFake extends FakeServerHandle implements KeycardFakeServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly organizationId: string;
  readonly tokenURL: string;
  readonly #state: KeycardState;
  readonly #tokens: TokenIssuer;

  constructor(server: FakeHttpServer, state: KeycardState, tokens: TokenIssuer, credentials: Credentials) {
    super(server);
    this.clientId = credentials.clientId;
    this.clientSecret = credentials.clientSecret;
    this.organizationId = credentials.organizationId;
    this.tokenURL = `${server.origin}/service-account-token`;
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

  readonly issueAccessToken = (): string => {
    return this.#tokens.issue({ sub: this.clientId, clientId: this.clientId }).accessToken;
  };

  readonly addOrganization = (
    label: string,
    options?: { id?: string; forbidden?: boolean },
  ): FakeOrganization => {
    return this.#state.addOrganization(label, options);
  };

  readonly connection = (organizationId: string): StoredSSOConnection | undefined => {
    return this.#state.connection(organizationId);
  };
}

interface Credentials {
  clientId: string;
  clientSecret: string;
  organizationId: string;
}

function seededState(options: KeycardFakeOptions): { state: KeycardState; organizationId: string } {
  const state = new KeycardState(options.now ?? Date.now, options.permissions ?? DEFAULT_PERMISSIONS);
  const { id: organizationId } = state.addOrganization(
    "acme",
    options.organizationId ? { id: options.organizationId } : {},
  );
  for (const org of options.organizations ?? []) state.addOrganization(org.label, org);
  for (const { organization = organizationId, ...seed } of options.connections ?? []) {
    const org = state.lookup(organization);
    if (!org) throw new Error(`seeded connection for unknown organization ${organization}`);
    state.put(org.id, state.build(seed));
  }
  return { state, organizationId };
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: KeycardFakeOptions = {}): Promise<KeycardFakeServer> {
  const { state, organizationId } = seededState(options);
  const credentials: Credentials = {
    clientId: options.clientId ?? `sa_${randomId(24)}`,
    clientSecret:
      options.clientSecret ?? randomId(40, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    organizationId,
  };
  let origin = "";
  const tokens = new TokenIssuer({
    issuer: () => origin,
    now: options.now ?? Date.now,
    ttlSeconds: options.tokenTtlSeconds ?? 3600,
  });
  const server = await startFakeHttpServer(
    {
      name: "keycard",
      router: connectionRoutes(state, tokenEndpoint(tokens, credentials)),
      publicRoutes: ["POST /service-account-token"],
      authorize: (request) => {
        const token = bearerToken(request.header("authorization"));
        if (!token || !tokens.verify(token).ok) fail(401, "unauthorized", "Unauthorized");
      },
      notFound: () => errorReply(404, "not_found", "Not Found"),
      methodNotAllowed: () => errorReply(405, "method_not_allowed", "Method Not Allowed"),
      errorBody,
      decorate: (reply, request) => {
        const requestId = request.header("x-client-request-id");
        return requestId
          ? { ...reply, headers: { ...reply.headers, "x-client-request-id": requestId } }
          : reply;
      },
    },
    options,
  );
  origin = server.origin;
  return new KeycardFake(server, state, tokens, credentials);
}
