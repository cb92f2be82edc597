/**
 * Where a Cloudflare client gets its credentials. Hand-written on purpose, and the only hand-written piece the
 * generated client (src/generated/client.ts) imports.
 *
 * The spec says what the API accepts, and the generator passes that along as `clientSpec` (default base URL,
 * envelope, auth schemes). Which options and environment variables supply the credentials, in which order,
 * and what to say when none does is policy with behaviour: the generator does not template behaviour
 * (docs/architecture.md), so it lives here, in plain TypeScript that is read, reviewed and type-checked as such.
 */
import {
  type AuthProvider,
  bearerAuth,
  type ClientConfig,
  type ClientOptions,
  InvalidArgumentError,
  missingCredential,
  parseLogLevel,
  readEnv,
} from "@sso/core/internal";
import type { clientSpec } from "../generated/client.js";
import { VERSION } from "../version.js";

export interface CloudflareOptions extends ClientOptions {
  /**
   * API token with `SSO Connector Read` (and `Write` to change connectors), sent as `Authorization: Bearer`.
   * @default process.env.CLOUDFLARE_API_TOKEN
   */
  apiToken?: string;
  /** @default process.env.CLOUDFLARE_BASE_URL, else https://api.cloudflare.com/client/v4 */
  baseURL?: string;
}

/** Merges the options with their environment fallbacks; throws when there is no API token. */
export function resolveClientConfig(options: CloudflareOptions, spec: typeof clientSpec): ClientConfig {
  const { apiToken = readEnv("CLOUDFLARE_API_TOKEN"), ...rest } = options;
  if (!apiToken) {
    throw new InvalidArgumentError(
      missingCredential(
        "Cloudflare: no API token",
        "Pass `apiToken` to `new Cloudflare()`",
        "CLOUDFLARE_API_TOKEN",
      ),
    );
  }
  return {
    options: {
      ...rest,
      baseURL: rest.baseURL ?? readEnv("CLOUDFLARE_BASE_URL"),
      logLevel: rest.logLevel ?? parseLogLevel(readEnv("CLOUDFLARE_LOG")),
    },
    defaultBaseURL: spec.defaultBaseURL,
    envelope: spec.envelope,
    userAgent: `${spec.packageName}/${VERSION}`,
    // Keyed by the spec's scheme name: a scheme renamed or added in the spec fails to compile here.
    auth: { api_token: bearerAuth(apiToken) } satisfies Record<keyof typeof spec.auth, AuthProvider>,
  };
}
