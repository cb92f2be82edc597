/**
 * The organization SSO connection routes (a singleton per organization), one small handler per operation.
 * Parameters and bodies are checked with the spec's generated schemas; the rules JSON Schema cannot say
 * (organizations by id or label, one connection per organization, the secret never returned) are here.
 */
import {
  type FakeHandler,
  type FakeReply,
  type FakeRequest,
  json,
  noContent,
  OperationGuard,
  Router,
} from "@sso/core/testing";
import * as schemas from "../generated/json-schemas.js";
import type { components } from "../generated/schema.js";
import { fail, NOT_FOUND, refuseBodyProblems } from "./errors.js";
import type { KeycardState } from "./state.js";
import type { FakeOrganization, StoredSSOConnection } from "./types.js";

type Schemas = components["schemas"];

const guard = new OperationGuard(schemas);
const PATH = "/organizations/{organization_id}/sso-connection";

/** Refuses a bad `X-Client-Request-ID` (400) or an organization id outside the schema (404, as an unknown one). */
function checkParameters(request: FakeRequest, key: string): void {
  for (const problem of guard.parameters(key, request)) {
    if (problem.in === "header") fail(400, "bad_request", "X-Client-Request-ID must be a UUID");
    if (problem.path[0] === "organization_id") fail(404, "not_found", NOT_FOUND);
  }
}

function organization(state: KeycardState, request: FakeRequest, key: string): FakeOrganization {
  checkParameters(request, key);
  return state.organization(request.params.organization_id ?? "");
}

function existing(
  state: KeycardState,
  request: FakeRequest,
  key: string,
): [FakeOrganization, StoredSSOConnection] {
  const org = organization(state, request, key);
  const connection = state.connection(org.id);
  if (!connection) return fail(404, "not_found", NOT_FOUND);
  return [org, connection];
}

function body<T>(request: FakeRequest, key: string): T {
  if (request.bodyError) fail(400, "bad_request", `Invalid request body: ${request.bodyError}`);
  refuseBodyProblems(guard.body(key, request.body));
  return request.body as T;
}

/** The connection as the API shows it: never the secret; `permissions` only when expanded. */
function view(
  state: KeycardState,
  connection: StoredSSOConnection,
  expand: ReadonlySet<string>,
): Schemas["SSOConnection"] {
  const { client_secret: _secret, ...visible } = structuredClone(connection);
  return expand.has("permissions")
    ? { ...visible, permissions: structuredClone(state.permissions) }
    : visible;
}

/** `expand` values from `expand=...` and `expand[]=...`, each checked against the spec's enum. */
function expansions(request: FakeRequest): Set<string> {
  const values = new Set([...request.query.getAll("expand"), ...request.query.getAll("expand[]")]);
  for (const value of values) {
    if (guard.validate(guard.component("SSOConnectionExpand"), value).length > 0) {
      fail(400, "bad_request", `Invalid expand value: ${value}`);
    }
  }
  return values;
}

const enable =
  (state: KeycardState): FakeHandler =>
  (request) => {
    const key = "organizations.ssoConnection.enable";
    const org = organization(state, request, key);
    const input = body<Schemas["SSOConnectionCreate"]>(request, key);
    if (state.connection(org.id)) fail(409, "conflict", "SSO is already enabled for this organization");
    const created = state.build(input);
    return { ...json(201, view(state, created, new Set())), commit: () => state.put(org.id, created) };
  };

const retrieve =
  (state: KeycardState): FakeHandler =>
  (request) => {
    const key = "organizations.ssoConnection.retrieve";
    checkParameters(request, key);
    const expand = expansions(request);
    const [, connection] = existing(state, request, key);
    return json(200, view(state, connection, expand));
  };

/** The stored connection with a partial update applied; `null` removes `client_id` or the secret. */
function updated(
  state: KeycardState,
  connection: StoredSSOConnection,
  input: Schemas["SSOConnectionUpdate"],
): StoredSSOConnection {
  const next: StoredSSOConnection = { ...connection };
  if (input.identifier !== undefined) next.identifier = input.identifier;
  if (input.client_id !== undefined) next.client_id = input.client_id;
  if (input.client_secret !== undefined) {
    next.client_secret = input.client_secret;
    next.client_secret_set = input.client_secret !== null;
  }
  if (input.protocols !== undefined) next.protocols = structuredClone(input.protocols);
  const fields = [input.identifier, input.client_id, input.client_secret, input.protocols];
  const changed = fields.some((value) => value !== undefined);
  return changed ? { ...next, updated_at: state.iso() } : next;
}

const update =
  (state: KeycardState): FakeHandler =>
  (request) => {
    const key = "organizations.ssoConnection.update";
    const [org, connection] = existing(state, request, key);
    const next = updated(state, connection, body<Schemas["SSOConnectionUpdate"]>(request, key));
    return { ...json(200, view(state, next, new Set())), commit: () => state.put(org.id, next) };
  };

const disable =
  (state: KeycardState): FakeHandler =>
  (request): FakeReply => {
    const [org] = existing(state, request, "organizations.ssoConnection.disable");
    return { ...noContent(), commit: () => state.remove(org.id) };
  };

export function connectionRoutes(state: KeycardState, tokenEndpoint: FakeHandler): Router<FakeHandler> {
  return new Router<FakeHandler>()
    .on("POST", "/service-account-token", tokenEndpoint)
    .on("POST", PATH, enable(state))
    .on("GET", PATH, retrieve(state))
    .on("PATCH", PATH, update(state))
    .on("DELETE", PATH, disable(state));
}
