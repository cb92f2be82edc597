/** Organization JIT SSO connectors (relation routes): list, add, replace, remove. */
import { type FakeHandler, json, noContent, type Router } from "@sso/core/testing";
import type { components } from "../generated/schema.js";
import { fail, notExists } from "./errors.js";
import { guardedBody } from "./guards.js";
import { paginate } from "./pagination.js";
import type { LogtoState } from "./state.js";

type Schemas = components["schemas"];

function relationNotFound(): never {
  return fail(
    422,
    "entity.relation_foreign_key_not_found",
    "Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.",
  );
}

/** The organization and connector ids of a relation write, which must all exist (else 422). */
function relation(state: LogtoState, organizationId: string, ids: readonly string[]): void {
  if (!state.hasOrganization(organizationId) || !ids.every((id) => state.hasConnector(id)))
    relationNotFound();
}

const list =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const id = request.params.id ?? "";
    if (!state.hasOrganization(id)) notExists("organizations", id);
    const byId = new Map(state.connectors().map((row) => [row.id, row]));
    const rows = state.jitConnectorIds(id).flatMap((connectorId) => byId.get(connectorId) ?? []);
    const { items, headers } = paginate(request, "organizations.jitSsoConnectors.list", rows);
    return json(200, items, headers);
  };

const add =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const { ssoConnectorIds } = guardedBody<Schemas["OrganizationJitSsoConnectorsAddRequest"]>(
      request,
      "organizations.jitSsoConnectors.add",
    );
    const org = request.params.id ?? "";
    relation(state, org, ssoConnectorIds);
    const next = new Set([...state.jitConnectorIds(org), ...ssoConnectorIds]);
    return { ...noContent(201), commit: () => state.setJitConnectorIds(org, next) };
  };

const replace =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const { ssoConnectorIds } = guardedBody<Schemas["OrganizationJitSsoConnectorsReplaceRequest"]>(
      request,
      "organizations.jitSsoConnectors.replace",
    );
    const org = request.params.id ?? "";
    relation(state, org, ssoConnectorIds);
    return { ...noContent(), commit: () => state.setJitConnectorIds(org, ssoConnectorIds) };
  };

const remove =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const org = request.params.id ?? "";
    const connectorId = request.params.ssoConnectorId ?? "";
    const linked = state.jitConnectorIds(org);
    if (!linked.includes(connectorId)) fail(422, "entity.not_found", "The resource does not exist.");
    return {
      ...noContent(),
      commit: () =>
        state.setJitConnectorIds(
          org,
          linked.filter((id) => id !== connectorId),
        ),
    };
  };

export function jitRoutes(state: LogtoState, router: Router<FakeHandler>): Router<FakeHandler> {
  const path = "/api/organizations/{id}/jit/sso-connectors";
  return router
    .on("GET", path, list(state))
    .on("POST", path, add(state))
    .on("PUT", path, replace(state))
    .on("DELETE", `${path}/{ssoConnectorId}`, remove(state));
}
