/**
 * The SSO connector routes, one small handler per operation. Each checks its parameters and body with the
 * spec's generated schemas, applies the business rules JSON Schema cannot say (domain names, duplicates,
 * verification state), and returns its reply with the state change as `commit`.
 */
import {
  type FakeHandler,
  type FakeReply,
  type FakeRequest,
  json,
  OperationGuard,
  Router,
} from "@sso/core/testing";
import * as schemas from "../generated/json-schemas.js";
import type { components } from "../generated/schema.js";
import { fail, notRouted, refuseBodyProblems } from "./errors.js";
import type { CloudflareState } from "./state.js";
import type { FakeSSOConnector } from "./types.js";

type Schemas = components["schemas"];

const guard = new OperationGuard(schemas);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const BASE = "/accounts/{account_id}/sso_connectors";
const ONE = `${BASE}/{sso_connector_id}`;

export interface ConnectorContext {
  readonly state: CloudflareState;
  /** Lower-cased domains whose DNS check fails. */
  readonly unverifiable: ReadonlySet<string>;
}

function ok<T>(result: T): FakeReply {
  return json(200, { success: true, errors: [], messages: [], result });
}

/** The operation's account, after its path parameters passed the schema: 7003 when it names no account. */
function account({ state }: ConnectorContext, request: FakeRequest, key: string): string {
  const problems = guard.parameters(key, request);
  const id = request.params.account_id ?? "";
  if (problems.some((p) => p.path[0] === "account_id") || !state.hasAccount(id))
    notRouted(`/client/v4${request.path}`);
  if (problems.length > 0) fail(404, 1004, "SSO connector not found");
  return id;
}

function connector(ctx: ConnectorContext, request: FakeRequest, key: string): [string, FakeSSOConnector] {
  const accountId = account(ctx, request, key);
  const found = ctx.state.find(accountId, request.params.sso_connector_id ?? "");
  if (!found) return fail(404, 1004, "SSO connector not found");
  return [accountId, found];
}

/** The JSON body after the schema's checks; an absent body is `{}` (the API does not require one). */
function body<T>(request: FakeRequest, key: string): T {
  if (request.bodyError) fail(400, 1001, `Invalid request body: ${request.bodyError}`);
  const value = request.body ?? {};
  refuseBodyProblems(guard.body(key, value));
  return value as T;
}

const list =
  (ctx: ConnectorContext): FakeHandler =>
  (request) => {
    const result = ctx.state.list(account(ctx, request, "iam.sso.list"));
    const reply: Schemas["SSOConnectorCollectionResponse"] = {
      success: true,
      errors: [],
      messages: [],
      result,
      result_info: {
        count: result.length,
        page: 1,
        per_page: Math.max(20, result.length),
        total_count: result.length,
      },
    };
    return json(200, reply);
  };

const create =
  (ctx: ConnectorContext): FakeHandler =>
  (request) => {
    const accountId = account(ctx, request, "iam.sso.create");
    const input = body<Schemas["SSOConnectorCreateRequest"]>(request, "iam.sso.create");
    if (!DOMAIN.test(input.email_domain))
      fail(400, 1001, "Invalid request: email_domain must be a domain name");
    const wanted = input.email_domain.toLowerCase();
    if (ctx.state.some(accountId, (c) => c.email_domain.toLowerCase() === wanted)) {
      fail(409, 1002, `An SSO connector already exists for the email domain ${input.email_domain}`);
    }
    const fedramp = input.use_fedramp_language;
    const created = ctx.state.build(
      {
        email_domain: input.email_domain,
        ...(fedramp !== undefined ? { use_fedramp_language: fedramp } : {}),
      },
      input.begin_verification ?? true,
    );
    return { ...ok<Schemas["SSOConnector"]>(created), commit: () => ctx.state.put(accountId, created) };
  };

const get =
  (ctx: ConnectorContext): FakeHandler =>
  (request) =>
    ok<Schemas["SSOConnector"]>(connector(ctx, request, "iam.sso.get")[1]);

const update =
  (ctx: ConnectorContext): FakeHandler =>
  (request) => {
    const [accountId, found] = connector(ctx, request, "iam.sso.update");
    const input = body<Schemas["SSOConnectorUpdateRequest"]>(request, "iam.sso.update");
    const changed = input.enabled !== undefined || input.use_fedramp_language !== undefined;
    const next: FakeSSOConnector = {
      ...found,
      enabled: input.enabled ?? found.enabled,
      use_fedramp_language: input.use_fedramp_language ?? found.use_fedramp_language,
      updated_on: changed ? ctx.state.iso() : found.updated_on,
    };
    return { ...ok<Schemas["SSOConnector"]>(next), commit: () => ctx.state.put(accountId, next) };
  };

const remove =
  (ctx: ConnectorContext): FakeHandler =>
  (request) => {
    const [accountId, found] = connector(ctx, request, "iam.sso.delete");
    const reply: Schemas["SSOConnectorDeleteResponse"] = {
      success: true,
      errors: [],
      messages: [],
      result: { id: found.id },
    };
    return { ...json(200, reply), commit: () => ctx.state.remove(accountId, found.id) };
  };

/** `awaiting`/`failed` -> `pending`; `pending` -> `verified`, or `failed` for an unverifiable domain; `verified` stays. */
const beginVerification =
  (ctx: ConnectorContext): FakeHandler =>
  (request) => {
    const [accountId, found] = connector(ctx, request, "iam.sso.beginVerification");
    const before = found.verification.status;
    const failing = ctx.unverifiable.has(found.email_domain.toLowerCase());
    const after =
      before === "awaiting" || before === "failed"
        ? "pending"
        : before === "pending"
          ? failing
            ? "failed"
            : "verified"
          : before;
    const next: FakeSSOConnector = {
      ...found,
      verification: { ...found.verification, status: after },
      updated_on: after !== before ? ctx.state.iso() : found.updated_on,
    };
    const reply: Schemas["APIResponseCommon"] = { success: true, errors: [], messages: [] };
    return { ...json(200, reply), commit: () => ctx.state.put(accountId, next) };
  };

export function connectorRoutes(ctx: ConnectorContext): Router<FakeHandler> {
  return new Router<FakeHandler>()
    .on("GET", BASE, list(ctx))
    .on("POST", BASE, create(ctx))
    .on("GET", ONE, get(ctx))
    .on("PATCH", ONE, update(ctx))
    .on("DELETE", ONE, remove(ctx))
    .on("POST", `${ONE}/begin_verification`, beginVerification(ctx));
}
