import { vi } from "vitest";
import {
  BaseClient,
  bearerAuth,
  type ClientConfig,
  type ClientOptions,
  type HttpMethod,
  IDEMPOTENT_METHODS,
  type Logger,
  type OperationDescriptor,
} from "../src/internal.js";

/** One recorded fetch call, with the headers and body as the server would see them. */
export interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
  redirect: RequestRedirect | undefined;
}

export type Reply = Response | Error | ((call: Call) => Response | Promise<Response>);

/** A fetch stub that answers with `replies` in order (the last one repeats) and records every call. */
export function stubFetch(...replies: Reply[]): { fetch: typeof globalThis.fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    // With middleware the runtime sends a Request (and only signal/redirect in init).
    const request = input instanceof Request ? input : undefined;
    const call: Call = {
      url: request ? request.url : String(input),
      method: init.method ?? request?.method ?? "GET",
      headers: new Headers(init.headers ?? request?.headers),
      body:
        typeof init.body === "string" ? init.body : request?.body ? await request.clone().text() : undefined,
      signal: init.signal ?? request?.signal ?? undefined,
      redirect: init.redirect ?? request?.redirect,
    };
    const reply = replies[Math.min(calls.length, replies.length - 1)];
    calls.push(call);
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(call);
    if (!reply) throw new Error("stubFetch: no reply configured");
    return reply.clone();
  }) as typeof globalThis.fetch;
  return { fetch: fetchStub, calls };
}

/** A JSON response, the way the three APIs send them. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** A raw response; without `contentType` it has none (a string body would get text/plain from Response). */
export function text(
  body: string,
  status: number,
  contentType?: string,
  headers: Record<string, string> = {},
) {
  const raw = status === 204 ? null : new TextEncoder().encode(body);
  return new Response(raw, {
    status,
    headers: contentType ? { "content-type": contentType, ...headers } : headers,
  });
}

/** undici's shape for a refused connection: TypeError("fetch failed") caused by an ECONNREFUSED error. */
export function refused(): Error {
  return new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
  });
}

/** undici's shape for a socket closed after the request went out. */
export function dropped(): Error {
  return new TypeError("fetch failed", {
    cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
  });
}

/** A fetch that never answers but rejects when its signal aborts, like a real one. */
export function hanging(): (call: Call) => Promise<Response> {
  return (call) =>
    new Promise((_, reject) => {
      call.signal?.addEventListener("abort", () => reject(call.signal?.reason));
    });
}

export const TOKEN = "tok_live_0123456789abcdef";

export function makeClient(
  fetch: typeof globalThis.fetch,
  options: ClientOptions = {},
  config: Partial<Omit<ClientConfig, "options">> = {},
): BaseClient {
  return new BaseClient({
    options: { baseURL: "https://api.test/v1/", fetch, ...options },
    defaultBaseURL: "https://default.test",
    auth: { token: bearerAuth(TOKEN) },
    userAgent: "@sso/test/0.0.0",
    ...config,
  });
}

/** A descriptor as the generator would emit it: idempotent by method, authorized by the `token` scheme. */
export function op(
  method: HttpMethod,
  path: string,
  extra: Partial<OperationDescriptor> = {},
): OperationDescriptor {
  const params = Object.fromEntries(
    [...path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1] ?? "", "path" as const]),
  );
  return {
    method,
    path,
    idempotent: IDEMPOTENT_METHODS.includes(method),
    security: ["token"],
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(method === "POST" || method === "PATCH" || method === "PUT"
      ? { body: "fields" as const, bodyOptional: true }
      : {}),
    ...extra,
  };
}

/** A logger that keeps every line, for asserting on what would have been printed. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      lines.push(`${level} ${message} ${args.map((a) => JSON.stringify(a)).join(" ")}`);
  return { lines, debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
}

/** Settles a promise while fake timers run every pending backoff and timeout. */
export async function settle<T>(promise: PromiseLike<T>): Promise<{ value?: T; error?: unknown }> {
  const settled = Promise.resolve(promise).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return settled;
}

/** Like settle, but returns the rejection and fails the test when there was none. */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error> {
  const { error, value } = await settle(promise);
  if (!(error instanceof Error)) throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  return error;
}
