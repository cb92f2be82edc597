/**
 * `@sso/cloudflare/testing`: a stateful fake of Cloudflare's dashboard SSO connector API
 * (`/accounts/{account_id}/sso_connectors`), listening on 127.0.0.1.
 *
 * ```ts
 * const fake = await startFakeServer();
 * const cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL });
 * await cf.iam.sso.create({ account_id: fake.accountId, email_domain: "acme.example" });
 * await fake.close();
 * ```
 *
 * Behaviour (see the spec and reference/api-facts.md section 1), including the decisions the public
 * sources leave open:
 *
 * | status | `errors[0].code` | when |
 * |---|---|---|
 * | 400 | 1001 | the body is not a JSON object, a field has the wrong type, `email_domain` is missing or not a domain |
 * | 401 | 9106 | no `Authorization: Bearer ...` header |
 * | 403 | 10000 | the bearer token is not the fake's `apiToken` |
 * | 404 | 7003 | unknown account (or any unknown path) |
 * | 404 | 1004 | unknown SSO connector in a known account |
 * | 409 | 1002 | the account already has a connector for that `email_domain` (compared case-insensitively) |
 * | 4xx/5xx | 1000 | injected with `fake.faults.failNext(...)` (message: the status text) |
 *
 * Every failure is the IAM failure envelope `{success: false, errors: [{code, message}], messages: [], result: null}`.
 * Ids are 32 lowercase hex characters. Create answers 200 (not 201). `begin_verification` defaults to true:
 * the new connector's verification is `pending`, else `awaiting`. `POST .../begin_verification` moves the
 * status on: `awaiting`/`failed` -> `pending`; `pending` -> `verified` (the fake "finds" the DNS TXT record), or
 * `failed` for domains listed in `unverifiableDomains`; `verified` stays. The verification code is
 * `cloudflare_dashboard_sso=<connector id>`. Lists carry `result_info` and are never paginated (the API has
 * no paging parameters). Delete answers `{result: {id}}`.
 */
import {
  bearerToken,
  type Exchange,
  type FakeHandler,
  type FakeHttpServer,
  type FakeReply,
  type FakeRequest,
  type FakeServerOptions,
  isRecord,
  json,
  Router,
  randomHex,
  safeEqual,
  startFakeHttpServer,
  statusText,
} from "@sso/core/testing";

export type { Exchange, FakeServerOptions };

export type VerificationStatus = "awaiting" | "pending" | "failed" | "verified";

/** A connector as the fake stores and returns it. */
export interface FakeSSOConnector {
  id: string;
  email_domain: string;
  enabled: boolean;
  use_fedramp_language: boolean;
  verification: { code: string; status: VerificationStatus };
  created_on: string;
  updated_on: string;
}

/** A connector to seed the fake with. */
export interface SeedSSOConnector {
  /** Default: the fake's `accountId`. The account is created if it does not exist. */
  account_id?: string;
  email_domain: string;
  id?: string;
  enabled?: boolean;
  use_fedramp_language?: boolean;
  verification_status?: VerificationStatus;
}

export interface CloudflareFakeOptions extends FakeServerOptions {
  /** The API token the fake accepts (default: a random 40-character token). */
  apiToken?: string;
  /** The account that exists in the fake (default: random 32 hex). */
  accountId?: string;
  /** More accounts the token can reach. */
  accounts?: string[];
  connectors?: SeedSSOConnector[];
  /** Domains whose DNS check fails: their second `begin_verification` ends in `failed`. */
  unverifiableDomains?: string[];
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

export interface CloudflareFakeServer extends FakeHttpServer {
  /** Pass as `new Cloudflare({ apiToken, baseURL })`. */
  readonly apiToken: string;
  /** A 32-hex account that exists in the fake. */
  readonly accountId: string;
  /** Copies of the connectors of an account (default: `accountId`), oldest first. */
  connectors(accountId?: string): FakeSSOConnector[];
  /** Adds an account the token can reach; returns its id. */
  addAccount(accountId?: string): string;
}

const HEX32 = /^[0-9a-f]{32}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

interface Failure {
  status: number;
  code: number;
  message: string;
}

function envelopeFailure({ status, code, message }: Failure): FakeReply {
  return json(status, { success: false, errors: [{ code, message }], messages: [], result: null });
}

function ok(result: unknown, extra?: Record<string, unknown>): FakeReply {
  return json(200, { success: true, errors: [], messages: [], result, ...extra });
}

class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

function fail(status: number, code: number, message: string): never {
  throw new FailureError({ status, code, message });
}

function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") fail(400, 1001, `Invalid request: ${field} must be a boolean`);
  return value as boolean;
}

function objectBody(request: FakeRequest, required: boolean): Record<string, unknown> {
  if (request.bodyError) fail(400, 1001, `Invalid request body: ${request.bodyError}`);
  if (request.body === undefined) {
    if (required) fail(400, 1001, "Invalid request: a JSON body is required");
    return {};
  }
  if (!isRecord(request.body)) fail(400, 1001, "Invalid request body: expected a JSON object");
  return request.body as Record<string, unknown>;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: CloudflareFakeOptions = {}): Promise<CloudflareFakeServer> {
  const now = options.now ?? Date.now;
  const apiToken = options.apiToken ?? randomHex(40);
  const accountId = options.accountId ?? randomHex(32);
  const unverifiable = new Set((options.unverifiableDomains ?? []).map((d) => d.toLowerCase()));
  /** account id -> connector id -> connector (Map keeps insertion order: oldest first). */
  const accounts = new Map<string, Map<string, FakeSSOConnector>>();

  const addAccount = (id: string = randomHex(32)): string => {
    if (!HEX32.test(id)) throw new Error(`account ids are 32 lowercase hex characters: ${id}`);
    if (!accounts.has(id)) accounts.set(id, new Map());
    return id;
  };
  addAccount(accountId);
  for (const id of options.accounts ?? []) addAccount(id);

  const iso = () => new Date(now()).toISOString();
  const insert = (
    account: Map<string, FakeSSOConnector>,
    seed: SeedSSOConnector,
    beginVerification: boolean,
  ) => {
    const id = seed.id ?? randomHex(32);
    const at = iso();
    const connector: FakeSSOConnector = {
      id,
      email_domain: seed.email_domain,
      enabled: seed.enabled ?? false,
      use_fedramp_language: seed.use_fedramp_language ?? false,
      verification: {
        code: `cloudflare_dashboard_sso=${id}`,
        status: seed.verification_status ?? (beginVerification ? "pending" : "awaiting"),
      },
      created_on: at,
      updated_on: at,
    };
    account.set(id, connector);
    return connector;
  };
  for (const seed of options.connectors ?? []) {
    const account = accounts.get(addAccount(seed.account_id ?? accountId)) as Map<string, FakeSSOConnector>;
    insert(account, seed, true);
  }

  const clone = (c: FakeSSOConnector): FakeSSOConnector => ({ ...c, verification: { ...c.verification } });

  const account = (request: FakeRequest): Map<string, FakeSSOConnector> => {
    const id = request.params.account_id ?? "";
    const found = accounts.get(id);
    if (!found) {
      fail(
        404,
        7003,
        `Could not route to /client/v4${request.path}, perhaps your object identifier is invalid?`,
      );
    }
    return found as Map<string, FakeSSOConnector>;
  };
  const connector = (request: FakeRequest): FakeSSOConnector => {
    const connectors = account(request);
    const found = connectors.get(request.params.sso_connector_id ?? "");
    if (!found) fail(404, 1004, "SSO connector not found");
    return found as FakeSSOConnector;
  };

  const authorized =
    (handler: (request: FakeRequest) => FakeReply): FakeHandler =>
    (request) => {
      try {
        const token = bearerToken(request.header("authorization"));
        if (!token) fail(401, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        if (!safeEqual(token as string, apiToken)) fail(403, 10000, "Authentication error");
        return handler(request);
      } catch (error) {
        if (error instanceof FailureError) return envelopeFailure(error.failure);
        throw error;
      }
    };

  const base = "/accounts/{account_id}/sso_connectors";
  const router = new Router<FakeHandler>()
    .on(
      "GET",
      base,
      authorized((request) => {
        const list = [...account(request).values()].map(clone);
        return ok(list, {
          result_info: {
            count: list.length,
            page: 1,
            per_page: Math.max(20, list.length),
            total_count: list.length,
          },
        });
      }),
    )
    .on(
      "POST",
      base,
      authorized((request) => {
        const connectors = account(request);
        const body = objectBody(request, false);
        const domain = body.email_domain;
        if (domain === undefined) fail(400, 1001, "Invalid request: email_domain is required");
        if (typeof domain !== "string" || !DOMAIN.test(domain)) {
          fail(400, 1001, "Invalid request: email_domain must be a domain name");
        }
        const beginVerification = optionalBoolean(body, "begin_verification") ?? true;
        const fedramp = optionalBoolean(body, "use_fedramp_language");
        const emailDomain = domain as string;
        for (const existing of connectors.values()) {
          if (existing.email_domain.toLowerCase() === emailDomain.toLowerCase()) {
            fail(409, 1002, `An SSO connector already exists for the email domain ${emailDomain}`);
          }
        }
        const created = insert(
          connectors,
          { email_domain: emailDomain, ...(fedramp !== undefined ? { use_fedramp_language: fedramp } : {}) },
          beginVerification,
        );
        return ok(clone(created));
      }),
    )
    .on(
      "GET",
      `${base}/{sso_connector_id}`,
      authorized((request) => ok(clone(connector(request)))),
    )
    .on(
      "PATCH",
      `${base}/{sso_connector_id}`,
      authorized((request) => {
        const found = connector(request);
        const body = objectBody(request, false);
        const enabled = optionalBoolean(body, "enabled");
        const fedramp = optionalBoolean(body, "use_fedramp_language");
        if (enabled !== undefined) found.enabled = enabled;
        if (fedramp !== undefined) found.use_fedramp_language = fedramp;
        if (enabled !== undefined || fedramp !== undefined) found.updated_on = iso();
        return ok(clone(found));
      }),
    )
    .on(
      "DELETE",
      `${base}/{sso_connector_id}`,
      authorized((request) => {
        const found = connector(request);
        account(request).delete(found.id);
        return ok({ id: found.id });
      }),
    )
    .on(
      "POST",
      `${base}/{sso_connector_id}/begin_verification`,
      authorized((request) => {
        const found = connector(request);
        const { verification } = found;
        const before = verification.status;
        if (before === "awaiting" || before === "failed") verification.status = "pending";
        else if (before === "pending") {
          verification.status = unverifiable.has(found.email_domain.toLowerCase()) ? "failed" : "verified";
        }
        if (verification.status !== before) found.updated_on = iso();
        return json(200, { success: true, errors: [], messages: [] });
      }),
    );

  const server = await startFakeHttpServer(
    {
      name: "cloudflare",
      basePath: "/client/v4",
      router,
      notFound: (request) =>
        envelopeFailure({
          status: 404,
          code: 7003,
          message: `Could not route to ${request.url.pathname}, perhaps your object identifier is invalid?`,
        }),
      methodNotAllowed: () =>
        envelopeFailure({ status: 405, code: 10405, message: "Method not allowed for this endpoint" }),
      errorBody: (status) => ({
        success: false,
        errors: [{ code: 1000, message: statusText(status) }],
        messages: [],
        result: null,
      }),
      decorate: (reply) => ({ ...reply, headers: { ...reply.headers, "cf-ray": `${randomHex(16)}-FAKE` } }),
    },
    options,
  );

  return Object.assign(server, {
    apiToken,
    accountId,
    connectors(id: string = accountId) {
      return [...(accounts.get(id)?.values() ?? [])].map(clone);
    },
    addAccount,
  }) as CloudflareFakeServer;
}
