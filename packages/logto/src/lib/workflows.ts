/**
 * Workflows of `client.ssoConnectors`, written by hand on top of the generated methods (the spec declares them
 * with `x-sdk-workflows`; the generated class hands over to these functions).
 */
import { ensureResource, InvalidArgumentError, type RequestOptions, SSOError } from "@sso/core/internal";
import type { SsoConnectors } from "../generated/resources/sso-connectors.js";
import type {
  SsoConnector,
  SsoConnectorsCreateParams,
  SsoConnectorsUpdateParams,
} from "../generated/types.js";

/** The connector as it stands after `ensure`, and whether this call created it. */
export interface SsoConnectorEnsureResult {
  connector: SsoConnector;
  created: boolean;
}

/** The fields `ensure` keeps in line with what is asked, once the connector exists. */
const UPDATABLE = ["config", "domains", "branding", "syncProfile", "enableTokenStorage"] as const;

/**
 * The connector named `connectorName`, created from `params` when there is none, else updated in what differs
 * (`config` and `branding` key by key, `domains` as a set of lower-cased names); nothing is written when nothing
 * differs. A connector's `providerName` cannot change: asking for another one is an `InvalidArgumentError`
 * (delete the connector and ensure it again). Safe to call again after any failure, a create whose outcome is
 * unknown included.
 *
 * @example
 * ```ts
 * const { connector, created } = await client.ssoConnectors.ensure({
 *   providerName: "OIDC",
 *   connectorName: "Acme OIDC",
 *   config: { clientId: "acme-logto", clientSecret: "s3cr3t-value", issuer: "https://idp.acme.example" },
 *   domains: ["acme.example"],
 * });
 * ```
 */
export async function ensure(
  connectors: SsoConnectors,
  params: SsoConnectorsCreateParams,
  options?: RequestOptions,
): Promise<SsoConnectorEnsureResult> {
  const { value, created } = await ensureResource<SsoConnector>({
    find: async () => {
      for await (const connector of connectors.list({}, options)) {
        if (connector.connectorName === params.connectorName) return connector;
      }
      return undefined;
    },
    create: () => connectors.create(params, options),
    changes: (existing) => {
      if (existing.providerName !== params.providerName) {
        throw new InvalidArgumentError(
          `Logto connector "${params.connectorName}" is a ${existing.providerName} connector; its providerName cannot change to ${params.providerName}: delete it and ensure it again`,
        );
      }
      return changes(params, existing);
    },
    update: (existing, fields) =>
      connectors.update(idOf(existing), fields as SsoConnectorsUpdateParams, options),
  });
  return { connector: value, created };
}

/** The updatable fields given in `params` that differ from the connector. */
function changes(params: SsoConnectorsCreateParams, existing: SsoConnector): Record<string, unknown> {
  const wanted = params as Partial<Record<(typeof UPDATABLE)[number], unknown>>;
  const out: Record<string, unknown> = {};
  for (const field of UPDATABLE) {
    const value = wanted[field];
    if (value === undefined) continue;
    const current = (existing as Partial<Record<string, unknown>>)[field];
    const same =
      field === "domains"
        ? sameDomains(value, current)
        : field === "config" || field === "branding"
          ? contains(current, value)
          : value === current;
    if (!same) out[field] = value;
  }
  return out;
}

/** The same email domains, whatever their case and order. */
function sameDomains(a: unknown, b: unknown): boolean {
  const set = (v: unknown) =>
    Array.isArray(v) ? [...new Set(v.map((d) => String(d).toLowerCase()))].sort() : [];
  return JSON.stringify(set(a)) === JSON.stringify(set(b));
}

/** True when every key of `wanted` has the same value in `current` (what the server adds is left alone). */
function contains(current: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== "object" || Array.isArray(wanted)) {
    return JSON.stringify(current) === JSON.stringify(wanted);
  }
  if (current === null || typeof current !== "object") return false;
  return Object.entries(wanted).every(([key, value]) =>
    contains((current as Record<string, unknown>)[key], value),
  );
}

function idOf(connector: SsoConnector): string {
  if (!connector.id)
    throw new SSOError(`Logto connector "${connector.connectorName}" came back without an id`);
  return connector.id;
}
