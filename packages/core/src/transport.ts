import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import type { AuthProvider } from "./auth/types.js";
import { readBody } from "./body.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIUserAbortError,
  userAbort,
} from "./errors.js";
import type { Log } from "./logger.js";
import { redactString } from "./redact.js";
import { type Hop, nextHop } from "./redirect.js";
import { type AttemptOutcome, decideRetry, isPreConnectError } from "./retry.js";
import { freshConnection } from "./runtime.js";
import { abortPromise, noop, onAbort } from "./signals.js";

/** What middleware sees besides the Request: openapi-fetch's callback fields, the same on every attempt. */
export type MiddlewareContext = Omit<MiddlewareCallbackParams, "request">;

/** A request body that can be sent again on a retry or a 307 (never a stream). */
export type SendBody = Exclude<BodyInit, ReadableStream>;

/** One logical call as the retry loop sees it; the body is serialised once so every attempt resends it. */
export interface SendInit {
  fetch: typeof fetch;
  method: string;
  url: string;
  /** Everything but auth; auth headers fill in only what these do not set. */
  headers: Headers;
  body?: SendBody | undefined;
  timeout: number;
  maxRetries: number;
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  /** `GET /path/{template}`: names the call in messages without leaking ids or query values. */
  label: string;
  log: Log;
  secrets: () => readonly string[];
  /** Largest body read; see readBody. */
  maxResponseBytes: number;
  /**
   * Authorizes each attempt (bounded by its timeout and the caller's signal); a 401 lets it drop the refused
   * credentials, and one retry with fresh ones follows when it says so. Undefined sends no credentials.
   */
  auth?: AuthProvider | undefined;
  /** false: any redirect is an error (token requests). */
  follow?: boolean;
  /** Resolve a 2xx with its body unread (asResponse); other statuses are still read for their error. */
  stream?: boolean;
  middleware?: readonly Middleware[];
  context?: MiddlewareContext;
}

/** The final response of a call and its body, read in full (undefined when streamed). */
export interface Received {
  response: Response;
  bytes: Uint8Array | undefined;
}

type FailureKind = "refused" | "unsent" | "timeout" | "dropped" | "abort";

/** An attempt that got no usable response, already classified for the retry rule. */
class Failure {
  constructor(
    readonly error: APIConnectionError | APIUserAbortError | Error,
    readonly kind: FailureKind,
  ) {}
}

interface Answered extends Received {
  auth: Record<string, string>;
}

/** Sends one logical call: auth, per-attempt timeout, redirects, retries by `decideRetry`, one re-auth after a 401. */
export async function send(init: SendInit): Promise<Received> {
  const { log, label } = init;
  let refreshed = false;
  for (let retry = 0; ; ) {
    if (init.signal?.aborted) throw userAbort(label);
    const result = await attempt(init);
    let outcome: AttemptOutcome;
    if (result instanceof Failure) {
      if (result.kind === "abort") throw result.error;
      log.debug(`${init.method} ${init.url} failed: ${result.error.message}`);
      outcome = { failure: result.kind };
    } else {
      const { status, headers } = result.response;
      if (status === 401 && !refreshed && init.auth?.invalidate?.(result.auth)) {
        refreshed = true;
        log.debug(`${label}: 401, retrying once with fresh credentials`);
        continue;
      }
      if (result.response.ok) return result;
      outcome = { status, headers };
    }
    const decision = decideRetry(outcome, init.idempotent, init.maxRetries - retry, retry);
    if (!decision.retry) {
      if (!(result instanceof Failure)) return result;
      if (init.maxRetries > retry && result.kind !== "refused" && result.kind !== "unsent")
        log.warn(
          `${label}: not retried (${decision.reason}); check whether it took effect before trying again`,
        );
      throw result.error;
    }
    retry++;
    log.info(
      `${label}: retry ${retry}/${init.maxRetries} in ${Math.round(decision.delay)} ms (${decision.reason})`,
    );
    await sleep(decision.delay, init.signal, label);
  }
}

/**
 * One attempt, bounded by one timer that covers the wait for the access token, every redirect hop and the
 * whole body. The caller's signal is linked only for the attempt's duration.
 */
async function attempt(init: SendInit): Promise<Answered | Failure> {
  const { label } = init;
  const controller = new AbortController();
  let timedOut = false;
  let sent = false;
  let responded = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, init.timeout);
  const unlink = onAbort(init.signal, () => controller.abort());
  const aborted = abortPromise(controller.signal);
  const fresh = init.idempotent || init.stream ? undefined : freshConnection();
  const classify = (error: unknown): Failure => {
    if (init.signal?.aborted) return new Failure(userAbort(label), "abort");
    if (timedOut) {
      const message = `${label}: timed out after ${init.timeout} ms${sent ? "" : " waiting for the access token"}`;
      return new Failure(new APIConnectionTimeoutError(message, error), sent ? "timeout" : "unsent");
    }
    const refused = !responded && isPreConnectError(error);
    const message = redactString(
      `${label}: connection ${refused ? "refused" : "failed"} (${why(error)})`,
      init.secrets(),
    );
    return new Failure(new APIConnectionError(message, error), refused ? "refused" : "dropped");
  };
  try {
    let auth: Record<string, string> = {};
    if (init.auth) {
      const { fetch, timeout, maxRetries, maxResponseBytes, log } = init;
      try {
        const authorizing = init.auth.headers({
          fetch,
          signal: controller.signal,
          timeout,
          maxRetries,
          maxResponseBytes,
          log,
        });
        authorizing.catch(noop); // a wait that timed out must not leave an unhandled rejection behind
        auth = await Promise.race([authorizing, aborted.promise]);
      } catch (error) {
        if (controller.signal.aborted) throw classify(error);
        throw error; // the token endpoint's own error: final, already retried by its own request
      }
    }
    const headers = new Headers(init.headers);
    for (const [key, value] of Object.entries(auth)) if (!headers.has(key)) headers.set(key, value);
    let hop: Hop = { url: init.url, method: init.method, body: init.body };
    let response: Response;
    for (let hops = 0; ; hops++) {
      sent = true;
      responded = false;
      const started = Date.now();
      response = await exchange(
        init,
        hop,
        headers,
        controller.signal,
        aborted.promise,
        classify,
        fresh?.init,
      );
      responded = true;
      if (init.log.enabled("debug"))
        init.log.debug(`${hop.method} ${hop.url} -> ${response.status} in ${Date.now() - started} ms`);
      const next = nextHop(response, hop, hops, init.follow !== false, label);
      if (!next) break;
      response.body?.cancel().catch(noop);
      init.log.debug(`${label}: following a ${response.status} redirect to ${new URL(next.url).pathname}`);
      hop = next;
    }
    if (init.stream && response.ok) return { response, bytes: undefined, auth };
    let bytes: Uint8Array;
    try {
      bytes = await readBody(response, init.maxResponseBytes, aborted.promise, label);
    } catch (error) {
      if (error instanceof APIError) throw error; // too large: final
      throw classify(error);
    }
    return { response, bytes, auth };
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error; // a redirect refused, a body too large, a middleware's own exception
  } finally {
    clearTimeout(timer);
    unlink();
    aborted.off();
    fresh?.close();
  }
}

/**
 * One HTTP exchange, through the middleware when there is any, in openapi-fetch's order: every `onRequest`
 * (a Request replaces the request, a Response skips the network), then fetch, then every `onError` on a
 * failure (a Response recovers, an Error replaces the error) or every `onResponse` (a Response replaces it),
 * in reverse. Middleware sees the request with its auth headers and the SDK's own redacted errors.
 */
async function exchange(
  init: SendInit,
  hop: Hop,
  headers: Headers,
  signal: AbortSignal,
  aborted: Promise<never>,
  classify: (error: unknown) => Failure,
  extra: object | undefined,
): Promise<Response> {
  const { log } = init;
  if (log.enabled("debug")) log.debug(`${hop.method} ${hop.url}`, { headers, body: hop.body });
  const options = {
    method: hop.method,
    headers,
    body: hop.body ?? null,
    signal,
    redirect: "manual" as const,
    ...extra,
  };
  const middleware = init.middleware ?? [];
  const fetchOnce = async (input: string | Request, requestInit: RequestInit) => {
    try {
      return await Promise.race([init.fetch(input, requestInit), aborted]);
    } catch (error) {
      throw classify(error);
    }
  };
  if (middleware.length === 0) return fetchOnce(hop.url, options);
  const context = init.context ?? ({} as MiddlewareContext);
  let request = new Request(hop.url, options);
  for (const m of middleware) {
    const result: unknown = await m.onRequest?.({ ...context, request });
    if (result instanceof Response) return result;
    if (result instanceof Request) request = result;
    else if (result !== undefined)
      throw new TypeError("onRequest: must return a Request, a Response or nothing");
  }
  let response: Response | undefined;
  try {
    response = await fetchOnce(request, { signal, redirect: "manual", ...extra });
  } catch (failure) {
    if (!(failure instanceof Failure)) throw failure;
    let error: unknown = failure.error;
    for (const m of [...middleware].reverse()) {
      const result: unknown = await m.onError?.({ ...context, request, error });
      if (result instanceof Response) {
        response = result;
        break;
      }
      if (result instanceof Error) error = result;
    }
    if (!response) throw error === failure.error ? failure : new Failure(error as Error, failure.kind);
  }
  for (const m of [...middleware].reverse()) {
    const result: unknown = await m.onResponse?.({ ...context, request, response });
    if (result instanceof Response) response = result;
  }
  return response;
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
    const timer = setTimeout(() => {
      off();
      resolve();
    }, ms);
    const off = onAbort(signal, () => {
      clearTimeout(timer);
      reject(userAbort(label));
    });
  });
}
