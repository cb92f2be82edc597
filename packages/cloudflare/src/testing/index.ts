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
 * Behaviour (see the spec), including the decisions the public sources leave open:
 *
 * | status | `errors[0].code` | when |
 * |---|---|---|
 * | 400 | 1001 | the body is not JSON or breaks the spec's schema (one entry per problem), or `email_domain` is not a domain |
 * | 401 | 9106 | no `Authorization: Bearer ...` header |
 * | 403 | 10000 | the bearer token is not the fake's `apiToken` |
 * | 404 | 7003 | unknown account (or any unknown path) |
 * | 404 | 1004 | unknown SSO connector in a known account |
 * | 409 | 1002 | the account already has a connector for that `email_domain` (compared case-insensitively) |
 * | 413 | 1000 | a body over `maxBodyBytes` |
 * | 4xx/5xx | 1000 | injected with `fake.faults.failNext(...)` (message: the status text) |
 *
 * Every failure is the IAM failure envelope `{success: false, errors: [{code, message}], messages: [], result: null}`,
 * and a failed request changes nothing. Ids are 32 lowercase hex characters. Create answers 200 (not 201).
 * `begin_verification` defaults to true: the new connector's verification is `pending`, else `awaiting`.
 * `POST .../begin_verification` moves the status on: `awaiting`/`failed` -> `pending`; `pending` -> `verified`
 * (the fake "finds" the DNS TXT record), or `failed` for domains listed in `unverifiableDomains`; `verified`
 * stays. The verification code is `cloudflare_dashboard_sso=<connector id>`. Lists carry `result_info` and are
 * never paginated (the API has no paging parameters). Delete answers `{result: {id}}`. CORS is on (`cors: false`
 * turns it off); `cf-ray` is exposed to browser scripts.
 */
import {
  bearerToken,
  type FakeHttpServer,
  FakeServerHandle,
  randomHex,
  safeEqual,
  startFakeHttpServer,
} from "@sso/core/testing";
import { connectorRoutes } from "./connectors.js";
import { errorBody, fail, failure } from "./errors.js";
import { CloudflareState } from "./state.js";
import type {
  CloudflareFakeOptions,
  CloudflareFakeServer,
  FakeSSOConnector,
  VerificationStatus,
} from "./types.js";

export type {
  CloudflareFakeOptions,
  CloudflareFakeServer,
  Exchange,
  FakeServerOptions,
  FakeSSOConnector,
  SeedSSOConnector,
  VerificationStatus,
} from "./types.js";

/** Helpers are arrow fields, so they work unbound (`const { close } = fake`). */
class CloudflareFake extends FakeServerHandle implements CloudflareFakeServer {
  readonly apiToken: string;
  readonly accountId: string;
  readonly #state: CloudflareState;

  constructor(server: FakeHttpServer, apiToken: string, accountId: string, state: CloudflareState) {
    super(server);
    this.apiToken = apiToken;
    this.accountId = accountId;
    this.#state = state;
  }

  readonly connectors = (accountId: string = this.accountId): FakeSSOConnector[] => {
    return this.#state.list(accountId);
  };

  readonly addAccount = (accountId?: string): string => {
    return this.#state.addAccount(accountId);
  };

  readonly setVerificationStatus = (
    connectorId: string,
    status: VerificationStatus,
    accountId: string = this.accountId,
  ): void => {
    const found = this.#state.find(accountId, connectorId);
    if (!found) throw new Error(`no connector ${connectorId} in account ${accountId}`);
    this.#state.put(accountId, { ...found, verification: { ...found.verification, status } });
  };
}

function seededState(options: CloudflareFakeOptions, accountId: string): CloudflareState {
  const state = new CloudflareState(options.now ?? Date.now);
  state.addAccount(accountId);
  for (const id of options.accounts ?? []) state.addAccount(id);
  for (const seed of options.connectors ?? [])
    state.put(seed.account_id ?? accountId, state.build(seed, true));
  return state;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: CloudflareFakeOptions = {}): Promise<CloudflareFakeServer> {
  const apiToken = options.apiToken ?? randomHex(40);
  const accountId = options.accountId ?? randomHex(32);
  const state = seededState(options, accountId);
  const unverifiable = new Set((options.unverifiableDomains ?? []).map((d) => d.toLowerCase()));
  const server = await startFakeHttpServer(
    {
      name: "cloudflare",
      basePath: "/client/v4",
      router: connectorRoutes({ state, unverifiable }),
      authorize: (request) => {
        const token = bearerToken(request.header("authorization"));
        if (!token) fail(401, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        if (!safeEqual(token, apiToken)) fail(403, 10000, "Authentication error");
      },
      notFound: (request) =>
        failure(404, [
          {
            code: 7003,
            message: `Could not route to ${request.url.pathname}, perhaps your object identifier is invalid?`,
          },
        ]),
      methodNotAllowed: () =>
        failure(405, [{ code: 10405, message: "Method not allowed for this endpoint" }]),
      errorBody,
      decorate: (reply) => ({ ...reply, headers: { ...reply.headers, "cf-ray": `${randomHex(16)}-FAKE` } }),
    },
    options,
  );
  return new CloudflareFake(server, apiToken, accountId, state);
}
