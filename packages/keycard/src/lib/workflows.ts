/**
 * Workflows of `client.organizations.ssoConnection`, written by hand on top of the generated methods (the spec
 * declares them with `x-sdk-workflows`; the generated class hands over to these functions).
 */
import { differing, ensureResource, NotFoundError, type RequestOptions } from "@sso/core/internal";
import type { SSOConnectionResource } from "../generated/resources/organizations/sso-connection.js";
import type { SSOConnection, SSOConnectionEnableParams } from "../generated/types.js";

/** The connection as it stands after `ensure`, and whether this call enabled it. */
export interface SSOConnectionEnsureResult {
  connection: SSOConnection;
  created: boolean;
}

/**
 * The organization's SSO connection, enabled from `params` when it has none, else updated in what differs
 * (`identifier`, `client_id`, `protocols`); nothing is written when nothing differs. A client secret cannot be
 * read back (the API only says whether one is set), so `client_secret` is sent when none is set yet; to replace
 * one, call `update`. Safe to call again after any failure, an enable whose outcome is unknown included.
 *
 * @example
 * ```ts
 * const { connection, created } = await client.organizations.ssoConnection.ensure("org_acme", {
 *   identifier: "https://idp.acme.example",
 *   client_id: "keycard-acme",
 * });
 * ```
 */
export async function ensure(
  connection: SSOConnectionResource,
  organization_id: string,
  params: SSOConnectionEnableParams,
  options?: RequestOptions,
): Promise<SSOConnectionEnsureResult> {
  const { value, created } = await ensureResource<SSOConnection>({
    find: () =>
      connection.retrieve(organization_id, {}, options).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }),
    create: () => connection.enable(organization_id, params, options),
    changes: (existing) => ({
      ...differing(params, existing, ["identifier", "client_id", "protocols"]),
      ...(params.client_secret !== undefined && !existing.client_secret_set
        ? { client_secret: params.client_secret }
        : {}),
    }),
    update: (_, changes) => connection.update(organization_id, changes, options),
  });
  return { connection: value, created };
}
