/**
 * IdP-initiated SAML sign-in config, one per SAML connector (`/api/sso-connectors/{id}/idp-initiated-auth-config`),
 * with Logto's checks in its order: body, connector, SAML only, application, application type, redirect URI.
 */
import { type FakeHandler, json, noContent, type Router } from "@sso/core/testing";
import type { components } from "../generated/schema.js";
import { fail, notExists, notFound } from "./errors.js";
import { guardedBody } from "./guards.js";
import { findProvider } from "./providers.js";
import type { LogtoState } from "./state.js";
import type { FakeApplication, FakeIdpInitiatedAuthConfig } from "./types.js";

type SetRequest = components["schemas"]["SsoConnectorIdpInitiatedAuthConfigSetRequest"];

/** Which application types may be the default application: Logto sends the request, or the app's page does. */
function checkApplication(app: FakeApplication, input: SetRequest): void {
  const firstPartyWeb = app.type === "Traditional" && !app.isThirdParty;
  const allowed = input.autoSendAuthorizationRequest
    ? firstPartyWeb || app.type === "SAML"
    : firstPartyWeb || app.type === "SPA" || app.type === "SAML";
  if (!allowed) {
    const types = input.autoSendAuthorizationRequest ? "Traditional, SAML" : "Traditional, SPA, SAML";
    fail(
      400,
      "single_sign_on.idp_initiated_authentication_invalid_application_type",
      `Invalid application type. Only ${types} applications are allowed.`,
    );
  }
  if (
    input.autoSendAuthorizationRequest &&
    input.redirectUri &&
    !app.redirectUris.includes(input.redirectUri)
  ) {
    fail(
      400,
      "single_sign_on.idp_initiated_authentication_redirect_uri_not_registered",
      "The redirect_uri is not registered. Please check the application settings.",
    );
  }
}

/** The stored config: only the chosen variant's fields, the others `null` / `{}`; `createdAt` kept on replace. */
function stored(state: LogtoState, connectorId: string, input: SetRequest): FakeIdpInitiatedAuthConfig {
  const auto = input.autoSendAuthorizationRequest;
  return {
    tenantId: state.tenantId,
    connectorId,
    defaultApplicationId: input.defaultApplicationId,
    redirectUri: auto ? (input.redirectUri ?? null) : null,
    authParameters: auto ? structuredClone(input.authParameters ?? {}) : {},
    autoSendAuthorizationRequest: auto,
    clientIdpInitiatedAuthCallbackUri: auto ? null : input.clientIdpInitiatedAuthCallbackUri,
    createdAt: state.idpConfig(connectorId)?.createdAt ?? state.now(),
  };
}

const set =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const input = guardedBody<SetRequest>(request, "ssoConnectors.idpInitiatedAuthConfig.set");
    const row = state.connector(request.params.id ?? "");
    if (findProvider(row.providerName)?.providerType !== "saml") {
      fail(
        400,
        "single_sign_on.idp_initiated_authentication_not_supported",
        "IdP-initiated authentication is exclusively supported for SAML connectors.",
      );
    }
    const app =
      state.application(input.defaultApplicationId) ?? notExists("applications", input.defaultApplicationId);
    checkApplication(app, input);
    const config = stored(state, row.id, input);
    return { ...json(200, config), commit: () => state.putIdpConfig(config) };
  };

export function idpInitiatedAuthConfigRoutes(
  state: LogtoState,
  router: Router<FakeHandler>,
): Router<FakeHandler> {
  const path = "/api/sso-connectors/{id}/idp-initiated-auth-config";
  return router
    .on("GET", path, (request) => json(200, state.idpConfig(request.params.id ?? "") ?? notFound()))
    .on("PUT", path, set(state))
    .on("DELETE", path, (request) => {
      const config = state.idpConfig(request.params.id ?? "") ?? notFound();
      return { ...noContent(), commit: () => state.removeIdpConfig(config.connectorId) };
    });
}
