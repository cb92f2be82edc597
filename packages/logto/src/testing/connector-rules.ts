/**
 * The business rules of connector create and update that JSON Schema cannot say, in Logto's order: public
 * and duplicated domains (422), the provider's config (400), token storage (400) and unique names (409).
 */
import { fail } from "./errors.js";
import { checkConfig } from "./guards.js";
import { PUBLIC_EMAIL_DOMAINS } from "./providers.js";
import type { LogtoState } from "./state.js";
import type { FakeSsoConnector, ProviderDetail } from "./types.js";

/** Lower-cased domains, or 422 for a public email domain or one used twice (here or by another connector). */
export function checkDomains(
  state: LogtoState,
  domains: string[] | undefined,
  selfId?: string,
): string[] | undefined {
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
  state.someConnector((other) => {
    if (other.id !== selfId) for (const domain of other.domains) if (seen.has(domain)) duplicated.add(domain);
    return false;
  });
  if (duplicated.size > 0) {
    fail(422, "single_sign_on.duplicated_domains", "There are duplicate domains.", {
      data: { data: [...duplicated] },
    });
  }
  return lowered;
}

/** The provider's config check, then SAML's `signAuthnRequest: true`, which needs an active signing key. */
export function checkProviderConfig(
  state: LogtoState,
  provider: ProviderDetail,
  config: FakeSsoConnector["config"] | undefined,
  connectorId?: string,
): void {
  if (!config) return;
  checkConfig(provider.providerName, config);
  const signs = (config as { signAuthnRequest?: unknown }).signAuthnRequest === true;
  if (provider.providerType === "saml" && signs && !(connectorId && state.activeKey(connectorId))) {
    fail(
      400,
      "single_sign_on.active_signing_key_required",
      "An active signing key is required to sign authentication requests.",
    );
  }
}

export function checkTokenStorage(provider: ProviderDetail, enableTokenStorage: boolean | undefined): void {
  if (enableTokenStorage && provider.providerType !== "oidc") {
    fail(400, "connector.token_storage_not_supported", "Token storage is not supported for this connector.");
  }
}

export function checkName(state: LogtoState, connectorName: string | undefined, selfId?: string): void {
  if (connectorName === undefined) return;
  if (state.someConnector((other) => other.connectorName === connectorName && other.id !== selfId)) {
    fail(
      409,
      "single_sign_on.duplicate_connector_name",
      "Connector name already exists. Please choose a different name.",
    );
  }
}
