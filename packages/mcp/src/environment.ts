/**
 * The environment variables each client reads for its credentials (its `src/lib/config.ts`), restated here
 * for two decisions only: whether a provider is configured at all, and which values are secrets to mask in
 * every result and log line. The clients still read their credentials themselves; a test checks these names
 * against them.
 */
import { readEnv } from "@sso/core/internal";
import type { ProviderName } from "./generated/index.js";

export interface ProviderEnvironment {
  /** Every variable the client reads: any of them set means the provider is meant to be served. */
  readonly variables: readonly string[];
  /** The variables that hold secrets. */
  readonly secrets: readonly string[];
  /** What to set, for the message when nothing is. */
  readonly needs: string;
}

export const ENVIRONMENT = {
  cloudflare: {
    variables: ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL"],
    secrets: ["CLOUDFLARE_API_TOKEN"],
    needs: "CLOUDFLARE_API_TOKEN",
  },
  logto: {
    variables: [
      "LOGTO_ENDPOINT",
      "LOGTO_TENANT_ID",
      "LOGTO_CLIENT_ID",
      "LOGTO_CLIENT_SECRET",
      "LOGTO_ACCESS_TOKEN",
      "LOGTO_API_RESOURCE",
    ],
    secrets: ["LOGTO_CLIENT_SECRET", "LOGTO_ACCESS_TOKEN"],
    needs:
      "LOGTO_ENDPOINT (or LOGTO_TENANT_ID) with LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET (or LOGTO_ACCESS_TOKEN)",
  },
  keycard: {
    variables: ["KEYCARD_API_CLIENT_ID", "KEYCARD_API_CLIENT_SECRET", "KEYCARD_API_BASE_URL"],
    secrets: ["KEYCARD_API_CLIENT_SECRET"],
    needs: "KEYCARD_API_CLIENT_ID and KEYCARD_API_CLIENT_SECRET",
  },
} as const satisfies Record<ProviderName, ProviderEnvironment>;

/** True when any of the provider's variables is set (blank counts as unset, as the clients count it). */
export function isConfigured(provider: ProviderName): boolean {
  return ENVIRONMENT[provider].variables.some((name) => readEnv(name) !== undefined);
}

/** The secret values set in the environment for these providers, to mask wherever they might show. */
export function environmentSecrets(providers: readonly ProviderName[]): string[] {
  return providers.flatMap((p) =>
    ENVIRONMENT[p].secrets.flatMap((name) => {
      const value = readEnv(name);
      return value ? [value] : [];
    }),
  );
}
