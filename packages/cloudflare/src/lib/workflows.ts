/**
 * Workflows of `client.iam.sso`, written by hand on top of the generated methods (the spec declares them with
 * `x-sdk-workflows`; the generated class hands over to these functions).
 */
import {
  differing,
  ensureResource,
  type PollOptions,
  pollUntil,
  type RequestOptions,
  SSOError,
  VerificationError,
} from "@sso/core/internal";
import type { SSO } from "../generated/resources/iam/sso.js";
import type { SSOConnector, SSOCreateParams, SSOUpdateParams } from "../generated/types.js";

/** What `ensure` takes: the create parameters, and the state to hold once the connector exists. */
export type SSOEnsureParams = SSOCreateParams & Pick<SSOUpdateParams, "enabled">;

/** The connector as it stands after `ensure`, and whether this call created it. */
export interface SSOEnsureResult {
  connector: SSOConnector;
  created: boolean;
}

/** The fields `ensure` keeps in line with what is asked, once the connector exists. */
const UPDATABLE = ["enabled", "use_fedramp_language"] as const;

/**
 * The account's connector for `email_domain` (compared case-insensitively), created when there is none, else
 * updated in what differs from `enabled` and `use_fedramp_language`; nothing is written when nothing differs.
 * Safe to call again after any failure, a create whose outcome is unknown included.
 *
 * @example
 * ```ts
 * const { connector, created } = await client.iam.sso.ensure({
 *   account_id: "023e105f4ecef8ad9ca31a8372d0c353",
 *   email_domain: "acme.example",
 *   enabled: true,
 * });
 * ```
 */
export async function ensure(
  sso: SSO,
  params: SSOEnsureParams,
  options?: RequestOptions,
): Promise<SSOEnsureResult> {
  const { account_id, email_domain, begin_verification, use_fedramp_language } = params;
  const domain = email_domain.trim().toLowerCase();
  const { value, created } = await ensureResource<SSOConnector>({
    find: async () => {
      for await (const connector of sso.list({ account_id }, options)) {
        if (connector.email_domain?.trim().toLowerCase() === domain) return connector;
      }
      return undefined;
    },
    create: () => sso.create({ account_id, email_domain, begin_verification, use_fedramp_language }, options),
    changes: (existing) => differing(params, existing, UPDATABLE),
    update: (existing, changes) => sso.update(idOf(existing), { account_id, ...changes }, options),
  });
  return { connector: value, created };
}

/**
 * Reads the connector until its DNS ownership check settles: resolves with the connector once
 * `verification.status` is `"verified"`, rejects with `VerificationError` (carrying the last connector read) when
 * it is `"failed"` or when `timeout` passes first. Waits 2 s between reads at first, then longer (at most 30 s);
 * `signal` aborts the wait.
 *
 * @example
 * ```ts
 * const connector = await client.iam.sso.waitForVerification(connectorId, { account_id }, { timeout: 600_000 });
 * ```
 */
export function waitForVerification(
  sso: SSO,
  sso_connector_id: string,
  params: { account_id: string },
  options: PollOptions = {},
): Promise<SSOConnector> {
  const { timeout } = options;
  return pollUntil(
    (read) => sso.get(sso_connector_id, params, read),
    (connector) => {
      const status = connector.verification?.status;
      return status === "verified" ? "done" : status === "failed" ? "failed" : "pending";
    },
    (connector, timedOut) =>
      new VerificationError(
        timedOut
          ? `SSO connector ${sso_connector_id}: not verified within ${timeout ?? 300_000} ms (status ${connector.verification?.status ?? "unknown"})`
          : `SSO connector ${sso_connector_id}: verification failed (no DNS TXT record ${connector.verification?.code ?? ""} found)`,
        connector,
      ),
    options,
  );
}

function idOf(connector: SSOConnector): string {
  if (!connector.id)
    throw new SSOError(`the connector for ${connector.email_domain} came back without an id`);
  return connector.id;
}
