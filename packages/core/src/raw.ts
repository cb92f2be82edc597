import type { Client, Middleware } from "openapi-fetch";
import { decode } from "./body.js";
import { responseError, unsent } from "./errors.js";
import { checkHeaders } from "./headers.js";
import { excerpt } from "./redact.js";
import type { Received, SendBody } from "./transport.js";
import { IDEMPOTENT_METHODS, type RequestOptions } from "./types.js";
import { serializeQuery } from "./url.js";

/** One `raw` call, read from openapi-fetch's arguments, for the client to send through its transport. */
interface RawCall {
  method: string;
  path: string;
  params: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  /** The serialised query string, `?…` or empty. */
  query: string;
  headers: Record<string, string>;
  /** True when the body is JSON, so Content-Type says so. */
  json: boolean;
  body: SendBody | undefined;
  idempotent: boolean;
  options: RequestOptions;
  stream: boolean;
  middleware: readonly Middleware[];
}

export type RawSend = (call: RawCall) => Promise<Received>;

/** The part of openapi-fetch's per-request options `raw` honours (`baseUrl` and `fetch` are ignored: the client's stay). */
interface RawInit {
  params?: RawCall["params"];
  body?: unknown;
  headers?:
    | HeadersInit
    | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;
  signal?: AbortSignal | null;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
  querySerializer?: ((query: Record<string, unknown>) => string) | object;
  bodySerializer?: (body: unknown) => unknown;
  middleware?: Middleware[];
}

/**
 * An openapi-fetch `Client<Paths>` whose requests go through `send`: the client's auth, retries, timeouts,
 * redirect rule, size cap, redaction, logging and middleware. Results have openapi-fetch's shape
 * (`{ data, response }` for a 2xx, `{ error, response }` otherwise); connection failures, refused redirects
 * and oversized bodies reject with the SDK's typed errors, as in the generated methods.
 */
export function createRaw<Paths extends {}>(send: RawSend, secrets: () => readonly string[]): Client<Paths> {
  const own: Middleware[] = [];
  const request = async (verb: string, path: string, init: RawInit = {}) => {
    const method = verb.toUpperCase();
    const label = `${method} ${path}`;
    const params = init.params ?? {};
    const query =
      typeof init.querySerializer === "function"
        ? prefixed((init.querySerializer as (q: object) => string)(params.query ?? {}))
        : serializeQuery(params.query ?? {}, undefined, label);
    const body = init.body === undefined ? undefined : serialise(init, label);
    const stream = init.parseAs === "stream";
    const { response, bytes } = await send({
      method,
      path,
      params,
      query,
      headers: checkHeaders({ ...headerRecord(init.headers), ...params.header }, label),
      json: typeof body === "string" && !init.bodySerializer,
      body,
      idempotent:
        (IDEMPOTENT_METHODS as readonly string[]).includes(method) ||
        method === "HEAD" ||
        method === "OPTIONS",
      options: init.signal ? { signal: init.signal } : {},
      stream,
      middleware: [...own, ...(init.middleware ?? [])],
    });
    if (response.status === 204 || method === "HEAD" || response.headers.get("content-length") === "0")
      return response.ok ? { data: undefined, response } : { error: undefined, response };
    if (!response.ok) {
      const text = decode(bytes);
      try {
        return { error: JSON.parse(text) as unknown, response };
      } catch {
        return { error: text, response };
      }
    }
    if (stream) return { data: response.body, response };
    const all = bytes ?? new Uint8Array();
    if (init.parseAs === "arrayBuffer") return { data: all.slice().buffer, response };
    if (init.parseAs === "blob") return { data: new Blob([all.slice()]), response };
    const text = decode(all);
    if (init.parseAs === "text") return { data: text, response };
    try {
      return { data: text ? (JSON.parse(text) as unknown) : undefined, response };
    } catch {
      throw responseError(
        response,
        `${label} -> ${response.status} invalid JSON: ${excerpt(text, secrets())}`,
      );
    }
  };
  const verbs = "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE".split(" ");
  return {
    request,
    ...Object.fromEntries(
      verbs.map((verb) => [verb, (path: string, init?: RawInit) => request(verb, path, init)]),
    ),
    use: (...middleware: Middleware[]) => own.push(...middleware.filter(Boolean)),
    eject: (...middleware: Middleware[]) => {
      for (const m of middleware) if (own.includes(m)) own.splice(own.indexOf(m), 1);
    },
  } as unknown as Client<Paths>;
}

function prefixed(query: string): string {
  return query ? `?${query.replace(/^\?/, "")}` : "";
}

/** openapi-fetch's header forms (a Headers, pairs, or a record with arrays and nulls) as one record. */
function headerRecord(headers: RawInit["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers || Array.isArray(headers)) {
    for (const [key, value] of new Headers(headers as HeadersInit)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(headers))
    if (value !== undefined && value !== null)
      out[key] = Array.isArray(value) ? value.join(", ") : String(value);
  return out;
}

/** The body as sent: JSON by default, else what the caller's bodySerializer makes (a stream cannot be resent). */
function serialise(init: RawInit, label: string): SendBody | undefined {
  const fail = (why: string) => unsent(label, why);
  let body: unknown;
  try {
    body = init.bodySerializer ? init.bodySerializer(init.body) : JSON.stringify(init.body);
  } catch (error) {
    throw fail(
      `the request body cannot be serialised (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream)
    throw fail("a streamed body cannot be resent on a retry; serialise it to a string, Blob or FormData");
  return body as SendBody | undefined;
}
