import type { Client, Middleware } from "openapi-fetch";
import { APIPromise, type WithResponse } from "./api-promise.js";
import type { AuthProvider } from "./auth/types.js";
import { DEFAULT_MAX_RESPONSE_BYTES, decode } from "./body.js";
import { InvalidArgumentError } from "./errors.js";
import { checkHeaders } from "./headers.js";
import { createLog, type Log } from "./logger.js";
import { type Page, PagePromise } from "./pagination/page.js";
import { singlePage } from "./pagination/single.js";
import type { Query } from "./pagination/types.js";
import { type FetchedPage, loadPage } from "./pagination/walk.js";
import { splitParams } from "./params.js";
import { createRaw, type RawSend } from "./raw.js";
import { headerSecrets } from "./redact.js";
import { errorFromResponse, isFailedEnvelope, parseBody } from "./response.js";
import { shapeError, shapeProblem } from "./shape.js";
import { type MiddlewareContext, type Received, type SendInit, send } from "./transport.js";
import type { ClientConfig, OperationDescriptor, RequestOptions } from "./types.js";
import { fillPath, normalizeBaseURL, serializeQuery } from "./url.js";

/** The largest delay the platform timer takes (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMEOUT = 2_147_483_647;

/** One HTTP call, from a descriptor or from `raw`, before the client adds its bounds, log and middleware. */
type Dispatch = Pick<
  SendInit,
  "label" | "method" | "url" | "headers" | "body" | "idempotent" | "auth" | "stream"
> & {
  schemaPath: string;
  params: MiddlewareContext["params"];
  options: RequestOptions;
  middleware?: readonly Middleware[];
};

/** The runtime behind every generated client: one instance per client, shared by all its resources. */
// biome-ignore lint/complexity/noBannedTypes: the same bound and default as openapi-fetch's Client<Paths extends {}>
export class BaseClient<Paths extends {} = {}> {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  /**
   * An openapi-fetch `Client<paths>` that sends through this client's transport (auth, retries, timeouts,
   * redirects, size cap, redaction, logging, middleware), for any operation of the spec by its path.
   */
  readonly raw: Client<Paths>;
  readonly #config: ClientConfig;
  readonly #fetch: typeof fetch;
  readonly #log: Log;
  readonly #maxBytes: number;
  readonly #headers: Record<string, string>;
  readonly #middleware: readonly Middleware[];

  constructor(config: ClientConfig) {
    const { options } = config;
    this.#config = config;
    this.baseURL = normalizeBaseURL(options.baseURL || config.defaultBaseURL);
    this.timeout = count("timeout", options.timeout, 60_000, MAX_TIMEOUT);
    this.maxRetries = count("maxRetries", options.maxRetries, 2, 1_000, true);
    this.#maxBytes = count(
      "maxResponseBytes",
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      2 ** 53,
      true,
      1,
    );
    if (options.fetch !== undefined && typeof options.fetch !== "function")
      throw new InvalidArgumentError(`fetch must be a function, got ${typeof options.fetch}`);
    // Looked up per call, so a fetch patched in later (tests, polyfills) is used and browsers keep `this`.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = checkHeaders(options.defaultHeaders, "defaultHeaders");
    this.#middleware = checkMiddleware(options.middleware);
    this.#log = createLog(options.logLevel, options.logger, () => this.#secrets());
    this.raw = createRaw<Paths>(this.#rawSend, () => this.#secrets());
  }

  /** Every credential this client knows of, masked in all its logs and error messages. */
  #secrets(extra?: Record<string, string>): readonly string[] {
    const providers = Object.values(this.#config.auth).flatMap((auth) => auth.secrets?.() ?? []);
    return [...providers, ...headerSecrets(this.#config.options.defaultHeaders), ...headerSecrets(extra)];
  }

  request<T>(op: OperationDescriptor, params: unknown, options?: RequestOptions): APIPromise<T> {
    return new APIPromise(
      async () => {
        const { data, response } = await this.#call(op, params, options);
        return { data: data as T, response };
      },
      async () => (await this.#call(op, params, options, undefined, true)).response,
    );
  }

  requestPage<T>(op: OperationDescriptor, params: unknown, options?: RequestOptions): PagePromise<T> {
    const pagination = op.pagination ?? singlePage();
    const label = `${op.method} ${op.path}`;
    const walk = (all: boolean) => async (): Promise<WithResponse<Page<T>>> => {
      const query = splitParams(op, params, label).query;
      return loadPage<T>(
        pagination,
        label,
        (page) => this.#call(op, params, options, page),
        () => this.#secrets(options?.headers),
        all && pagination.walk ? pagination.walk(query) : query,
      );
    };
    return new PagePromise(
      walk(false),
      walk(true),
      async () => (await this.#call(op, params, options, undefined, true)).response,
    );
  }

  /** One call of an operation: split and check the params, send, then decode and check the body. */
  async #call(
    op: OperationDescriptor,
    params: unknown,
    options: RequestOptions = {},
    query?: Query,
    stream?: boolean,
  ): Promise<FetchedPage> {
    const label = `${op.method} ${op.path}`;
    const input = splitParams(op, params, label);
    const url = `${this.baseURL}${fillPath(op.path, input.path, label)}${serializeQuery(query ?? input.query, op.query, label)}`;
    const { response, bytes } = await this.#send({
      label,
      method: op.method,
      url,
      headers: this.#requestHeaders(label, input.headers, options.headers, input.body !== undefined),
      body: input.body,
      idempotent: op.idempotent,
      auth: this.#authFor(op, label),
      schemaPath: op.path,
      params: { path: input.path, query: query ?? input.query, header: input.headers },
      options,
      stream,
    });
    const text = decode(bytes);
    if (stream && response.ok) return { data: undefined, body: undefined, text, response };
    const secrets = this.#secrets(options.headers);
    const content = op.content ?? "json";
    const { status } = response;
    if (response.ok && (content !== "json" || status === 204 || status === 205)) {
      // A Blob, as the generated return types say: typed by the response, and the same in every runtime.
      const data =
        content === "text"
          ? text
          : content === "binary"
            ? new Blob(bytes ? [bytes.slice()] : [], { type: response.headers.get("content-type") ?? "" })
            : undefined;
      return { data, body: data, text, response };
    }
    const parsed = parseBody(status, response.headers, text);
    const { envelope } = this.#config;
    if (!response.ok || parsed.problem || (envelope && isFailedEnvelope(parsed.body))) {
      const error = errorFromResponse(label, response, text, parsed, secrets, op.servedBy);
      this.#log.debug(error.message);
      throw error;
    }
    const body = parsed.body;
    const data = envelope && body && typeof body === "object" && "result" in body ? body.result : body;
    const problem = op.response && shapeProblem(data, op.response);
    if (problem) throw shapeError(label, response, problem, text, secrets);
    return { data, body, text, response };
  }

  /** The provider for the first of the operation's schemes this client has credentials for. */
  #authFor(op: OperationDescriptor, label: string): AuthProvider | undefined {
    if (op.security.length === 0) return undefined;
    for (const scheme of op.security) {
      const provider = this.#config.auth[scheme];
      if (provider) return provider;
    }
    const have = Object.keys(this.#config.auth);
    throw new InvalidArgumentError(
      `${label} is authorized by ${op.security.join(" or ")}, but this client has credentials for ${have.join(", ") || "no scheme"}; no request was sent`,
    );
  }

  #requestHeaders(
    label: string,
    params: Record<string, string>,
    perCall: Record<string, string> | undefined,
    json: boolean,
  ): Headers {
    const headers = new Headers({ Accept: "application/json" });
    if (json) headers.set("Content-Type", "application/json");
    try {
      headers.set("User-Agent", this.#config.userAgent);
    } catch {
      // some browsers refuse to let scripts set User-Agent; the request is fine without it
    }
    for (const source of [this.#headers, params, checkHeaders(perCall, label)])
      for (const [key, value] of Object.entries(source)) headers.set(key, value);
    const idHeader = this.#config.requestIdHeader;
    if (idHeader && !headers.has(idHeader)) headers.set(idHeader, uuid());
    return headers;
  }

  /** Sends one logical call through the transport with this client's bounds, log, auth and middleware. */
  #send(call: Dispatch): Promise<Received> {
    const { options } = call;
    const middleware = [...this.#middleware, ...(call.middleware ?? [])];
    return send({
      ...call,
      fetch: this.#fetch,
      timeout: count("timeout", options.timeout, this.timeout, MAX_TIMEOUT),
      maxRetries: count("maxRetries", options.maxRetries, this.maxRetries, 1_000, true),
      signal: options.signal,
      log: this.#log,
      secrets: () => this.#secrets(options.headers),
      maxResponseBytes: this.#maxBytes,
      middleware,
      context: middleware.length > 0 ? this.#context(call) : undefined,
    });
  }

  /** openapi-fetch's callback fields for middleware: the same for every attempt of one call. */
  #context(call: Dispatch): MiddlewareContext {
    return {
      schemaPath: call.schemaPath,
      params: call.params,
      id: Math.random().toString(36).slice(2, 11),
      options: {
        baseUrl: this.baseURL,
        parseAs: "json",
        fetch: this.#fetch,
        querySerializer: (query) => serializeQuery(query, undefined, call.label).slice(1),
        bodySerializer: (body) => JSON.stringify(body),
        pathSerializer: (path, values) => fillPath(path, values, call.label),
      },
    };
  }

  /** `raw`'s way into the transport: the first scheme the client has credentials for authorizes it. */
  readonly #rawSend: RawSend = (call) => {
    const label = `${call.method} ${call.path}`;
    const headers = this.#requestHeaders(label, call.headers, undefined, call.json);
    return this.#send({
      ...call,
      label,
      url: `${this.baseURL}${fillPath(call.path, call.params.path, label)}${call.query}`,
      headers,
      auth: Object.values(this.#config.auth)[0],
      schemaPath: call.path,
    });
  };
}

/** Base of every generated resource class: holds the client it sends through. */
export abstract class APIResource {
  protected readonly _client: BaseClient;

  constructor(client: BaseClient) {
    this._client = client;
  }
}

/**
 * A bounded option (timeout, maxRetries, maxResponseBytes), or its default. NaN, negatives, fractions where
 * a count is meant, and values past what the platform can honour (a timer beyond 2^31 - 1 ms fires at once)
 * are a caller's mistake, caught before any request.
 */
function count(
  name: string,
  value: unknown,
  fallback: number,
  max: number,
  integer = false,
  min = 0,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    const range = `${integer ? "an integer" : "a number"} from ${min} to ${max}`;
    const hint =
      name === "timeout" && typeof value === "number" && value > max
        ? " (the platform timer's range, about 24.8 days)"
        : "";
    throw new InvalidArgumentError(`${name} must be ${range}${hint}, got ${String(value)}`);
  }
  return value;
}

function checkMiddleware(list: unknown): readonly Middleware[] {
  if (list === undefined) return [];
  const valid = (m: unknown) =>
    !!m &&
    typeof m === "object" &&
    ["onRequest", "onResponse", "onError"].some(
      (k) => typeof (m as Record<string, unknown>)[k] === "function",
    );
  if (!Array.isArray(list) || !list.every(valid))
    throw new InvalidArgumentError(
      "middleware must be an array of objects with onRequest, onResponse or onError",
    );
  return list;
}

/** A v4 UUID from WebCrypto, with a Math.random fallback for runtimes that lack randomUUID. */
function uuid(): string {
  const { crypto } = globalThis as { crypto?: { randomUUID?: () => string } };
  if (crypto?.randomUUID) return crypto.randomUUID();
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
    (Number(c) ^ ((Math.random() * 16) >> (Number(c) / 4))).toString(16),
  );
}
