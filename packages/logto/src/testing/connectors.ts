/** The SSO connector and provider routes: one small handler per operation. */
import { type FakeHandler, type FakeRequest, json, noContent, type Router } from "@sso/core/testing";
import type { components } from "../generated/schema.js";
import { checkDomains, checkName, checkProviderConfig, checkTokenStorage } from "./connector-rules.js";
import { detailLine, fail, invalidInput } from "./errors.js";
import { guard, guardedBody } from "./guards.js";
import { paginate } from "./pagination.js";
import { findProvider, oidcProviderConfig, PROVIDERS } from "./providers.js";
import type { LogtoState } from "./state.js";
import type { FakeSsoConnector, ProviderDetail } from "./types.js";

type Schemas = components["schemas"];

/** A row with its provider's fields, as list, get and update return it. */
function withProvider(row: FakeSsoConnector): Schemas["SsoConnectorWithProviderConfig"] {
  const provider = findProvider(row.providerName) as ProviderDetail;
  const providerConfig =
    provider.providerType === "oidc"
      ? oidcProviderConfig(row.providerName, row.config as Record<string, unknown>)
      : undefined;
  return {
    ...structuredClone(row),
    name: provider.name,
    providerType: provider.providerType,
    providerLogo: provider.logo,
    providerLogoDark: provider.logoDark,
    ...(providerConfig ? { providerConfig } : {}),
  };
}

/**
 * The create body after the guard, with its provider. An unknown `providerName` (a string of 1-128 characters,
 * as the real guard takes it) is `422 connector.not_found`; the spec keys the body by provider, so the other
 * fields of such a body are not checked first, as Logto would.
 */
function createInput(request: FakeRequest): {
  input: Schemas["SsoConnectorCreateRequest"];
  provider: ProviderDetail;
} {
  const body = request.bodyError ? undefined : (request.body ?? {});
  const tag = guard.body("ssoConnectors.create", body).find((p) => p.keyword === "discriminator");
  const name = (body as { providerName?: unknown } | undefined)?.providerName;
  if (tag && typeof name === "string" && name.length >= 1 && name.length <= 128) {
    fail(422, "connector.not_found", `Cannot find any available connector for type: ${name}.`);
  }
  if (tag) invalidInput("body", [detailLine(tag)]);
  const input = guardedBody<Schemas["SsoConnectorCreateRequest"]>(request, "ssoConnectors.create", {
    config: "deferred",
  });
  return { input, provider: findProvider(input.providerName) as ProviderDetail };
}

const create =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const { input, provider } = createInput(request);
    const domains = checkDomains(state, input.domains);
    checkProviderConfig(state, provider, input.config);
    const raw = (input as { enableTokenStorage?: unknown }).enableTokenStorage;
    const enableTokenStorage = typeof raw === "boolean" ? raw : undefined;
    checkTokenStorage(provider, enableTokenStorage);
    checkName(state, input.connectorName);
    const row = state.buildConnector({
      providerName: provider.providerName,
      connectorName: input.connectorName,
      ...(input.config ? { config: input.config } : {}),
      ...(domains ? { domains } : {}),
      ...(input.branding ? { branding: input.branding } : {}),
      ...(input.syncProfile !== undefined ? { syncProfile: input.syncProfile } : {}),
      ...(enableTokenStorage !== undefined ? { enableTokenStorage } : {}),
    });
    const reply: Schemas["SsoConnector"] = row;
    return { ...json(200, reply), commit: () => state.putConnector(row) };
  };

const update =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const row = state.connector(request.params.id ?? "");
    const input = guardedBody<Schemas["SsoConnectorUpdateRequest"]>(request, "ssoConnectors.update", {
      config: "deferred",
    });
    const provider = findProvider(row.providerName) as ProviderDetail;
    const domains = checkDomains(state, input.domains, row.id);
    checkName(state, input.connectorName, row.id);
    checkProviderConfig(state, provider, input.config, row.id);
    checkTokenStorage(provider, input.enableTokenStorage);
    const next: FakeSsoConnector = {
      ...row,
      ...(input.connectorName !== undefined ? { connectorName: input.connectorName } : {}),
      ...(input.config ? { config: structuredClone(input.config) } : {}),
      ...(domains ? { domains } : {}),
      ...(input.branding ? { branding: structuredClone(input.branding) } : {}),
      ...(input.syncProfile !== undefined ? { syncProfile: input.syncProfile } : {}),
      ...(input.enableTokenStorage !== undefined ? { enableTokenStorage: input.enableTokenStorage } : {}),
    };
    return { ...json(200, withProvider(next)), commit: () => state.putConnector(next) };
  };

export function connectorRoutes(state: LogtoState, router: Router<FakeHandler>): Router<FakeHandler> {
  const one = "/api/sso-connectors/{id}";
  return router
    .on("GET", "/api/sso-connector-providers", () =>
      json(
        200,
        PROVIDERS.map((p) => ({ ...p })),
      ),
    )
    .on("GET", "/api/sso-connectors", (request) => {
      const { items, headers } = paginate(request, "ssoConnectors.list", state.connectors());
      return json(200, items.map(withProvider), headers);
    })
    .on("POST", "/api/sso-connectors", create(state))
    .on("GET", one, (request) => json(200, withProvider(state.connector(request.params.id ?? ""))))
    .on("PATCH", one, update(state))
    .on("DELETE", one, (request) => {
      const row = state.connector(request.params.id ?? "");
      return { ...noContent(), commit: () => state.removeConnector(row.id) };
    });
}
