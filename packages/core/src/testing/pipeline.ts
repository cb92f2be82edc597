/**
 * One request through a fake: read (bounded), preflight, faults, authorize, route, render, commit, record,
 * answer. Each step is a small function; `serve` strings them together.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isPreflight, preflightHeaders, withCorsHeaders } from "./cors.js";
import { FakeError } from "./errors.js";
import { type FaultOutcome, type Faults, isSynthetic } from "./faults.js";
import { type FakeReply, type FakeRequest, parseBody } from "./http.js";
import type { ExchangeRecorder } from "./recorder.js";
import { flatHeaders, htmlPage, type RenderedReply, renderReply, statusText, truncate } from "./respond.js";
import type { RouteMatch } from "./router.js";
import type { Exchange, FakeApp, FakeHandler, RecordedRequest } from "./server.js";

export interface PipelineContext {
  readonly app: FakeApp;
  readonly basePath: string;
  readonly maxBodyBytes: number;
  readonly maxBodyDepth: number;
  readonly cors: boolean;
  readonly publicRoutes: ReadonlySet<string>;
  readonly faults: Faults;
  readonly recorder: ExchangeRecorder;
  readonly closing: AbortSignal;
  origin: string;
  /** Runs route handling one request at a time, so a handler's checks and its commit see the same state. */
  readonly exclusive: <T>(task: () => T | Promise<T>) => Promise<T>;
}

interface Incoming {
  request: FakeRequest;
  route: RouteMatch<FakeHandler>;
  exchange: Exchange;
  tooLarge: boolean;
  started: number;
}

interface Outcome {
  rendered?: RenderedReply;
  fault?: FaultOutcome;
  handlerError?: string;
}

/** Reads the body up to `max` bytes (the rest is drained, not kept); undefined when the client went away. */
async function readBody(
  req: IncomingMessage,
  max: number,
): Promise<{ raw: string; tooLarge: boolean } | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    }
  } catch {
    return undefined;
  }
  return { raw: Buffer.concat(chunks).toString("utf8"), tooLarge: size > max };
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

function describe(
  ctx: PipelineContext,
  req: IncomingMessage,
  body: { raw: string; tooLarge: boolean },
): Incoming {
  const url = new URL(req.url ?? "/", ctx.origin);
  const { basePath } = ctx;
  const inBase = basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  const path = basePath !== "" && inBase ? url.pathname.slice(basePath.length) || "/" : url.pathname;
  const method = (req.method ?? "GET").toUpperCase();
  const headers = req.headers;
  const parsed = body.tooLarge
    ? { body: undefined, bodyError: "body too large" }
    : parseBody(body.raw, headers["content-type"], ctx.maxBodyDepth);
  const route = inBase ? ctx.app.router.match(method, path) : ({ kind: "not-found" } as const);
  const bodyError = parsed.bodyError !== undefined ? { bodyError: parsed.bodyError } : {};
  const request: FakeRequest = {
    method,
    url,
    path,
    params: route.kind === "found" ? route.params : {},
    ...(route.kind === "found" ? { route: route.template } : {}),
    query: url.searchParams,
    headers,
    rawBody: body.raw,
    body: parsed.body,
    ...bodyError,
    header(name: string) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
  const recorded: RecordedRequest = {
    method,
    path,
    rawUrl: req.url ?? "/",
    query: queryRecord(url.searchParams),
    headers: flatHeaders(headers as Record<string, string | string[]>),
    rawBody: body.raw,
    body: parsed.body,
    ...bodyError,
    ...(body.tooLarge ? { bodyTooLarge: true as const } : {}),
  };
  const exchange: Exchange = {
    seq: 0,
    server: ctx.app.name,
    request: recorded,
    ...(route.kind !== "not-found" ? { route: route.template } : {}),
    dropped: false,
    durationMs: 0,
  };
  return { request, route, exchange, tooLarge: body.tooLarge, started: performance.now() };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** The fake's own answer: authorize, then the route's handler, the provider's 404/405, or a crash as 500. */
async function route(ctx: PipelineContext, { request, route }: Incoming): Promise<FakeReply> {
  const { app } = ctx;
  if (route.kind === "not-found") return app.notFound(request);
  if (route.kind === "method-not-allowed")
    return app.methodNotAllowed ? app.methodNotAllowed(request, route.allow) : app.notFound(request);
  if (app.authorize && !ctx.publicRoutes.has(`${request.method} ${route.template}`)) app.authorize(request);
  return route.handler(request);
}

function failure(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Routes, tampers, decorates and renders the reply, then commits its state change: a failure on the way commits nothing. */
async function act(
  ctx: PipelineContext,
  incoming: Incoming,
  fault: FaultOutcome | undefined,
): Promise<Outcome> {
  const { app } = ctx;
  const { request } = incoming;
  let reply: FakeReply;
  try {
    reply = await route(ctx, incoming);
  } catch (error) {
    if (error instanceof FakeError) reply = error.reply;
    else return crashed(ctx, incoming, fault, `the route handler threw: ${failure(error)}`);
  }
  if (ctx.closing.aborted) return {};
  const commit = reply.commit;
  try {
    if (fault?.kind === "tamper") reply = fault.transform(reply, request);
    const rendered = renderReply(app.decorate ? app.decorate(reply, request) : reply);
    commit?.();
    return {
      rendered: fault?.kind === "truncate" ? truncate(rendered) : rendered,
      ...(fault ? { fault } : {}),
    };
  } catch (error) {
    return crashed(ctx, incoming, fault, `the reply could not be sent or committed: ${failure(error)}`);
  }
}

function crashed(
  ctx: PipelineContext,
  incoming: Incoming,
  fault: FaultOutcome | undefined,
  why: string,
): Outcome {
  const body = ctx.app.errorBody(500, incoming.request);
  return {
    rendered: decorated(ctx, { status: 500, body }, incoming.request),
    handlerError: why,
    ...(fault ? { fault } : {}),
  };
}

function decorated(ctx: PipelineContext, reply: FakeReply, request: FakeRequest): RenderedReply {
  return renderReply(ctx.app.decorate ? ctx.app.decorate(reply, request) : reply);
}

/** A reply the fake did not make: 413 for an oversized body, or a synthetic fault. Undefined: drop the connection. */
function synthetic(
  ctx: PipelineContext,
  incoming: Incoming,
  fault: FaultOutcome | undefined,
): Outcome | undefined {
  const { request } = incoming;
  if (incoming.tooLarge)
    return { rendered: decorated(ctx, { status: 413, body: ctx.app.errorBody(413, request) }, request) };
  if (!fault || !isSynthetic(fault.kind)) return undefined;
  if (fault.kind === "drop-before") return { fault };
  if (fault.kind === "status") {
    const body = fault.body !== undefined ? fault.body : ctx.app.errorBody(fault.status, request);
    return {
      rendered: decorated(ctx, { status: fault.status, headers: fault.headers, body }, request),
      fault,
    };
  }
  if (fault.kind === "html") {
    const headers = { "content-type": "text/html; charset=utf-8" };
    return {
      rendered: decorated(ctx, { status: fault.status, headers, text: htmlPage(fault.status) }, request),
      fault,
    };
  }
  return undefined;
}

/** Records the exchange and writes the response, or destroys the socket for a dropped one. */
function finish(
  ctx: PipelineContext,
  incoming: Incoming,
  outcome: Outcome,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const { exchange } = incoming;
  if (outcome.fault)
    exchange.fault = { kind: outcome.fault.kind, synthetic: isSynthetic(outcome.fault.kind) };
  if (outcome.handlerError) exchange.handlerError = outcome.handlerError;
  exchange.durationMs = performance.now() - incoming.started;
  const rendered = outcome.rendered;
  if (!rendered) {
    exchange.dropped = true;
    ctx.recorder.record(exchange);
    req.socket.destroy();
    return;
  }
  const headers = ctx.cors
    ? withCorsHeaders(req.headers, rendered.headers, ctx.app.exposeHeaders)
    : rendered.headers;
  headers["content-length"] = String(Buffer.byteLength(rendered.text));
  exchange.response = {
    status: rendered.status,
    headers: flatHeaders(headers),
    rawBody: rendered.text,
    body: rendered.body,
  };
  if (outcome.fault?.kind === "drop-after") exchange.dropped = true;
  ctx.recorder.record(exchange);
  if (exchange.dropped) {
    req.socket.destroy();
    return;
  }
  res.writeHead(rendered.status, statusText(rendered.status), headers);
  res.end(rendered.text);
}

/** Answers a CORS preflight directly: not subject to faults, not recorded (it is the browser's, not the client's). */
function preflight(incoming: Incoming, res: ServerResponse): void {
  const { route } = incoming;
  const methods = route.kind === "method-not-allowed" ? route.allow : undefined;
  const headers = preflightHeaders(incoming.request.headers, methods);
  res.writeHead(204, statusText(204), { ...headers, "content-length": "0" });
  res.end();
}

/** Serves one request. */
export async function serve(ctx: PipelineContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.on("error", () => {});
  const body = await readBody(req, ctx.maxBodyBytes);
  if (!body) return;
  const incoming = describe(ctx, req, body);
  if (ctx.cors && isPreflight(incoming.request.method, req.headers)) return preflight(incoming, res);
  incoming.exchange.seq = ctx.recorder.nextSeq();
  const { delayMs, outcome: fault } = ctx.faults.take(incoming.request.method, incoming.request.path);
  await sleep(delayMs, ctx.closing);
  if (ctx.closing.aborted) return void req.socket.destroy();
  const outcome = synthetic(ctx, incoming, fault) ?? (await ctx.exclusive(() => act(ctx, incoming, fault)));
  if (ctx.closing.aborted) return void req.socket.destroy();
  finish(ctx, incoming, outcome, req, res);
}
