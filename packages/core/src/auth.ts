import { APIUserAbortError, AuthenticationError, InvalidArgumentError } from "./errors.js";
import { type Log, silentLog } from "./logger.js";
import { errorFromResponse, parseBody } from "./response.js";
import { send } from "./transport.js";

/** What an AuthProvider gets per request: the client's fetch and, optionally, its timeout, retries and log. */
export interface AuthContext {
  fetch: typeof fetch;
  signal?: AbortSignal | undefined;
  timeout?: number;
  maxRetries?: number;
  log?: Log;
}

export interface AuthProvider {
  /** Headers that authorize one request (may fetch or reuse a token). */
  headers(ctx: AuthContext): Promise<Record<string, string>>;
  /** Drops a cached credential after a 401 (`refused`: the headers that were refused); true when a retry with fresh credentials makes sense. */
  invalidate?(refused?: Record<string, string>): boolean;
  /** Values that must never appear in a log line or error message. */
  secrets?(): readonly string[];
}

/** A static token, sent as `Authorization: Bearer <token>`; a 401 is final because there is nothing to refresh. */
export function bearerAuth(token: string): AuthProvider {
  if (!token?.trim()) throw new InvalidArgumentError("bearerAuth: the token is empty");
  const headers = { Authorization: `Bearer ${token}` };
  return { headers: async () => headers, secrets: () => [token] };
}

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
 * (3600 s when absent) minus a leeway, dropped on a 401 so the client refreshes once and retries once.
 */
export function clientCredentialsAuth(config: ClientCredentialsConfig): AuthProvider {
  const { tokenURL, clientId, clientSecret, clientAuthentication, params, leewayMs = 60_000 } = config;
  for (const [name, value] of Object.entries({ tokenURL, clientId, clientSecret })) {
    if (!value?.trim()) throw new InvalidArgumentError(`clientCredentialsAuth: ${name} is empty`);
  }
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
    const { response, text } = await send({
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
    });
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
      return { Authorization: await abortable(pending, ctx.signal) };
    },
    invalidate(refused) {
      // Another call may already have replaced the refused token; keep the fresh one.
      if (!refused?.Authorization || refused.Authorization === cached?.header) cached = undefined;
      return true;
    },
    secrets: () => secrets,
  };
}

/** Lets one caller stop waiting for a shared token request without cancelling it for the others. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError("token request: aborted by the caller"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** UTF-8 safe base64, since `btoa` alone only takes Latin-1. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    throw new InvalidArgumentError(`clientCredentialsAuth: tokenURL must be an absolute URL, got "${url}"`);
  }
}
