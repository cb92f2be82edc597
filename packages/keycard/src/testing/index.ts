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
 * Behaviour (reference/api-facts.md section 3 and the spec), with the decisions the sources leave open:
 * - `POST /service-account-token`: HTTP Basic client credentials (RFC 6749 2.3.1) and the form body
 *   `grant_type=client_credentials`; answers `{access_token, token_type: "Bearer", expires_in}`. Errors are
 *   RFC 6749 bodies `{error, error_description}`: 401 `invalid_client` (with `WWW-Authenticate: Basic`), 400
 *   `invalid_request` / `unsupported_grant_type`. Tokens expire after `tokenTtlSeconds` (default 3600);
 *   `fake.expireTokens()` expires every token issued so far.
 * - API errors are `{message, code, status}`: 400 `bad_request` (body not a JSON object, wrong field types,
 *   unknown `expand` value), 401 `unauthorized`, 403 `forbidden` (an organization seeded with
 *   `forbidden: true`), 404 `not_found` ("Organization not found or SSO not enabled"), 409 `conflict` ("SSO is
 *   already enabled for this organization"), 422 `validation_error` (`identifier` empty or over 2048 characters).
 * - `organization_id` is an organization's id or its label. Enable answers 201, disable 204 (no body).
 *   `client_secret` is stored but never returned: responses carry `client_secret_set`. `protocols` is echoed
 *   (`null` when not set). `permissions` is present only with `expand=permissions` (`expand[]=permissions` is
 *   accepted too). `X-Client-Request-ID` is echoed back when sent.
 */
import {
  basicCredentials,
  bearerToken,
  type Exchange,
  type FakeHandler,
  type FakeHttpServer,
  type FakeReply,
  type FakeRequest,
  type FakeServerOptions,
  isRecord,
  json,
  noContent,
  Router,
  randomId,
  safeEqual,
  startFakeHttpServer,
  statusText,
  TokenIssuer,
} from "@sso/core/testing";

export type { Exchange, FakeServerOptions };

export type Permissions = Record<string, Record<string, boolean>>;

export interface FakeSSOConnection {
  id: string;
  identifier: string;
  client_id: string | null;
  client_secret_set: boolean;
  created_at: string;
  updated_at: string;
  protocols: Record<string, unknown> | null;
}

export interface FakeOrganization {
  id: string;
  label: string;
  /** The service account may not manage it: every call answers 403. */
  forbidden: boolean;
}

export interface KeycardFakeOptions extends FakeServerOptions {
  /** The service account's credentials (defaults: random). */
  clientId?: string;
  clientSecret?: string;
  /** The id of the default organization (default: random `org_...`); its label is `acme`. */
  organizationId?: string;
  /** More organizations. */
  organizations?: Array<{ id?: string; label: string; forbidden?: boolean }>;
  /** SSO connections to seed, per organization (id or label; default: the default organization). */
  connections?: Array<{
    organization?: string;
    identifier: string;
    client_id: string | null;
    client_secret?: string | null;
    protocols?: Record<string, unknown> | null;
  }>;
  /** What `expand=permissions` returns (default: organizations read/update, users read/list). */
  permissions?: Permissions;
  /** Access token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

export interface KeycardFakeServer extends FakeHttpServer {
  readonly clientId: string;
  readonly clientSecret: string;
  /** An organization that exists in the fake (label `acme`). */
  readonly organizationId: string;
  /** `${baseURL}/service-account-token`. */
  readonly tokenURL: string;
  /** How many tokens `/service-account-token` has issued. */
  readonly tokensIssued: number;
  /** Every access token issued so far stops working now (the next call gets 401). */
  expireTokens(): void;
  setTokenTtl(seconds: number): void;
  /** Issues a token directly (for clients built with `{ accessToken }`). */
  issueAccessToken(): string;
  addOrganization(label: string, options?: { id?: string; forbidden?: boolean }): FakeOrganization;
  /** A copy of an organization's connection as stored, including whether a secret is set; undefined when disabled. */
  connection(organizationId: string): (FakeSSOConnection & { client_secret: string | null }) | undefined;
}

const DEFAULT_PERMISSIONS: Permissions = {
  organizations: { read: true, update: true },
  users: { read: true, list: true },
};

const ULID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class KeycardError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(status: number, code: string, message: string): never {
  throw new KeycardError(status, code, message);
}

function errorReply(status: number, code: string, message: string): FakeReply {
  return json(status, { message, code, status });
}

const NOT_FOUND = "Organization not found or SSO not enabled";

function typeOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

function objectBody(request: FakeRequest): Record<string, unknown> {
  if (request.bodyError) fail(400, "bad_request", `Invalid request body: ${request.bodyError}`);
  if (!isRecord(request.body)) fail(400, "bad_request", "Invalid request body: expected a JSON object");
  return request.body as Record<string, unknown>;
}

function checkIdentifier(value: unknown, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) fail(400, "bad_request", "Invalid request body: identifier is required");
    return undefined;
  }
  if (typeof value !== "string")
    fail(400, "bad_request", `Invalid request body: identifier must be a string, got ${typeOf(value)}`);
  if (value.length < 1) fail(422, "validation_error", "identifier must be at least 1 character");
  if (value.length > 2048) fail(422, "validation_error", "identifier must be at most 2048 characters");
  return value;
}

function checkProtocols(value: unknown): Record<string, unknown> | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isRecord(value)) fail(400, "bad_request", "Invalid request body: protocols must be an object or null");
  for (const key of ["oauth2", "openid"]) {
    const part = value[key];
    if (part !== undefined && part !== null && !isRecord(part)) {
      fail(400, "bad_request", `Invalid request body: protocols.${key} must be an object or null`);
    }
  }
  return structuredClone(value);
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: KeycardFakeOptions = {}): Promise<KeycardFakeServer> {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? `sa_${randomId(24)}`;
  const clientSecret =
    options.clientSecret ?? randomId(40, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  const permissions = structuredClone(options.permissions ?? DEFAULT_PERMISSIONS);
  const newId = (prefix: string) => `${prefix}_${randomId(26, ULID_ALPHABET)}`;

  const organizations = new Map<string, FakeOrganization>();
  const connections = new Map<string, FakeSSOConnection & { client_secret: string | null }>();
  const addOrganization = (
    label: string,
    opts: { id?: string; forbidden?: boolean } = {},
  ): FakeOrganization => {
    const org = { id: opts.id ?? newId("org"), label, forbidden: opts.forbidden ?? false };
    organizations.set(org.id, org);
    return { ...org };
  };
  const defaultOrganization = addOrganization(
    "acme",
    options.organizationId ? { id: options.organizationId } : {},
  );
  for (const org of options.organizations ?? []) addOrganization(org.label, org);

  let tokens = new TokenIssuer({ issuer: "pending", now, ttlSeconds: options.tokenTtlSeconds ?? 3600 });
  const iso = () => new Date(now()).toISOString();
  for (const seed of options.connections ?? []) {
    const key = seed.organization ?? defaultOrganization.id;
    const org = organizations.get(key) ?? [...organizations.values()].find((o) => o.label === key);
    if (!org) throw new Error(`seeded connection for unknown organization ${key}`);
    const at = iso();
    connections.set(org.id, {
      id: newId("ssoc"),
      identifier: seed.identifier,
      client_id: seed.client_id,
      client_secret: seed.client_secret ?? null,
      client_secret_set: typeof seed.client_secret === "string",
      created_at: at,
      updated_at: at,
      protocols: seed.protocols ?? null,
    });
  }

  const findOrganization = (idOrLabel: string): FakeOrganization => {
    const org =
      organizations.get(idOrLabel) ?? [...organizations.values()].find((o) => o.label === idOrLabel);
    if (!org) fail(404, "not_found", NOT_FOUND);
    if (org.forbidden) fail(403, "forbidden", "Forbidden");
    return org;
  };
  const findConnection = (request: FakeRequest) => {
    const org = findOrganization(request.params.organization_id ?? "");
    const connection = connections.get(org.id);
    if (!connection) fail(404, "not_found", NOT_FOUND);
    return { org, connection };
  };
  const view = (connection: FakeSSOConnection & { client_secret: string | null }, expand: Set<string>) => {
    const { client_secret: _secret, ...visible } = structuredClone(connection);
    return expand.has("permissions") ? { ...visible, permissions: structuredClone(permissions) } : visible;
  };

  const authorized =
    (handler: (request: FakeRequest) => FakeReply): FakeHandler =>
    (request) => {
      try {
        const token = bearerToken(request.header("authorization"));
        if (!token) fail(401, "unauthorized", "Unauthorized");
        if (!tokens.verify(token).ok) fail(401, "unauthorized", "Unauthorized");
        const requestId = request.header("x-client-request-id");
        if (requestId !== undefined && !UUID.test(requestId)) {
          fail(400, "bad_request", "X-Client-Request-ID must be a UUID");
        }
        return handler(request);
      } catch (error) {
        if (error instanceof KeycardError) return errorReply(error.status, error.code, error.message);
        throw error;
      }
    };

  const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>) =>
    json(status, { error, error_description: description }, { "cache-control": "no-store", ...headers });

  const tokenEndpoint: FakeHandler = (request) => {
    const basic = basicCredentials(request.header("authorization"));
    if (!basic || !safeEqual(basic.id, clientId) || !safeEqual(basic.secret, clientSecret)) {
      return oauthError(401, "invalid_client", "Client authentication failed", {
        "www-authenticate": 'Basic realm="keycard"',
      });
    }
    const type = (request.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded" || !isRecord(request.body)) {
      return oauthError(400, "invalid_request", "The request body must be application/x-www-form-urlencoded");
    }
    const grantType = (request.body as Record<string, string>).grant_type;
    if (!grantType) return oauthError(400, "invalid_request", "Missing grant_type");
    if (grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `Unsupported grant_type: ${grantType}`);
    }
    const issued = tokens.issue({ sub: clientId, clientId });
    return json(
      200,
      { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn },
      { "cache-control": "no-store", pragma: "no-cache" },
    );
  };

  const path = "/organizations/{organization_id}/sso-connection";
  const router = new Router<FakeHandler>()
    .on("POST", "/service-account-token", tokenEndpoint)
    .on(
      "POST",
      path,
      authorized((request) => {
        const org = findOrganization(request.params.organization_id ?? "");
        const body = objectBody(request);
        const identifier = checkIdentifier(body.identifier, true) as string;
        if (typeof body.client_id !== "string") {
          fail(400, "bad_request", "Invalid request body: client_id is required and must be a string");
        }
        if (body.client_secret !== undefined && typeof body.client_secret !== "string") {
          fail(400, "bad_request", "Invalid request body: client_secret must be a string");
        }
        const protocols = checkProtocols(body.protocols);
        if (connections.has(org.id)) fail(409, "conflict", "SSO is already enabled for this organization");
        const at = iso();
        const connection = {
          id: newId("ssoc"),
          identifier,
          client_id: body.client_id,
          client_secret: typeof body.client_secret === "string" ? body.client_secret : null,
          client_secret_set: typeof body.client_secret === "string",
          created_at: at,
          updated_at: at,
          protocols: protocols ?? null,
        };
        connections.set(org.id, connection);
        return json(201, view(connection, new Set()));
      }),
    )
    .on(
      "GET",
      path,
      authorized((request) => {
        const expand = new Set([...request.query.getAll("expand"), ...request.query.getAll("expand[]")]);
        for (const value of expand) {
          if (value !== "permissions" && value !== "total_count")
            fail(400, "bad_request", `Invalid expand value: ${value}`);
        }
        const { connection } = findConnection(request);
        return json(200, view(connection, expand));
      }),
    )
    .on(
      "PATCH",
      path,
      authorized((request) => {
        const { connection } = findConnection(request);
        const body = objectBody(request);
        const identifier = checkIdentifier(body.identifier, false);
        for (const field of ["client_id", "client_secret"] as const) {
          const value = body[field];
          if (value !== undefined && value !== null && typeof value !== "string") {
            fail(400, "bad_request", `Invalid request body: ${field} must be a string or null`);
          }
        }
        const protocols = checkProtocols(body.protocols);
        let changed = false;
        if (identifier !== undefined) {
          connection.identifier = identifier;
          changed = true;
        }
        if (body.client_id !== undefined) {
          connection.client_id = body.client_id as string | null;
          changed = true;
        }
        if (body.client_secret !== undefined) {
          connection.client_secret = body.client_secret as string | null;
          connection.client_secret_set = body.client_secret !== null;
          changed = true;
        }
        if (protocols !== undefined) {
          connection.protocols = protocols;
          changed = true;
        }
        if (changed) connection.updated_at = iso();
        return json(200, view(connection, new Set()));
      }),
    )
    .on(
      "DELETE",
      path,
      authorized((request) => {
        const { org } = findConnection(request);
        connections.delete(org.id);
        return noContent();
      }),
    );

  const server = await startFakeHttpServer(
    {
      name: "keycard",
      router,
      notFound: () => errorReply(404, "not_found", "Not Found"),
      methodNotAllowed: () => errorReply(405, "method_not_allowed", "Method Not Allowed"),
      errorBody: (status) => {
        const codes: Record<number, string> = {
          413: "payload_too_large",
          429: "rate_limited",
          500: "internal_error",
          502: "bad_gateway",
          503: "service_unavailable",
          504: "gateway_timeout",
        };
        return { message: statusText(status), code: codes[status] ?? "error", status };
      },
      decorate: (reply, request) => {
        const requestId = request.header("x-client-request-id");
        return requestId
          ? { ...reply, headers: { ...reply.headers, "x-client-request-id": requestId } }
          : reply;
      },
    },
    options,
  );
  tokens = new TokenIssuer({ issuer: server.origin, now, ttlSeconds: options.tokenTtlSeconds ?? 3600 });

  const handle = Object.assign(server, {
    clientId,
    clientSecret,
    organizationId: defaultOrganization.id,
    tokenURL: `${server.origin}/service-account-token`,
    expireTokens: () => tokens.expireAll(),
    setTokenTtl: (seconds: number) => {
      tokens.ttlSeconds = seconds;
    },
    issueAccessToken: () => tokens.issue({ sub: clientId, clientId }).accessToken,
    addOrganization,
    connection: (organizationId: string) => {
      const found = connections.get(organizationId);
      return found ? structuredClone(found) : undefined;
    },
  });
  Object.defineProperty(handle, "tokensIssued", { get: () => tokens.issued, enumerable: true });
  return handle as KeycardFakeServer;
}
