/** SAML SP signing keys: one small handler per operation, keys with real self-signed certificates. */
import {
  type FakeHandler,
  json,
  noContent,
  type Router,
  randomId,
  selfSignedCertificate,
} from "@sso/core/testing";
import type { components } from "../generated/schema.js";
import { fail, notExists } from "./errors.js";
import { guardedBody } from "./guards.js";
import { findProvider } from "./providers.js";
import type { LogtoState } from "./state.js";
import type { FakeSigningKey, FakeSsoConnector } from "./types.js";

type Schemas = components["schemas"];

/** The connector, which must be a SAML one: Logto answers 404 `connector.not_found` for any other. */
function samlConnector(state: LogtoState, id: string): FakeSsoConnector {
  const row = state.connector(id);
  if (findProvider(row.providerName)?.providerType !== "saml") {
    fail(404, "connector.not_found", "Cannot find any available connector for type: undefined.");
  }
  return row;
}

function signingKey(state: LogtoState, connectorId: string, keyId: string): FakeSigningKey {
  return (
    state.signingKeys(connectorId).find((key) => key.id === keyId) ??
    notExists("saml_sso_connector_signing_keys", keyId)
  );
}

/** A new key with a real self-signed certificate valid for three years, as Logto makes them. */
async function newKey(now: number, active: boolean): Promise<FakeSigningKey> {
  const cert = await selfSignedCertificate({
    subject: [["CN", "example.com"]],
    issuer: [
      ["CN", "logto.io"],
      ["O", "Logto"],
      ["C", "US"],
    ],
    days: 3 * 365,
    now: new Date(now),
  });
  return {
    id: randomId(21),
    certificate: cert.certificate,
    createdAt: now,
    expiresAt: cert.notAfter.getTime(),
    active,
    fingerprints: cert.fingerprints,
  };
}

const create =
  (state: LogtoState): FakeHandler =>
  async (request) => {
    const row = samlConnector(state, request.params.id ?? "");
    const input = guardedBody<Schemas["SsoConnectorSigningKeyCreateRequest"]>(
      request,
      "ssoConnectors.signingKeys.create",
    );
    const key = await newKey(state.now(), input.active ?? false);
    return { ...json(201, key), commit: () => state.putSigningKey(row.id, key) };
  };

const update =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const row = samlConnector(state, request.params.id ?? "");
    const input = guardedBody<Schemas["SsoConnectorSigningKeyUpdateRequest"]>(
      request,
      "ssoConnectors.signingKeys.update",
    );
    const key = signingKey(state, row.id, request.params.keyId ?? "");
    const signs = (row.config as { signAuthnRequest?: unknown }).signAuthnRequest === true;
    if (key.active && !input.active && signs) {
      fail(
        400,
        "single_sign_on.can_not_deactivate_signing_key_in_use",
        "Cannot deactivate the signing key while signed authentication requests are enabled.",
      );
    }
    const next = { ...key, active: input.active };
    return { ...json(200, next), commit: () => state.putSigningKey(row.id, next) };
  };

const remove =
  (state: LogtoState): FakeHandler =>
  (request) => {
    const row = samlConnector(state, request.params.id ?? "");
    const key = signingKey(state, row.id, request.params.keyId ?? "");
    if (key.active) {
      fail(
        400,
        "single_sign_on.can_not_delete_active_signing_key",
        "Cannot delete the active signing key. Activate another key or deactivate this key first.",
      );
    }
    return { ...noContent(), commit: () => state.removeSigningKey(row.id, key.id) };
  };

export function signingKeyRoutes(state: LogtoState, router: Router<FakeHandler>): Router<FakeHandler> {
  const keys = "/api/sso-connectors/{id}/signing-keys";
  return router
    .on("GET", keys, (request) =>
      json(200, state.signingKeys(samlConnector(state, request.params.id ?? "").id)),
    )
    .on("POST", keys, create(state))
    .on("PATCH", `${keys}/{keyId}`, update(state))
    .on("DELETE", `${keys}/{keyId}`, remove(state));
}
