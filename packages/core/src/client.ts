import type { WithResponse } from "./api-promise.js";
import { APIPromise } from "./api-promise.js";
import { APIError, InvalidArgumentError } from "./errors.js";
import { createLog, type Log } from "./logger.js";
import {
  checkAdvance,
  iterationQuery,
  nextQuery,
  Page,
  PagePromise,
  pageItems,
  pageKey,
} from "./pagination.js";
import { headerSecrets } from "./redact.js";
import { errorFromResponse, isFailedEnvelope, parseBody } from "./response.js";
import { send } from "./transport.js";
import type { ClientConfig, OperationDescriptor, RequestInput, RequestOptions } from "./types.js";
import { buildURL, normalizeBaseURL } from "./url.js";

/** Data of one call plus the raw parsed body (pagination reads envelope fields such as `result_info`). */
interface Outcome<T> extends WithResponse<T> {
  body: unknown;
}

/** The runtime behind every generated client: one instance per client, shared by all its resources. */
export class BaseClient {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly #config: ClientConfig;
  readonly #fetch: typeof fetch;
  readonly #log: Log;

  constructor(config: ClientConfig) {
    const { options } = config;
    this.#config = config;
    this.baseURL = normalizeBaseURL(options.baseURL || config.defaultBaseURL);
    this.timeout = count("timeout", options.timeout, 60_000);
    this.maxRetries = count("maxRetries", options.maxRetries, 2);
    // Looked up per call, so a fetch patched in later (tests, polyfills) is used and browsers keep `this`.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#log = createLog(options.logLevel, options.logger, () => this.#secrets());
  }

  /** Every credential this client knows of, masked in all its logs and error messages. */
  #secrets(): readonly string[] {
    return [...(this.#config.auth.secrets?.() ?? []), ...headerSecrets(this.#config.options.defaultHeaders)];
  }

  request<T>(op: OperationDescriptor, input: RequestInput, options?: RequestOptions): APIPromise<T> {
    return new APIPromise(() => this.#execute<T>(op, input, options));
  }

  requestPage<T>(op: OperationDescriptor, input: RequestInput, options?: RequestOptions): PagePromise<T> {
    const pagination = op.pagination ?? { style: "single" };
    const label = `${op.method} ${op.path}`;
    const load = async (
      query: Record<string, unknown>,
      seen: Set<string>,
    ): Promise<WithResponse<Page<T>>> => {
      const { data, body, response } = await this.#execute<unknown>(op, { ...input, query }, options);
      const items = pageItems(data);
      if (!items)
        throw new APIError(
          response.status,
          undefined,
          `${label} -> ${response.status}: expected a list`,
          response.headers,
        );
      seen.add(pageKey(pagination, query));
      const next = nextQuery(pagination, query, items, data, body, response.headers);
      let checked = false; // fetching the same next page again later is a re-read, not a loop
      const fetchNext = next
        ? async () => {
            if (!checked) checkAdvance(pagination, label, next, items, seen, response);
            checked = true;
            return (await load(next, seen)).data;
          }
        : null;
      return { data: new Page(items as T[], response, fetchNext), response };
    };
    const query = input.query ?? {};
    return new PagePromise(
      () => load(query, new Set()),
      () => load(iterationQuery(pagination, query), new Set()),
    );
  }

  async #execute<T>(
    op: OperationDescriptor,
    input: RequestInput,
    options: RequestOptions = {},
  ): Promise<Outcome<T>> {
    const { auth, envelope } = this.#config;
    const label = `${op.method} ${op.path}`;
    const url = buildURL(this.baseURL, op, input);
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    const headers = this.#headers(input, options, body !== undefined);
    const secrets = () => [...this.#secrets(), ...headerSecrets(options.headers)];
    const signal = options.signal;
    const ctx = {
      fetch: this.#fetch,
      signal,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      log: this.#log,
    };
    const { response, text } = await send({
      fetch: this.#fetch,
      method: op.method,
      url,
      headers,
      body,
      timeout: count("timeout", options.timeout, this.timeout),
      maxRetries: count("maxRetries", options.maxRetries, this.maxRetries),
      idempotent: op.idempotent ?? (op.method === "GET" || op.method === "PUT" || op.method === "DELETE"),
      signal,
      label,
      log: this.#log,
      secrets,
      authorize: () => auth.headers(ctx),
      unauthorized: (refused) => auth.invalidate?.(refused) ?? false,
    });
    const parsed = parseBody(response.status, response.headers, text);
    if (!response.ok || parsed.problem || (envelope && isFailedEnvelope(parsed.body))) {
      const error = errorFromResponse(label, response, text, parsed, secrets());
      if (error.status !== undefined && error.status >= 400) this.#log.debug(error.message);
      throw error;
    }
    const raw = parsed.body;
    const data = envelope && raw && typeof raw === "object" && "result" in raw ? raw.result : raw;
    return { data: data as T, body: raw, response };
  }

  #headers(input: RequestInput, options: RequestOptions, hasBody: boolean): Headers {
    const headers = new Headers({ Accept: "application/json" });
    if (hasBody) headers.set("Content-Type", "application/json");
    try {
      headers.set("User-Agent", this.#config.userAgent);
    } catch {
      // some browsers refuse to let scripts set User-Agent; the request is fine without it
    }
    for (const source of [this.#config.options.defaultHeaders, input.headers, options.headers]) {
      for (const [key, value] of Object.entries(source ?? {}))
        if (value !== undefined) headers.set(key, value);
    }
    const idHeader = this.#config.requestIdHeader;
    if (idHeader && !headers.has(idHeader)) headers.set(idHeader, uuid());
    return headers;
  }
}

/** Base of every generated resource class: holds the client it sends through. */
export abstract class APIResource {
  protected readonly _client: BaseClient;

  constructor(client: BaseClient) {
    this._client = client;
  }
}

/** A non-negative option (timeout, maxRetries), or its default; NaN or negatives are a caller bug caught early. */
function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a non-negative number, got ${value}`);
  }
  return value;
}

/** A v4 UUID from WebCrypto, with a Math.random fallback for runtimes that lack randomUUID. */
function uuid(): string {
  const { crypto } = globalThis as { crypto?: { randomUUID?: () => string } };
  if (crypto?.randomUUID) return crypto.randomUUID();
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
    (Number(c) ^ ((Math.random() * 16) >> (Number(c) / 4))).toString(16),
  );
}
