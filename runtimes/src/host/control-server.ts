import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Provider } from "../scenario/types.js";

/** The part of a running fake the control server drives (each provider's fake has all of it). */
export interface ControllableFake {
  readonly faults: {
    failNext(count: number, options: { status: number; retryAfterMs: number; match: Match }): unknown;
    dropNext(options: { when: "after"; match: Match }): unknown;
  };
  readonly exchanges: ReadonlyArray<{ request: { method: string; path: string } }>;
  expireTokens?(): void;
}

interface Match {
  method: string;
  path: string;
}

/**
 * A loopback HTTP server that turns `POST /<provider>/<command>` into calls on the fakes running in this
 * process, so scenarios in a Worker or a page (which cannot import the fakes) can drive them. It answers CORS
 * itself: it is the harness's own server, not one of the fakes under test.
 */
export async function startControlServer(
  fakes: Record<Provider, ControllableFake>,
  onShutdown: () => void,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    handle(fakes, req, res, onShutdown).catch((error: unknown) => reply(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("control server has no TCP address");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  fakes: Record<Provider, ControllableFake>,
  req: IncomingMessage,
  res: ServerResponse,
  onShutdown: () => void,
): Promise<void> {
  if (req.method === "OPTIONS") return reply(res, 204, undefined);
  let text = "";
  for await (const chunk of req as AsyncIterable<Buffer>) text += chunk.toString("utf8");
  const [, provider, command] = (req.url ?? "").split("/");
  if (provider === "shutdown") {
    reply(res, 200, {});
    onShutdown();
    return;
  }
  const fake = fakes[provider as Provider] as ControllableFake | undefined;
  if (req.method !== "POST" || !fake) return reply(res, 404, { error: `no such control ${req.url}` });
  const body = (text ? JSON.parse(text) : {}) as { count?: number; status?: number; match?: Match };
  const match = body.match ?? { method: "GET", path: "/" };
  switch (command) {
    case "fail-next":
      fake.faults.failNext(body.count ?? 1, { status: body.status ?? 503, retryAfterMs: 0, match });
      return reply(res, 200, {});
    case "drop-next-after":
      fake.faults.dropNext({ when: "after", match });
      return reply(res, 200, {});
    case "expire-tokens":
      if (!fake.expireTokens) return reply(res, 400, { error: `${provider} issues no tokens` });
      fake.expireTokens();
      return reply(res, 200, {});
    case "count": {
      const count = fake.exchanges.filter(
        (e) => e.request.method === match.method && e.request.path === match.path,
      ).length;
      return reply(res, 200, { count });
    }
    default:
      return reply(res, 404, { error: `no such control command ${command}` });
  }
}

function reply(res: ServerResponse, status: number, body: object | undefined): void {
  res.writeHead(status, {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "content-type",
    ...(body === undefined ? {} : { "content-type": "application/json" }),
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
