import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "./errors.js";
import type { Log } from "./logger.js";
import { redactString } from "./redact.js";
import { type AttemptOutcome, decideRetry, isPreConnectError } from "./retry.js";

/** One logical call as the retry loop sees it; the body is serialised once so every attempt resends it. */
export interface SendInit {
  fetch: typeof fetch;
  method: string;
  url: string;
  /** Everything but auth; auth headers fill in only what these do not set. */
  headers: Headers;
  body?: string | undefined;
  timeout: number;
  maxRetries: number;
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  /** `GET /path/{template}`: names the call in messages without leaking ids or query values. */
  label: string;
  log: Log;
  secrets: () => readonly string[];
  authorize?: () => Promise<Record<string, string>>;
  /** Called on a 401 with the auth headers that were refused; true allows one retry with fresh credentials. */
  unauthorized?: (refused: Record<string, string>) => boolean;
}

/** A response with its body already read, so the per-attempt timeout covers the whole exchange. */
export interface Received {
  response: Response;
  text: string;
}

type Failed = { error: APIConnectionError; failure: "refused" | "timeout" | "dropped" };

/** Sends one logical call: auth, per-attempt timeout, retries by `decideRetry`, one re-auth after a 401. */
export async function send(init: SendInit): Promise<Received> {
  const { log, label } = init;
  let refreshed = false;
  for (let retry = 0; ; ) {
    if (init.signal?.aborted) throw new APIUserAbortError(`${label}: aborted by the caller`);
    const auth = init.authorize ? await init.authorize() : {};
    const headers = new Headers(init.headers);
    for (const [key, value] of Object.entries(auth)) if (!headers.has(key)) headers.set(key, value);
    const debug = log.enabled("debug");
    const started = Date.now();
    if (debug) log.debug(`${init.method} ${init.url}`, { headers, body: init.body });
    const result = await attempt(init, headers);
    let outcome: AttemptOutcome;
    if ("response" in result) {
      const { status } = result.response;
      if (debug) log.debug(`${init.method} ${init.url} -> ${status} in ${Date.now() - started} ms`);
      if (status === 401 && !refreshed && init.unauthorized?.(auth)) {
        refreshed = true;
        log.debug(`${label}: 401, retrying once with fresh credentials`);
        continue;
      }
      if (result.response.ok) return result;
      outcome = { status, headers: result.response.headers };
    } else {
      if (debug)
        log.debug(`${init.method} ${init.url} failed in ${Date.now() - started} ms: ${result.error.message}`);
      outcome = { failure: result.failure };
    }
    const decision = decideRetry(outcome, init.idempotent, init.maxRetries - retry, retry);
    if (!decision.retry) {
      if ("response" in result) return result;
      if (init.maxRetries > retry && result.failure !== "refused") {
        log.warn(
          `${label}: not retried (${decision.reason}); check whether it took effect before trying again`,
        );
      }
      throw result.error;
    }
    retry++;
    log.info(
      `${label}: retry ${retry}/${init.maxRetries} in ${Math.round(decision.delay)} ms (${decision.reason})`,
    );
    await sleep(decision.delay, init.signal, label);
  }
}

async function attempt(init: SendInit, headers: Headers): Promise<Received | Failed> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, init.timeout);
  const onAbort = () => controller.abort();
  init.signal?.addEventListener("abort", onAbort);
  // Racing against the signal bounds the attempt even when a custom fetch ignores `signal`.
  const aborted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason)),
  );
  let responded = false;
  try {
    const response = await Promise.race([
      init.fetch(init.url, {
        method: init.method,
        headers,
        body: init.body ?? null,
        signal: controller.signal,
      }),
      aborted,
    ]);
    responded = true;
    const text = await Promise.race([response.text(), aborted]);
    return { response, text };
  } catch (error) {
    if (init.signal?.aborted) throw new APIUserAbortError(`${init.label}: aborted by the caller`);
    if (timedOut) {
      const message = `${init.label}: timed out after ${init.timeout} ms`;
      return { error: new APIConnectionTimeoutError(message, error), failure: "timeout" };
    }
    const refused = !responded && isPreConnectError(error);
    const message = redactString(
      `${init.label}: connection ${refused ? "refused" : "failed"} (${why(error)})`,
      init.secrets(),
    );
    return { error: new APIConnectionError(message, error), failure: refused ? "refused" : "dropped" };
  } finally {
    clearTimeout(timer);
    init.signal?.removeEventListener("abort", onAbort);
  }
}

/** The messages of an error and its causes, e.g. "fetch failed: connect ECONNREFUSED 127.0.0.1:8787". */
function why(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message : String(e);
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join(": ") || "unknown error";
}

/** Waits between attempts, cut short (as a user abort) when the caller's signal fires. */
function sleep(ms: number, signal: AbortSignal | undefined, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError(`${label}: aborted by the caller`));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
