import { DEFAULT_MAX_RESPONSE_BYTES, decode } from "../body.js";
import { AuthenticationError, InvalidArgumentError } from "../errors.js";
import { silentLog } from "../logger.js";
import { errorFromResponse, parseBody } from "../response.js";
import { send } from "../transport.js";
import { base64, required } from "./static.js";
import type { AuthContext, AuthProvider } from "./types.js";

export interface ClientCredentialsConfig {
  tokenURL: string;
  clientId: string;
  clientSecret: string;
  /** Logto: form fields; Keycard: HTTP Basic. Never both: Logto answers 400 to both at once. */
  clientAuthentication: "form" | "basic";
  /** Extra form fields, e.g. Logto's `{ resource, scope: "all" }`. */
  params?: Record<string, string>;
  /** Refresh this long before `expires_in` runs out; default 60_000, at most half the token's lifetime. */
  leewayMs?: number;
}

/**
 * OAuth2 client credentials: one token request shared by all concurrent callers, cached until `expires_in`
 * (3600 s when absent) minus a leeway, dropped on a 401 so the client refreshes once and retries once. The
 * token request never follows a redirect, so the client secret is only ever sent to `tokenURL`.
 */
export function clientCredentialsAuth(config: ClientCredentialsConfig): AuthProvider {
  const { tokenURL, clientId, clientSecret, clientAuthentication, params, leewayMs = 60_000 } = config;
  for (const [name, value] of Object.entries({ tokenURL, clientId, clientSecret }))
    required(`clientCredentialsAuth: ${name}`, value);
  const basic = base64(`${clientId}:${clientSecret}`);
  const label = `POST ${pathOf(tokenURL)}`;
  const secrets = [clientSecret, basic];
  let cached: { header: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function requestToken(ctx: AuthContext): Promise<string> {
    const body = new URLSearchParams({ grant_type: "client_credentials", ...params });
    const headers = new Headers({
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    });
    if (clientAuthentication === "basic") headers.set("Authorization", `Basic ${basic}`);
    else {
      body.set("client_id", clientId);
      body.set("client_secret", clientSecret);
    }
    const log = ctx.log ?? silentLog;
    const { response, bytes } = await send({
      fetch: ctx.fetch,
      method: "POST",
      url: tokenURL,
      headers,
      body: body.toString(),
      timeout: ctx.timeout ?? 60_000,
      maxRetries: ctx.maxRetries ?? 2,
      idempotent: true, // a second token request is harmless
      label,
      log,
      secrets: () => secrets,
      maxResponseBytes: ctx.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      follow: false,
    });
    const text = decode(bytes);
    const parsed = parseBody(response.status, response.headers, text);
    if (!response.ok || parsed.problem) {
      const error = errorFromResponse(label, response, text, parsed, secrets);
      const { status = 0 } = error;
      if (status === 429 || status >= 500) throw error;
      throw new AuthenticationError(status, error.error, error.message, response.headers);
    }
    const { access_token, expires_in } = (parsed.body ?? {}) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof access_token !== "string" || !access_token) {
      throw new AuthenticationError(
        response.status,
        undefined,
        `${label} -> ${response.status} without an access_token`,
        response.headers,
      );
    }
    const previous = secrets.slice(2, 5); // tokens still in flight in other calls stay masked
    secrets.length = 2;
    secrets.push(access_token, ...previous);
    const lifetime = (Number(expires_in) > 0 ? Number(expires_in) : 3600) * 1000;
    const header = `Bearer ${access_token}`;
    cached = { header, refreshAt: Date.now() + lifetime - Math.min(leewayMs, lifetime / 2) };
    log.debug(`${label}: new token, valid ${lifetime / 1000} s`);
    return header;
  }

  return {
    async headers(ctx) {
      if (cached && Date.now() < cached.refreshAt) return { Authorization: cached.header };
      pending ??= requestToken(ctx).finally(() => {
        pending = undefined;
      });
      return { Authorization: await pending };
    },
    invalidate(refused) {
      // Another call may already have replaced the refused token; keep the fresh one.
      if (!refused?.Authorization || refused.Authorization === cached?.header) cached = undefined;
      return true;
    },
    secrets: () => secrets,
  };
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.pathname;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(
    `clientCredentialsAuth: tokenURL must be an absolute http(s) URL, got "${url}"`,
  );
}
