/**
 * The fake-server kit: a `node:http` server on 127.0.0.1 that reads each request (bounded in size and JSON
 * depth), answers CORS preflights, applies the queued faults, authorizes and routes it, commits the state change
 * only once the reply is ready, records the exchange, tells `onExchange`, and answers. Connections are never
 * refused: thousands of concurrent clients are queued by the OS backlog and served in turn. `close()` destroys
 * every socket and resolves once the server has fully closed.
 */
import { createServer } from "node:http";
import type { Socket } from "node:net";
import type { FaultKind } from "./faults.js";
import { Faults } from "./faults.js";
import { DEFAULT_MAX_BODY_DEPTH, type FakeReply, type FakeRequest } from "./http.js";
import { type PipelineContext, serve } from "./pipeline.js";
import { ExchangeRecorder } from "./recorder.js";
import type { Router } from "./router.js";

/** The host every fake listens on. Fakes never listen on a public interface. */
export const FAKE_HOST = "127.0.0.1";

/** Connections the OS may queue before the fake accepts them (capped by the system's `somaxconn`). */
const LISTEN_BACKLOG = 4096;

/**
 * A route handler. It validates, then returns its reply with the state change as `commit` (or throws a
 * `FakeError`). Handlers run one at a time, from the first line to the commit, so checks never go stale.
 */
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
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413 and change nothing. */
  maxBodyBytes?: number;
  /** Deepest accepted JSON nesting of a request body (default 64); deeper bodies get the provider's 400. */
  maxBodyDepth?: number;
  /**
   * CORS, on by default: preflights are answered and every response carries `Access-Control-Allow-Origin` and
   * `Access-Control-Expose-Headers`, so tests in a browser can call the fake. `false` turns it off.
   */
  cors?: boolean;
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
  /** Set when a route handler threw (a bug in the fake) or its reply could not be sent; the client got a 500. */
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
  /**
   * Checks the credentials of a request to a known route before its handler runs; throws a `FakeError` with
   * the provider's 401/403 to refuse it. Routes listed in `publicRoutes` skip it.
   */
  authorize?(request: FakeRequest): void;
  /** Routes that need no credentials, as `METHOD /template` (e.g. `POST /oidc/token`). */
  publicRoutes?: readonly string[];
  /** Response headers to expose to browser scripts besides the kit's own list. */
  exposeHeaders?: readonly string[];
}

/** A running fake as the kit sees it; providers extend `FakeServerHandle` for their own handle. */
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

function normaliseBasePath(basePath: string | undefined): string {
  if (!basePath || basePath === "/") return "";
  return `/${basePath.replace(/^\/+|\/+$/g, "")}`;
}

function pipelineContext(app: FakeApp, options: FakeServerOptions, closing: AbortSignal): PipelineContext {
  const faults = new Faults();
  if (options.latencyMs) faults.latency(options.latencyMs);
  const recordLimit = Math.min(Math.max(options.recordLimit ?? 500, 0), 10_000);
  return {
    app,
    basePath: normaliseBasePath(app.basePath),
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxBodyDepth: options.maxBodyDepth ?? DEFAULT_MAX_BODY_DEPTH,
    cors: options.cors ?? true,
    publicRoutes: new Set(app.publicRoutes ?? []),
    faults,
    recorder: new ExchangeRecorder(app.name, recordLimit, options.onExchange),
    closing,
    origin: "",
    exclusive: serialQueue(),
  };
}

/** Runs tasks one at a time, in arrival order, whether they are sync or async. */
function serialQueue(): <T>(task: () => T | Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}

/** Starts a fake on 127.0.0.1. Providers call this from their own `startFakeServer`. */
export async function startFakeHttpServer(
  app: FakeApp,
  options: FakeServerOptions = {},
): Promise<FakeHttpServer> {
  const closing = new AbortController();
  const ctx = pipelineContext(app, options, closing.signal);
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 60_000 }, (req, res) => {
    serve(ctx, req, res).catch((error: unknown) => {
      console.error(`[fake ${app.name}] request failed:`, error);
      req.socket.destroy();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(
      { port: options.port ?? 0, host: FAKE_HOST, exclusive: true, backlog: LISTEN_BACKLOG },
      () => {
        server.off("error", reject);
        resolve();
      },
    );
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fake server has no TCP address");
  ctx.origin = `http://${FAKE_HOST}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    baseURL: `${ctx.origin}${ctx.basePath}`,
    origin: ctx.origin,
    port: address.port,
    faults: ctx.faults,
    routes: app.router.routes,
    get exchanges() {
      return ctx.recorder.exchanges;
    },
    clearExchanges() {
      ctx.recorder.clear();
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

/**
 * The base of every provider's handle: the kit's fields as own properties (so `Object.entries(fake)` lists
 * `baseURL` and the credentials a subclass adds), the recorder and `close()` delegated to the running server.
 */
export class FakeServerHandle implements FakeHttpServer {
  readonly baseURL: string;
  readonly origin: string;
  readonly port: number;
  readonly faults: Faults;
  readonly routes: ReadonlyArray<{ method: string; template: string }>;
  readonly #server: FakeHttpServer;

  constructor(server: FakeHttpServer, baseURL: string = server.baseURL) {
    this.#server = server;
    this.baseURL = baseURL;
    this.origin = server.origin;
    this.port = server.port;
    this.faults = server.faults;
    this.routes = server.routes;
  }

  get exchanges(): readonly Exchange[] {
    return this.#server.exchanges;
  }

  /** Arrow fields, not prototype methods, so `afterAll(fake.close)` and `const { close } = fake` work unbound. */
  readonly clearExchanges = (): void => this.#server.clearExchanges();

  readonly close = (): Promise<void> => this.#server.close();
}
