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
 * Behaviour follows reference/api-facts.md section 2 (observations in 2.9 win) and the Logto source:
 * - `POST /oidc/token`: `grant_type=client_credentials`, client credentials as form fields or HTTP Basic (both ->
 *   400 `invalid_request`; wrong secret -> 401 `oidc.invalid_client` with `WWW-Authenticate`), `resource` must be
 *   the API indicator (default `https://default.logto.app/api`, else 400 `invalid_target`); an unknown or missing
 *   `scope` still gets a token, without `scope` (the API then answers 403). Tokens expire after
 *   `tokenTtlSeconds` (default 3600); `fake.expireTokens()` expires every token issued so far.
 * - API auth: no header -> 401 `auth.authorization_header_missing`; not Bearer -> 401
 *   `auth.authorization_token_type_not_supported`; bad or expired token -> 401 `auth.unauthorized`; a token
 *   without scope `all` -> 403 `auth.forbidden`.
 * - Connectors: create answers 200 with the bare row; list/get/update add the provider fields. Ids are 12
 *   lowercase letters/digits; `createdAt` is epoch ms. Checks in Logto's order: body guard (400
 *   `guard.invalid_input`), unknown `providerName` (422 `connector.not_found`), domains lower-cased then public
 *   email domains (422 `single_sign_on.forbidden_domains`) and duplicated domains (422
 *   `single_sign_on.duplicated_domains`: repeated in the list, or already used by another connector), config
 *   (400 `connector.invalid_config`; SAML `signAuthnRequest: true` without an active signing key -> 400
 *   `single_sign_on.active_signing_key_required`), duplicate `connectorName` (409). A missing id is 404
 *   `entity.not_exists_with_id`. Pagination is optional: with `page` or `page_size`, `Total-Number` and `Link`
 *   are sent; a non-positive value or `page_size` above 100 is 400 `guard.invalid_pagination`.
 * - The fake cannot reach an IdP: `providerConfig` is derived from an OIDC connector's issuer (endpoints
 *   `/authorize`, `/token`, `/userinfo`, `/jwks`) and omitted for SAML connectors (as when fetching fails).
 * - SAML signing keys carry real self-signed RSA certificates (3-year validity) and their fingerprints.
 * - Organization JIT SSO connectors: the fake seeds one organization (`fake.organizationId`); more via options.
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
  selfSignedCertificate,
  startFakeHttpServer,
  TokenIssuer,
  uuid,
} from "@sso/core/testing";
import {
  configProblems,
  findProvider,
  oidcProviderConfig,
  PROVIDERS,
  type ProviderDetail,
  type ProviderName,
  PUBLIC_EMAIL_DOMAINS,
} from "./providers.js";

export type { ProviderDetail, ProviderName } from "./providers.js";
export type { Exchange, FakeServerOptions };

/** The OSS default API indicator (`resource`) of the Management API. */
export const DEFAULT_RESOURCE = "https://default.logto.app/api";

export interface FakeSsoConnector {
  tenantId: string;
  id: string;
  providerName: ProviderName;
  connectorName: string;
  config: Record<string, unknown>;
  domains: string[];
  branding: { displayName?: string; logo?: string; darkLogo?: string };
  syncProfile: boolean;
  enableTokenStorage: boolean;
  createdAt: number;
}

export interface FakeSigningKey {
  id: string;
  certificate: string;
  createdAt: number;
  expiresAt: number;
  active: boolean;
  fingerprints: {
    sha1: { formatted: string; unformatted: string };
    sha256: { formatted: string; unformatted: string };
  };
}

export interface FakeOrganization {
  id: string;
  name: string;
}

export interface FakeApplication {
  clientId: string;
  clientSecret: string;
  /** Management API scopes granted to the app's role (`all` for full access). */
  scopes: string[];
}

export interface SeedConnector {
  providerName: ProviderName;
  connectorName: string;
  id?: string;
  config?: Record<string, unknown>;
  domains?: string[];
  branding?: FakeSsoConnector["branding"];
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
}

export interface LogtoFakeOptions extends FakeServerOptions {
  /** The M2M app whose tokens carry scope `all` (defaults: random). */
  clientId?: string;
  clientSecret?: string;
  /** More M2M apps (e.g. one without `all`, to provoke 403). */
  applications?: Array<{ clientId: string; clientSecret: string; scopes?: string[] }>;
  /** The API indicator a token request must name as `resource` (default `https://default.logto.app/api`). */
  resource?: string;
  tenantId?: string;
  /** Access token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Organizations to seed in addition to the default one. */
  organizations?: Array<{ id?: string; name: string }>;
  connectors?: SeedConnector[];
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

export interface LogtoFakeServer extends FakeHttpServer {
  /** The fake's origin: pass it to the client as `endpoint` (or `baseURL`). */
  readonly baseURL: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API indicator tokens are issued for. */
  readonly resource: string;
  readonly tenantId: string;
  /** `${baseURL}/oidc/token`. */
  readonly tokenURL: string;
  /** An organization that exists in the fake. */
  readonly organizationId: string;
  /** Every access token issued so far stops working now (the next call gets 401 `auth.unauthorized`). */
  expireTokens(): void;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenTtl(seconds: number): void;
  /** How many tokens `/oidc/token` has issued. */
  readonly tokensIssued: number;
  /** Issues a token directly (for clients built with `{ accessToken }`); default scope `all`. */
  issueAccessToken(options?: { scope?: string }): string;
  /** Registers another M2M app; default scopes `[]` (its tokens get 403). */
  addApplication(options?: { scopes?: string[] }): FakeApplication;
  addOrganization(name: string, id?: string): FakeOrganization;
  /** Copies of every connector, oldest first. */
  connectors(): FakeSsoConnector[];
  /** Connector ids linked to an organization for JIT provisioning. */
  jitConnectorIds(organizationId: string): string[];
}

class LogtoError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { data?: unknown; details?: string } = {},
  ) {
    super(message);
  }

  reply(): FakeReply {
    return json(this.status, { code: this.code, message: this.message, ...this.extra });
  }
}

function fail(
  status: number,
  code: string,
  message: string,
  extra?: { data?: unknown; details?: string },
): never {
  throw new LogtoError(status, code, message, extra);
}

const invalidInput = (type: "body" | "query" | "params", details: string[]): never =>
  fail(400, "guard.invalid_input", `The request ${type} is invalid.`, { details: details.join("\n") });

function notExists(table: string, id: string): never {
  return fail(404, "entity.not_exists_with_id", `The ${table} with ID \`${id}\` does not exist.`);
}

/** A tiny zod-like guard over a JSON body: collects `Error in key path ...` lines like Logto's `details`. */
class BodyGuard {
  readonly problems: string[] = [];
  constructor(readonly body: Record<string, unknown>) {}

  string(key: string, options: { required?: boolean; min?: number; max?: number } = {}): string | undefined {
    const value = this.body[key];
    if (value === undefined) {
      if (options.required) this.problems.push(`Error in key path "${key}": (invalid_type) Required`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.problems.push(
        `Error in key path "${key}": (invalid_type) Expected string, received ${typeOf(value)}`,
      );
      return undefined;
    }
    if (options.min !== undefined && value.length < options.min) {
      this.problems.push(
        `Error in key path "${key}": (too_small) String must contain at least ${options.min} character(s)`,
      );
    }
    if (options.max !== undefined && value.length > options.max) {
      this.problems.push(
        `Error in key path "${key}": (too_big) String must contain at most ${options.max} character(s)`,
      );
    }
    return value;
  }

  boolean(key: string, required = false): boolean | undefined {
    const value = this.body[key];
    if (value === undefined) {
      if (required) this.problems.push(`Error in key path "${key}": (invalid_type) Required`);
      return undefined;
    }
    if (typeof value !== "boolean") {
      this.problems.push(
        `Error in key path "${key}": (invalid_type) Expected boolean, received ${typeOf(value)}`,
      );
      return undefined;
    }
    return value;
  }

  object(key: string): Record<string, unknown> | undefined {
    const value = this.body[key];
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.problems.push(
        `Error in key path "${key}": (invalid_type) Expected object, received ${typeOf(value)}`,
      );
      return undefined;
    }
    return value;
  }

  stringArray(key: string, options: { required?: boolean; nonEmpty?: boolean } = {}): string[] | undefined {
    const value = this.body[key];
    if (value === undefined) {
      if (options.required) this.problems.push(`Error in key path "${key}": (invalid_type) Required`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.problems.push(
        `Error in key path "${key}": (invalid_type) Expected array, received ${typeOf(value)}`,
      );
      return undefined;
    }
    value.forEach((item, i) => {
      if (typeof item !== "string" || (options.nonEmpty && item.length === 0)) {
        this.problems.push(`Error in key path "${key}.${i}": (invalid_type) Expected a non-empty string`);
      }
    });
    return value as string[];
  }

  branding(key: string): FakeSsoConnector["branding"] | undefined {
    const value = this.object(key);
    if (!value) return undefined;
    for (const field of ["displayName", "logo", "darkLogo"]) {
      if (value[field] !== undefined && typeof value[field] !== "string") {
        this.problems.push(`Error in key path "${key}.${field}": (invalid_type) Expected string`);
      }
    }
    return value as FakeSsoConnector["branding"];
  }

  done(): void {
    if (this.problems.length > 0) invalidInput("body", this.problems);
  }
}

function typeOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

function jsonBody(request: FakeRequest): Record<string, unknown> {
  if (request.bodyError) invalidInput("body", [request.bodyError]);
  if (request.body === undefined) return {};
  if (!isRecord(request.body)) invalidInput("body", ['Error in key path "": (invalid_type) Expected object']);
  return request.body as Record<string, unknown>;
}

interface Paged<T> {
  items: T[];
  headers: Record<string, string | string[]>;
}

/** Logto's `koaPagination({ isOptional: true })`. */
function paginate<T>(request: FakeRequest, all: T[]): Paged<T> {
  const pageRaw = request.query.get("page");
  const sizeRaw = request.query.get("page_size");
  if (pageRaw === null && sizeRaw === null) return { items: all, headers: {} };
  const positive = (raw: string | null, fallback: number, max?: number): number => {
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0 || (max !== undefined && n > max)) {
      fail(400, "guard.invalid_pagination", "The request pagination value is invalid.");
    }
    return n;
  };
  const page = positive(pageRaw, 1);
  const pageSize = positive(sizeRaw, 20, 100);
  const total = all.length;
  const totalPages = Math.ceil(total / pageSize) || 1;
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(target));
    return `<${request.url.origin}${request.url.pathname}?${query.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, "first"), link(totalPages, "last")];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < totalPages) links.push(link(page + 1, "next"));
  return {
    items: all.slice((page - 1) * pageSize, page * pageSize),
    headers: { "total-number": String(total), link: links },
  };
}

interface OidcErrorSpec {
  status: number;
  error: string;
  description: string;
}

function oidcError(
  { status, error, description }: OidcErrorSpec,
  headers?: Record<string, string>,
): FakeReply {
  return json(
    status,
    {
      code: `oidc.${error}`,
      message: `An OIDC error occurred: oidc.${error}.`,
      error,
      error_description: description,
    },
    { "cache-control": "no-store", ...headers },
  );
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: LogtoFakeOptions = {}): Promise<LogtoFakeServer> {
  const now = options.now ?? Date.now;
  const tenantId = options.tenantId ?? "default";
  const resource = options.resource ?? DEFAULT_RESOURCE;
  const clientId = options.clientId ?? randomId(21);
  const clientSecret =
    options.clientSecret ?? randomId(32, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

  const applications = new Map<string, FakeApplication>();
  const addApplication = (app: FakeApplication) => {
    applications.set(app.clientId, { ...app, scopes: [...app.scopes] });
    return app;
  };
  addApplication({ clientId, clientSecret, scopes: ["all"] });
  for (const app of options.applications ?? []) addApplication({ ...app, scopes: app.scopes ?? [] });

  const connectors = new Map<string, FakeSsoConnector>();
  const signingKeys = new Map<string, Map<string, FakeSigningKey>>();
  const organizations = new Map<string, FakeOrganization & { jit: Set<string> }>();
  const addOrganization = (name: string, id: string = randomId(12)): FakeOrganization => {
    organizations.set(id, { id, name, jit: new Set() });
    return { id, name };
  };
  const defaultOrganization = addOrganization("Acme");
  for (const org of options.organizations ?? []) addOrganization(org.name, org.id);

  const insertConnector = (seed: SeedConnector): FakeSsoConnector => {
    const row: FakeSsoConnector = {
      tenantId,
      id: seed.id ?? randomId(12),
      providerName: seed.providerName,
      connectorName: seed.connectorName,
      config: seed.config ?? {},
      domains: (seed.domains ?? []).map((d) => d.toLowerCase()),
      branding: seed.branding ?? {},
      syncProfile: seed.syncProfile ?? false,
      enableTokenStorage: seed.enableTokenStorage ?? false,
      createdAt: now(),
    };
    connectors.set(row.id, row);
    return row;
  };
  for (const seed of options.connectors ?? []) insertConnector(seed);

  // `issuer` is patched once the port is known; tokens are only issued after that.
  let tokens = new TokenIssuer({ issuer: "pending", now, ttlSeconds: options.tokenTtlSeconds ?? 3600 });

  const copy = (row: FakeSsoConnector): FakeSsoConnector => structuredClone(row);
  const withProvider = (row: FakeSsoConnector) => {
    const provider = findProvider(row.providerName) as ProviderDetail;
    const providerConfig =
      provider.providerType === "oidc" ? oidcProviderConfig(row.providerName, row.config) : undefined;
    return {
      ...copy(row),
      name: provider.name,
      providerType: provider.providerType,
      providerLogo: provider.logo,
      providerLogoDark: provider.logoDark,
      ...(providerConfig ? { providerConfig } : {}),
    };
  };
  const getConnector = (id: string): FakeSsoConnector =>
    connectors.get(id) ?? notExists("sso_connectors", id);
  const activeKey = (connectorId: string) =>
    [...(signingKeys.get(connectorId)?.values() ?? [])].find((k) => k.active);

  const checkDomains = (domains: string[] | undefined, selfId?: string): string[] | undefined => {
    if (!domains) return undefined;
    const lowered = domains.map((d) => d.trim().toLowerCase());
    const forbidden = [...new Set(lowered.filter((d) => PUBLIC_EMAIL_DOMAINS.has(d)))];
    if (forbidden.length > 0) {
      fail(422, "single_sign_on.forbidden_domains", "Public email domains are not allowed.", {
        data: { data: forbidden },
      });
    }
    const seen = new Set<string>();
    const duplicated = new Set<string>();
    for (const domain of lowered) {
      if (seen.has(domain)) duplicated.add(domain);
      seen.add(domain);
    }
    for (const other of connectors.values()) {
      if (other.id === selfId) continue;
      for (const domain of other.domains) if (seen.has(domain)) duplicated.add(domain);
    }
    if (duplicated.size > 0) {
      fail(422, "single_sign_on.duplicated_domains", "There are duplicate domains.", {
        data: { data: [...duplicated] },
      });
    }
    return lowered;
  };

  const checkConfig = (
    provider: ProviderDetail,
    config: Record<string, unknown> | undefined,
    connectorId?: string,
  ) => {
    if (!config) return;
    const problems = configProblems(provider.providerType, provider.providerName, config);
    if (problems.length > 0) {
      fail(400, "connector.invalid_config", "The connector's config is invalid.", {
        details: problems.join("\n"),
      });
    }
    if (
      provider.providerType === "saml" &&
      config.signAuthnRequest === true &&
      !(connectorId && activeKey(connectorId))
    ) {
      fail(
        400,
        "single_sign_on.active_signing_key_required",
        "An active signing key is required to sign authentication requests.",
      );
    }
  };

  const checkTokenStorage = (provider: ProviderDetail, enableTokenStorage: boolean | undefined) => {
    if (enableTokenStorage && provider.providerType !== "oidc") {
      fail(
        400,
        "connector.token_storage_not_supported",
        "Token storage is not supported for this connector.",
      );
    }
  };

  const checkName = (connectorName: string | undefined, selfId?: string) => {
    if (connectorName === undefined) return;
    for (const other of connectors.values()) {
      if (other.connectorName === connectorName && other.id !== selfId) {
        fail(
          409,
          "single_sign_on.duplicate_connector_name",
          "Connector name already exists. Please choose a different name.",
        );
      }
    }
  };

  const samlConnector = (id: string): FakeSsoConnector => {
    const row = getConnector(id);
    if (findProvider(row.providerName)?.providerType !== "saml") {
      fail(404, "connector.not_found", "Cannot find any available connector for type: undefined.");
    }
    return row;
  };

  const signingKey = (connectorId: string, keyId: string): FakeSigningKey =>
    signingKeys.get(connectorId)?.get(keyId) ?? notExists("saml_sso_connector_signing_keys", keyId);

  const organization = (id: string) => organizations.get(id);
  const relationNotFound = (): never =>
    fail(
      422,
      "entity.relation_foreign_key_not_found",
      "Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.",
    );

  const authorized =
    (handler: (request: FakeRequest) => FakeReply | Promise<FakeReply>): FakeHandler =>
    async (request) => {
      try {
        const header = request.header("authorization");
        const token = bearerToken(header);
        if (token === undefined)
          fail(401, "auth.authorization_header_missing", "Authorization header is missing.");
        if (token === null)
          fail(401, "auth.authorization_token_type_not_supported", "Authorization type is not supported.");
        const check = tokens.verify(token);
        if (!check.ok || check.claims.aud !== resource) {
          fail(401, "auth.unauthorized", "Unauthorized. Please check credentials and its scope.");
        }
        const scopes = (check.claims.scope ?? "").split(" ");
        if (!scopes.includes("all"))
          fail(403, "auth.forbidden", "Forbidden. Please check your user roles and permissions.");
        return await handler(request);
      } catch (error) {
        if (error instanceof LogtoError) return error.reply();
        throw error;
      }
    };

  const tokenEndpoint: FakeHandler = (request) => {
    const type = (request.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded" || !isRecord(request.body)) {
      return oidcError({
        status: 400,
        error: "invalid_request",
        description:
          "only application/x-www-form-urlencoded content-type bodies are supported on POST /token",
      });
    }
    const form = request.body as Record<string, string>;
    const basic = basicCredentials(request.header("authorization"));
    if (basic === null) {
      return oidcError({
        status: 400,
        error: "invalid_request",
        description: "invalid authorization header value format",
      });
    }
    if (
      basic &&
      (form.client_secret !== undefined || (form.client_id !== undefined && form.client_id !== basic.id))
    ) {
      return oidcError({
        status: 400,
        error: "invalid_request",
        description: "client authentication must only be provided using one mechanism",
      });
    }
    const id = basic?.id ?? form.client_id;
    const secret = basic?.secret ?? form.client_secret;
    if (id === undefined) {
      return oidcError({
        status: 400,
        error: "invalid_request",
        description: "no client authentication mechanism provided",
      });
    }
    const app = applications.get(id);
    if (!app || secret === undefined || !safeEqual(secret, app.clientSecret)) {
      return oidcError(
        { status: 401, error: "invalid_client", description: "client authentication failed" },
        {
          "www-authenticate":
            'Basic realm="logto", error="invalid_client", error_description="client authentication failed"',
        },
      );
    }
    if (!form.grant_type) {
      return oidcError({
        status: 400,
        error: "invalid_request",
        description: "missing required parameter 'grant_type'",
      });
    }
    if (form.grant_type !== "client_credentials") {
      return oidcError({
        status: 400,
        error: "unsupported_grant_type",
        description: "unsupported grant_type requested",
      });
    }
    if (form.resource !== resource) {
      return oidcError({
        status: 400,
        error: "invalid_target",
        description: "resource indicator is missing, or unknown",
      });
    }
    const granted = (form.scope ?? "").split(/\s+/).filter((s) => s && app.scopes.includes(s));
    const scope = granted.length > 0 ? granted.join(" ") : undefined;
    const issued = tokens.issue({
      sub: app.clientId,
      clientId: app.clientId,
      aud: resource,
      ...(scope ? { scope } : {}),
    });
    return json(
      200,
      {
        access_token: issued.accessToken,
        expires_in: issued.expiresIn,
        token_type: "Bearer",
        ...(scope ? { scope } : {}),
      },
      { "cache-control": "no-store", pragma: "no-cache" },
    );
  };

  const router = new Router<FakeHandler>()
    .on("POST", "/oidc/token", tokenEndpoint)
    .on(
      "GET",
      "/api/sso-connector-providers",
      authorized(() =>
        json(
          200,
          PROVIDERS.map((p) => ({ ...p })),
        ),
      ),
    )
    .on(
      "GET",
      "/api/sso-connectors",
      authorized((request) => {
        const { items, headers } = paginate(request, [...connectors.values()]);
        return json(200, items.map(withProvider), headers);
      }),
    )
    .on(
      "POST",
      "/api/sso-connectors",
      authorized((request) => {
        const guard = new BodyGuard(jsonBody(request));
        const providerName = guard.string("providerName", { required: true, min: 1, max: 128 });
        const connectorName = guard.string("connectorName", { required: true, min: 1, max: 128 });
        const config = guard.object("config");
        const domains = guard.stringArray("domains");
        const branding = guard.branding("branding");
        const syncProfile = guard.boolean("syncProfile");
        const enableTokenStorage = guard.boolean("enableTokenStorage");
        guard.done();
        const provider = findProvider(providerName);
        if (!provider)
          fail(422, "connector.not_found", `Cannot find any available connector for type: ${providerName}.`);
        const lowered = checkDomains(domains);
        checkConfig(provider, config);
        checkTokenStorage(provider, enableTokenStorage);
        checkName(connectorName);
        const row = insertConnector({
          providerName: provider.providerName,
          connectorName: connectorName as string,
          ...(config ? { config } : {}),
          ...(lowered ? { domains: lowered } : {}),
          ...(branding ? { branding } : {}),
          ...(syncProfile !== undefined ? { syncProfile } : {}),
          ...(enableTokenStorage !== undefined ? { enableTokenStorage } : {}),
        });
        return json(200, copy(row));
      }),
    )
    .on(
      "GET",
      "/api/sso-connectors/{id}",
      authorized((request) => json(200, withProvider(getConnector(request.params.id ?? "")))),
    )
    .on(
      "PATCH",
      "/api/sso-connectors/{id}",
      authorized((request) => {
        const row = getConnector(request.params.id ?? "");
        const guard = new BodyGuard(jsonBody(request));
        const connectorName = guard.string("connectorName", { min: 1, max: 128 });
        const config = guard.object("config");
        const domains = guard.stringArray("domains");
        const branding = guard.branding("branding");
        const syncProfile = guard.boolean("syncProfile");
        const enableTokenStorage = guard.boolean("enableTokenStorage");
        guard.done();
        const provider = findProvider(row.providerName) as ProviderDetail;
        const lowered = checkDomains(domains, row.id);
        checkName(connectorName, row.id);
        checkConfig(provider, config, row.id);
        checkTokenStorage(provider, enableTokenStorage);
        if (connectorName !== undefined) row.connectorName = connectorName;
        if (config) row.config = structuredClone(config);
        if (lowered) row.domains = lowered;
        if (branding) row.branding = structuredClone(branding);
        if (syncProfile !== undefined) row.syncProfile = syncProfile;
        if (enableTokenStorage !== undefined) row.enableTokenStorage = enableTokenStorage;
        return json(200, withProvider(row));
      }),
    )
    .on(
      "DELETE",
      "/api/sso-connectors/{id}",
      authorized((request) => {
        const row = getConnector(request.params.id ?? "");
        connectors.delete(row.id);
        signingKeys.delete(row.id);
        for (const org of organizations.values()) org.jit.delete(row.id);
        return noContent();
      }),
    )
    .on(
      "GET",
      "/api/sso-connectors/{id}/signing-keys",
      authorized((request) => {
        const row = samlConnector(request.params.id ?? "");
        return json(
          200,
          [...(signingKeys.get(row.id)?.values() ?? [])].map((k) => structuredClone(k)),
        );
      }),
    )
    .on(
      "POST",
      "/api/sso-connectors/{id}/signing-keys",
      authorized(async (request) => {
        const row = samlConnector(request.params.id ?? "");
        const guard = new BodyGuard(jsonBody(request));
        const active = guard.boolean("active") ?? false;
        guard.done();
        const createdAt = now();
        const cert = await selfSignedCertificate({
          subject: [["CN", "example.com"]],
          issuer: [
            ["CN", "logto.io"],
            ["O", "Logto"],
            ["C", "US"],
          ],
          days: 3 * 365,
          now: new Date(createdAt),
        });
        const keys = signingKeys.get(row.id) ?? new Map<string, FakeSigningKey>();
        signingKeys.set(row.id, keys);
        if (active) for (const key of keys.values()) key.active = false;
        const key: FakeSigningKey = {
          id: randomId(21),
          certificate: cert.certificate,
          createdAt,
          expiresAt: cert.notAfter.getTime(),
          active,
          fingerprints: cert.fingerprints,
        };
        keys.set(key.id, key);
        return json(201, structuredClone(key));
      }),
    )
    .on(
      "PATCH",
      "/api/sso-connectors/{id}/signing-keys/{keyId}",
      authorized((request) => {
        const row = samlConnector(request.params.id ?? "");
        const guard = new BodyGuard(jsonBody(request));
        const active = guard.boolean("active", true) as boolean;
        guard.done();
        const key = signingKey(row.id, request.params.keyId ?? "");
        if (key.active && !active && row.config.signAuthnRequest === true) {
          fail(
            400,
            "single_sign_on.can_not_deactivate_signing_key_in_use",
            "Cannot deactivate the signing key while signed authentication requests are enabled.",
          );
        }
        if (active) for (const other of signingKeys.get(row.id)?.values() ?? []) other.active = false;
        key.active = active;
        return json(200, structuredClone(key));
      }),
    )
    .on(
      "DELETE",
      "/api/sso-connectors/{id}/signing-keys/{keyId}",
      authorized((request) => {
        const row = samlConnector(request.params.id ?? "");
        const key = signingKey(row.id, request.params.keyId ?? "");
        if (key.active) {
          fail(
            400,
            "single_sign_on.can_not_delete_active_signing_key",
            "Cannot delete the active signing key. Activate another key or deactivate this key first.",
          );
        }
        signingKeys.get(row.id)?.delete(key.id);
        return noContent();
      }),
    )
    .on(
      "GET",
      "/api/organizations/{id}/jit/sso-connectors",
      authorized((request) => {
        const id = request.params.id ?? "";
        const org = organization(id) ?? notExists("organizations", id);
        const rows = [...org.jit]
          .map((connectorId) => connectors.get(connectorId))
          .filter((r) => r !== undefined);
        const { items, headers } = paginate(request, rows);
        return json(200, items.map(copy), headers);
      }),
    )
    .on(
      "POST",
      "/api/organizations/{id}/jit/sso-connectors",
      authorized((request) => {
        const guard = new BodyGuard(jsonBody(request));
        const ids = guard.stringArray("ssoConnectorIds", { required: true, nonEmpty: true });
        if (ids && ids.length === 0)
          guard.problems.push(
            'Error in key path "ssoConnectorIds": (too_small) Array must contain at least 1 element(s)',
          );
        guard.done();
        const org = organization(request.params.id ?? "") ?? relationNotFound();
        if (!(ids as string[]).every((id) => connectors.has(id))) relationNotFound();
        for (const id of ids as string[]) org.jit.add(id);
        return noContent(201);
      }),
    )
    .on(
      "PUT",
      "/api/organizations/{id}/jit/sso-connectors",
      authorized((request) => {
        const guard = new BodyGuard(jsonBody(request));
        const ids = guard.stringArray("ssoConnectorIds", { required: true, nonEmpty: true });
        guard.done();
        const org = organization(request.params.id ?? "") ?? relationNotFound();
        if (!(ids as string[]).every((id) => connectors.has(id))) relationNotFound();
        org.jit = new Set(ids);
        return noContent();
      }),
    )
    .on(
      "DELETE",
      "/api/organizations/{id}/jit/sso-connectors/{ssoConnectorId}",
      authorized((request) => {
        const org = organization(request.params.id ?? "");
        const connectorId = request.params.ssoConnectorId ?? "";
        if (!org?.jit.has(connectorId)) fail(422, "entity.not_found", "The resource does not exist.");
        org.jit.delete(connectorId);
        return noContent();
      }),
    );

  const server = await startFakeHttpServer(
    {
      name: "logto",
      router,
      notFound: () => ({
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8" },
        text: "Not Found",
      }),
      methodNotAllowed: (_request, allow) => ({
        status: 405,
        headers: { "content-type": "text/plain; charset=utf-8", allow: allow.join(", ") },
        text: "Method Not Allowed",
      }),
      errorBody: (status) =>
        status >= 500
          ? { message: "Internal server error." }
          : status === 429
            ? { code: "request.too_many_requests", message: "Too many requests. Please try again later." }
            : { code: "request.general", message: "Request error occurred." },
      decorate: (reply) => ({
        ...reply,
        headers: { ...reply.headers, "logto-core-request-id": uuid() },
      }),
    },
    options,
  );
  tokens = new TokenIssuer({
    issuer: `${server.origin}/oidc`,
    now,
    ttlSeconds: options.tokenTtlSeconds ?? 3600,
  });

  const handle = Object.assign(server, {
    clientId,
    clientSecret,
    resource,
    tenantId,
    tokenURL: `${server.origin}/oidc/token`,
    organizationId: defaultOrganization.id,
    expireTokens: () => tokens.expireAll(),
    setTokenTtl: (seconds: number) => {
      tokens.ttlSeconds = seconds;
    },
    issueAccessToken: ({ scope = "all" }: { scope?: string } = {}) =>
      tokens.issue({ sub: clientId, clientId, aud: resource, scope }).accessToken,
    addApplication: ({ scopes = [] }: { scopes?: string[] } = {}) =>
      addApplication({ clientId: randomId(21), clientSecret: randomId(32), scopes }),
    addOrganization,
    connectors: () => [...connectors.values()].map(copy),
    jitConnectorIds: (organizationId: string) => [...(organizations.get(organizationId)?.jit ?? [])],
  });
  Object.defineProperty(handle, "tokensIssued", { get: () => tokens.issued, enumerable: true });
  return handle as LogtoFakeServer;
}
