/**
 * The fake-server kit: a `node:http` server on 127.0.0.1 that reads each request (bounded), applies the
 * queued faults, routes it, records the exchange, tells `onExchange`, and answers. `close()` destroys every
 * socket and resolves once the server has fully closed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type FaultKind, type FaultOutcome, Faults, isSynthetic } from "./faults.js";
import { escapeHtml, type FakeReply, type FakeRequest, parseBody } from "./http.js";
import type { Router } from "./router.js";

/** The host every fake listens on. Fakes never listen on a public interface. */
export const FAKE_HOST = "127.0.0.1";

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** Options every fake accepts (each provider's `startFakeServer(options)` extends these). */
export interface FakeServerOptions {
  /** Port on 127.0.0.1 (default 0: a free port chosen by the OS). */
  port?: number;
  /** Latency added to every request, in ms (also settable later with `fake.faults.latency(ms)`). */
  latencyMs?: number;
  /**
   * Called with every exchange, synchronously, before the response is written (so by the time a client
   * sees a response, the hook has seen it too). Used by the contract tests. Must not throw.
   */
  onExchange?: (exchange: Exchange) => void;
  /** How many exchanges `fake.exchanges` keeps (a ring; default 500, max 10000). */
  recordLimit?: number;
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path relative to the base URL, without the query string. */
  path: string;
  /** Path and query exactly as received (including any base path). */
  rawUrl: string;
  query: Record<string, string[]>;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
  bodyError?: string;
  /** Set when the body was over `maxBodyBytes`: it was not kept (the fake answered 413). */
  bodyTooLarge?: true;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  rawBody: string;
  /** The JSON body as the fake produced it (undefined for empty, HTML or truncated bodies). */
  body: unknown;
}

export interface Exchange {
  /** 1-based, per server. */
  seq: number;
  /** The provider name of the fake that handled it (`cloudflare`, `logto`, `keycard`). */
  server: string;
  request: RecordedRequest;
  /** The router template that matched, e.g. `/accounts/{account_id}/sso_connectors`. */
  route?: string;
  /** Absent when the connection was dropped before the fake answered. */
  response?: RecordedResponse;
  /** Set when a fault shaped this exchange. `synthetic`: the response is not the fake's own answer. */
  fault?: { kind: FaultKind; synthetic: boolean };
  /** Set when a route handler threw (a bug in the fake); the client got a 500. */
  handlerError?: string;
  /** True when the response was sent but the socket was destroyed (drop-after) or never answered. */
  dropped: boolean;
  durationMs: number;
}

/** What a provider tells the kit once. */
export interface FakeApp {
  /** Provider name used in exchanges and messages. */
  name: string;
  /** A path prefix every route lives under (Cloudflare: `/client/v4`); default none. */
  basePath?: string;
  router: Router<FakeHandler>;
  /** The provider's answer for an unknown path. */
  notFound(request: FakeRequest): FakeReply;
  /** The provider's answer for a known path with another method (default: `notFound`). */
  methodNotAllowed?(request: FakeRequest, allow: string[]): FakeReply;
  /** The provider's error body for a status (used by `failNext`, 413 and handler crashes). */
  errorBody(status: number, request: FakeRequest): unknown;
  /** Adds headers every response carries (request ids and the like). */
  decorate?(reply: FakeReply, request: FakeRequest): FakeReply;
}

/** A running fake as the kit sees it; providers spread it into their own handle. */
export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>` plus the base path: pass it to a client as `baseURL`. */
  readonly baseURL: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly port: number;
  readonly faults: Faults;
  /** Every route the fake serves (method + path template), for drift checks against a spec. */
  readonly routes: ReadonlyArray<{ method: string; template: string }>;
  /** The most recent exchanges (a bounded ring), oldest first. */
  readonly exchanges: readonly Exchange[];
  clearExchanges(): void;
  /** Stops listening, destroys every open socket, and resolves when the server is fully closed. */
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "Error";
}

function htmlPage(status: number): string {
  const title = `${status} ${escapeHtml(statusText(status))}`;
  return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>fake-proxy</center>\n</body>\n</html>\n`;
}

function flattenHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function queryRecord(query: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of query) {
    const list = out[key] ?? [];
    list.push(value);
    out[key] = list;
  }
  return out;
}

function normaliseBasePath(basePath: string | undefined): string {
  if (!basePath || basePath === "/") return "";
  return `/${basePath.replace(/^\/+|\/+$/g, "")}`;
}

/** Starts a fake on 127.0.0.1. Providers call this from their own `startFakeServer`. */
export async function startFakeHttpServer(
  app: FakeApp,
  options: FakeServerOptions = {},
): Promise<FakeHttpServer> {
  const basePath = normaliseBasePath(app.basePath);
  const recordLimit = Math.min(Math.max(options.recordLimit ?? 500, 0), 10_000);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const faults = new Faults();
  if (options.latencyMs) faults.latency(options.latencyMs);

  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let recorded: Exchange[] = [];
  let seq = 0;
  let origin = "";

  const record = (exchange: Exchange): void => {
    if (recordLimit > 0) {
      recorded.push(exchange);
      if (recorded.length > recordLimit) recorded = recorded.slice(recorded.length - recordLimit);
    }
    if (options.onExchange) {
      try {
        options.onExchange(exchange);
      } catch (error) {
        console.error(`[fake ${app.name}] onExchange threw:`, error);
      }
    }
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0 || closing.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        closing.signal.removeEventListener("abort", done);
        resolve();
      }
      closing.signal.addEventListener("abort", done, { once: true });
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    res.on("error", () => {});
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBodyBytes) tooLarge = true;
        else chunks.push(chunk);
      }
    } catch {
      return; // the client went away mid-body
    }
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", origin);
    const fullPath = url.pathname;
    const inBase = basePath === "" || fullPath === basePath || fullPath.startsWith(`${basePath}/`);
    const path = basePath === "" ? fullPath : inBase ? fullPath.slice(basePath.length) || "/" : fullPath;
    const headers = req.headers;
    const parsed = tooLarge
      ? { body: undefined, bodyError: "body too large" }
      : parseBody(rawBody, headers["content-type"]);
    const method = (req.method ?? "GET").toUpperCase();

    const route = inBase ? app.router.match(method, path) : ({ kind: "not-found" } as const);
    const request: FakeRequest = {
      method,
      url,
      path,
      params: route.kind === "found" ? route.params : {},
      query: url.searchParams,
      headers,
      rawBody,
      body: parsed.body,
      ...(parsed.bodyError !== undefined ? { bodyError: parsed.bodyError } : {}),
      header(name: string) {
        const value = headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : value;
      },
    };
    const recordedRequest: RecordedRequest = {
      method,
      path,
      rawUrl: req.url ?? "/",
      query: queryRecord(url.searchParams),
      headers: flattenHeaders(headers),
      rawBody,
      body: parsed.body,
      ...(parsed.bodyError !== undefined ? { bodyError: parsed.bodyError } : {}),
      ...(tooLarge ? { bodyTooLarge: true as const } : {}),
    };
    const exchange: Exchange = {
      seq: ++seq,
      server: app.name,
      request: recordedRequest,
      ...(route.kind !== "not-found" ? { route: route.template } : {}),
      dropped: false,
      durationMs: 0,
    };

    const { delayMs, outcome } = faults.take(method, path);
    await sleep(delayMs);
    if (closing.signal.aborted) {
      req.socket.destroy();
      return;
    }

    const finish = (reply: FakeReply | undefined, fault?: FaultOutcome): void => {
      if (fault) exchange.fault = { kind: fault.kind, synthetic: isSynthetic(fault.kind) };
      exchange.durationMs = performance.now() - started;
      if (!reply) {
        exchange.dropped = true;
        record(exchange);
        req.socket.destroy();
        return;
      }
      const decorated = app.decorate ? app.decorate(reply, request) : reply;
      let text = "";
      const outHeaders: Record<string, string | string[]> = {};
      if (decorated.text !== undefined) {
        text = decorated.text;
      } else if (decorated.body !== undefined && decorated.status !== 204 && decorated.status !== 304) {
        text = JSON.stringify(decorated.body);
        outHeaders["content-type"] = "application/json; charset=utf-8";
      }
      for (const [key, value] of Object.entries(decorated.headers ?? {}))
        outHeaders[key.toLowerCase()] = value;
      let body: unknown = decorated.text === undefined ? decorated.body : undefined;
      if (fault?.kind === "truncate" && text.length > 0) {
        text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
        body = undefined;
      }
      outHeaders["content-length"] = String(Buffer.byteLength(text));
      const flatOut: Record<string, string> = {};
      for (const [key, value] of Object.entries(outHeaders))
        flatOut[key] = Array.isArray(value) ? value.join(", ") : value;
      exchange.response = { status: decorated.status, headers: flatOut, rawBody: text, body };
      if (fault?.kind === "drop-after") {
        exchange.dropped = true;
        record(exchange);
        req.socket.destroy();
        return;
      }
      record(exchange);
      res.writeHead(decorated.status, statusText(decorated.status), outHeaders);
      res.end(text);
    };

    if (tooLarge) return finish({ status: 413, body: app.errorBody(413, request) });

    if (outcome?.kind === "drop-before") return finish(undefined, outcome);
    if (outcome?.kind === "status") {
      const body = outcome.body !== undefined ? outcome.body : app.errorBody(outcome.status, request);
      return finish({ status: outcome.status, headers: outcome.headers, body }, outcome);
    }
    if (outcome?.kind === "html") {
      return finish(
        {
          status: outcome.status,
          headers: { "content-type": "text/html; charset=utf-8" },
          text: htmlPage(outcome.status),
        },
        outcome,
      );
    }

    let reply: FakeReply;
    try {
      if (route.kind === "found") reply = await route.handler(request);
      else if (route.kind === "method-not-allowed")
        reply = app.methodNotAllowed ? app.methodNotAllowed(request, route.allow) : app.notFound(request);
      else reply = app.notFound(request);
    } catch (error) {
      exchange.handlerError = error instanceof Error ? (error.stack ?? error.message) : String(error);
      reply = { status: 500, body: app.errorBody(500, request) };
    }
    if (closing.signal.aborted) {
      req.socket.destroy();
      return;
    }
    if (outcome?.kind === "tamper") reply = outcome.transform(reply, request);
    finish(reply, outcome);
  };

  const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`[fake ${app.name}] request failed:`, error);
      req.socket.destroy();
    });
  });
  server.maxConnections = 512;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: FAKE_HOST, exclusive: true }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fake server has no TCP address");
  origin = `http://${FAKE_HOST}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    baseURL: `${origin}${basePath}`,
    origin,
    port: address.port,
    faults,
    routes: app.router.routes,
    get exchanges() {
      return recorded.slice();
    },
    clearExchanges() {
      recorded = [];
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
