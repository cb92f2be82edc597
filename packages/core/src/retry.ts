/** Longest server-requested wait we honour; past it we fail now rather than hang a caller for minutes. */
export const RETRY_AFTER_CEILING_MS = 60_000;

/** Exponential backoff 0.5 s·2^n capped at 8 s, minus up to 25 % jitter so clients that failed together spread out. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.min(500 * 2 ** retry, 8_000) * (1 - random() * 0.25);
}

/** Milliseconds the server asked us to wait (`retry-after-ms`, then `retry-after` in seconds or as an HTTP date). */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How one attempt ended, as far as retrying cares. `refused`: the connection failed before the request was
 * sent; `unsent`: the attempt timed out waiting for its access token. In both the server cannot have acted.
 * `timeout`/`dropped`: it may have.
 */
export type AttemptOutcome =
  | { status: number; headers: Headers }
  | { failure: "refused" | "unsent" | "timeout" | "dropped" };

export interface RetryDecision {
  retry: boolean;
  delay: number;
  reason: string;
}

/**
 * The one place that decides whether to try again. Requests safe to repeat retry on connection errors,
 * timeouts, 408, 429 and 5xx. Others retry only when the server cannot have acted: connection refused,
 * or 429/503 that came with a Retry-After. `x-should-retry` from the server overrides both ways.
 */
export function decideRetry(
  outcome: AttemptOutcome,
  idempotent: boolean,
  retriesLeft: number,
  retry: number,
  now: number = Date.now(),
): RetryDecision {
  const no = (reason: string): RetryDecision => ({ retry: false, delay: 0, reason });
  const yes = (reason: string, delay = backoffDelay(retry)): RetryDecision => ({
    retry: true,
    delay,
    reason,
  });
  if (retriesLeft <= 0) return no("no retries left");
  if ("failure" in outcome) {
    const { failure } = outcome;
    if (failure === "refused") return yes("connection refused");
    if (failure === "unsent") return yes("timed out before sending");
    return idempotent
      ? yes(`connection ${failure}`)
      : no(`connection ${failure} after the request may have reached the server, and it is not idempotent`);
  }
  const { status, headers } = outcome;
  const after = parseRetryAfter(headers, now);
  const hint = headers.get("x-should-retry")?.trim().toLowerCase();
  if (hint === "false") return no("server sent x-should-retry: false");
  if (hint !== "true") {
    const transient = status === 408 || status === 429 || status >= 500;
    if (!transient) return no(`status ${status} is not transient`);
    if (!idempotent && !((status === 429 || status === 503) && after !== undefined)) {
      return no(`status ${status} on a request that is not idempotent and may have been acted on`);
    }
  }
  if (after !== undefined && after > RETRY_AFTER_CEILING_MS) {
    return no(`server asked to wait ${Math.round(after)} ms, over the ${RETRY_AFTER_CEILING_MS} ms ceiling`);
  }
  return yes(hint === "true" ? "x-should-retry: true" : `status ${status}`, after ?? backoffDelay(retry));
}

/** Error codes of a connection that never opened, so nothing was sent. */
const PRE_CONNECT = /* @__PURE__ */ new Set(
  "ECONNREFUSED ENOTFOUND EAI_AGAIN EHOSTUNREACH ENETUNREACH ENETDOWN EHOSTDOWN EADDRNOTAVAIL UND_ERR_CONNECT_TIMEOUT".split(
    " ",
  ),
);

/**
 * True when a fetch error proves the request never left: every error code in its cause chain (undici nests
 * them, and wraps happy-eyeballs attempts in an AggregateError) is a connect-phase failure.
 */
export function isPreConnectError(error: unknown): boolean {
  const codes: unknown[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== "object" || depth > 8) return;
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (code !== undefined) codes.push(code);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
    visit(cause, depth + 1);
  };
  visit(error, 0);
  return codes.length > 0 && codes.every((code) => PRE_CONNECT.has(code as string));
}
