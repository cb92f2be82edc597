/**
 * Where a Logto client gets its endpoint and credentials. Hand-written on purpose, and the only hand-written
 * piece the generated client (src/generated/client.ts) imports.
 *
 * The spec says what the API accepts, and the generator passes that along as `clientSpec`: an OAuth2
 * client-credentials scheme with its token path (`/oidc/token`) and scope (`all`). Turning a tenant ID into an
 * endpoint and an API indicator, Cloud versus OSS defaults, and which options and environment variables win
 * is policy with behaviour: the generator does not template behaviour (docs/architecture.md), so it lives here.
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

/** The API indicator of every self-hosted Logto (the seeded default tenant). */
const OSS_API_RESOURCE = "https://default.logto.app/api";

export interface LogtoOptions extends ClientOptions {
  /**
   * Your Logto endpoint, e.g. `http://localhost:3001` for a self-hosted Logto. `baseURL` is accepted as a synonym.
   * @default process.env.LOGTO_ENDPOINT, else `https://{tenantId}.logto.app`
   */
  endpoint?: string;
  /**
   * Logto Cloud tenant ID: sets the endpoint to `https://{tenantId}.logto.app` and the API indicator to
   * `https://{tenantId}.logto.app/api`.
   * @default process.env.LOGTO_TENANT_ID
   */
  tenantId?: string;
  /** Machine-to-machine app ID. @default process.env.LOGTO_CLIENT_ID */
  clientId?: string;
  /** Machine-to-machine app secret. @default process.env.LOGTO_CLIENT_SECRET */
  clientSecret?: string;
  /**
   * The API indicator (`resource`) the access token is requested for.
   * @default process.env.LOGTO_API_RESOURCE, else `https://{tenantId}.logto.app/api` with a tenant ID, else
   * `https://default.logto.app/api` (every self-hosted Logto)
   */
  apiResource?: string;
  /** A ready access token, sent as `Authorization: Bearer` instead of client credentials. @default process.env.LOGTO_ACCESS_TOKEN */
  accessToken?: string;
}

/** Resolves endpoint, API indicator and credentials from the options, then the environment. */
export function resolveClientConfig(options: LogtoOptions, spec: typeof clientSpec): ClientConfig {
  const { endpoint, tenantId, clientId, clientSecret, apiResource, accessToken, ...rest } = options;
  const tenant = tenantId ?? (endpoint || rest.baseURL ? undefined : readEnv("LOGTO_TENANT_ID"));
  const base =
    endpoint ?? rest.baseURL ?? readEnv("LOGTO_ENDPOINT") ?? (tenant && `https://${tenant}.logto.app`);
  if (!base) {
    throw new InvalidArgumentError(
      missingCredential(
        "Logto: no endpoint",
        "Pass `endpoint` (self-hosted) or `tenantId` (Logto Cloud)",
        "LOGTO_ENDPOINT or LOGTO_TENANT_ID",
      ),
    );
  }
  const logLevel = rest.logLevel ?? parseLogLevel(readEnv("LOGTO_LOG"));
  const common = {
    options: { ...rest, baseURL: base, logLevel },
    defaultBaseURL: base,
    userAgent: `${spec.packageName}/${VERSION}`,
  };

  const explicitCredentials = clientId !== undefined || clientSecret !== undefined;
  const token = accessToken ?? (explicitCredentials ? undefined : readEnv("LOGTO_ACCESS_TOKEN"));
  // Keyed by the spec's scheme name: a ready token stands in for the OAuth2 scheme's client credentials.
  const scheme = spec.auth.OAuth2;
  const keyed = (provider: AuthProvider) =>
    ({ OAuth2: provider }) satisfies Record<keyof typeof spec.auth, AuthProvider>;
  if (token && !explicitCredentials) return { ...common, auth: keyed(bearerAuth(token)) };

  const id = clientId ?? readEnv("LOGTO_CLIENT_ID");
  const secret = clientSecret ?? readEnv("LOGTO_CLIENT_SECRET");
  if (!id || !secret) {
    throw new InvalidArgumentError(
      missingCredential(
        `Logto: no ${id ? "client secret" : "client ID"}`,
        "Pass `clientId` and `clientSecret` (or `accessToken`)",
        "LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET (or LOGTO_ACCESS_TOKEN)",
      ),
    );
  }
  const resource =
    apiResource ??
    readEnv("LOGTO_API_RESOURCE") ??
    (tenant ? `https://${tenant}.logto.app/api` : OSS_API_RESOURCE);
  return {
    ...common,
    auth: keyed(
      clientCredentialsAuth({
        tokenURL: `${base.replace(/\/+$/, "")}${scheme.tokenURL}`,
        clientId: id,
        clientSecret: secret,
        clientAuthentication: "form", // Logto accepts form fields or Basic, and answers 400 to both at once
        params: { resource, scope: scheme.scopes.join(" ") },
      }),
    ),
  };
}
