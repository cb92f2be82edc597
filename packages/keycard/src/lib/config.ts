/**
 * Where a Keycard client gets its credentials. Hand-written on purpose, and the only hand-written piece the
 * generated client (src/generated/client.ts) imports.
 *
 * The spec says what the API accepts, and the generator passes that along as `clientSpec`: an OAuth2
 * client-credentials scheme with its token path (`/service-account-token`). Which options and environment
 * variables supply the credentials, HTTP Basic client authentication, and the per-call request id header are
 * policy with behaviour: the generator does not template behaviour (docs/architecture.md), so it lives here.
 */
import {
  type AuthProvider,
  bearerAuth,
  type ClientConfig,
  type ClientOptions,
  clientCredentialsAuth,
  InvalidArgumentError,
  missingCredential,
  parseLogLevel,
  readEnv,
} from "@sso/core/internal";
import type { clientSpec } from "../generated/client.js";
import { VERSION } from "../version.js";

export interface KeycardOptions extends ClientOptions {
  /** Service account client ID. @default process.env.KEYCARD_API_CLIENT_ID */
  clientId?: string;
  /** Service account client secret. @default process.env.KEYCARD_API_CLIENT_SECRET */
  clientSecret?: string;
  /** A ready access token, sent as `Authorization: Bearer` instead of client credentials. */
  accessToken?: string;
  /** @default process.env.KEYCARD_API_BASE_URL, else https://api.keycard.ai */
  baseURL?: string;
}

/** Merges the options with their environment fallbacks; throws when credentials are missing. */
export function resolveClientConfig(options: KeycardOptions, spec: typeof clientSpec): ClientConfig {
  const { clientId, clientSecret, accessToken, ...rest } = options;
  const baseURL = rest.baseURL ?? readEnv("KEYCARD_API_BASE_URL") ?? spec.defaultBaseURL;
  const common = {
    options: { ...rest, baseURL, logLevel: rest.logLevel ?? parseLogLevel(readEnv("KEYCARD_API_LOG")) },
    defaultBaseURL: spec.defaultBaseURL,
    userAgent: `${spec.packageName}/${VERSION}`,
    // Every operation takes this optional header; the runtime fills it once per call so retries share it.
    requestIdHeader: "X-Client-Request-ID",
  };
  // Keyed by the spec's scheme name: a ready token stands in for the OAuth2 scheme's client credentials.
  const keyed = (provider: AuthProvider) =>
    ({ OAuth2: provider }) satisfies Record<keyof typeof spec.auth, AuthProvider>;
  if (accessToken) return { ...common, auth: keyed(bearerAuth(accessToken)) };

  const id = clientId ?? readEnv("KEYCARD_API_CLIENT_ID");
  const secret = clientSecret ?? readEnv("KEYCARD_API_CLIENT_SECRET");
  if (!id || !secret) {
    throw new InvalidArgumentError(
      missingCredential(
        `Keycard: no ${id ? "client secret" : "client ID"}`,
        "Pass `clientId` and `clientSecret` (or `accessToken`)",
        "KEYCARD_API_CLIENT_ID and KEYCARD_API_CLIENT_SECRET",
      ),
    );
  }
  const scheme = spec.auth.OAuth2;
  return {
    ...common,
    auth: keyed(
      clientCredentialsAuth({
        tokenURL: `${baseURL.replace(/\/+$/, "")}${scheme.tokenURL}`,
        clientId: id,
        clientSecret: secret,
        clientAuthentication: "basic",
      }),
    ),
  };
}
