import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { FakeEndpoints } from "../scenario/types.js";

/**
 * True when every fake answers a CORS preflight for what the clients send (a POST with `authorization` and
 * `content-type`): then the page talks to the fakes directly and the shim below is not used.
 */
export async function fakesAnswerCors(endpoints: FakeEndpoints): Promise<boolean> {
  for (const baseURL of [endpoints.cloudflare.baseURL, endpoints.logto.baseURL, endpoints.keycard.baseURL]) {
    const response = await fetch(`${baseURL}/`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:9",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    await response.arrayBuffer();
    if (!response.headers.get("access-control-allow-origin")) return false;
  }
  return true;
}

/**
 * A minimal CORS proxy in front of each fake, for the Chromium row while the fakes do not answer CORS
 * themselves: preflights get a 204 that allows the requested method and headers, every other request is
 * forwarded unchanged on a fresh connection and its response gets `Access-Control-Allow-Origin: *` and
 * `Access-Control-Expose-Headers: *` (the clients send no cookies, so the wildcards apply). A connection the
 * fake drops is dropped towards the browser too, so the duplicate-POST check sees what the browser does.
 */
export async function withCorsShim(
  endpoints: FakeEndpoints,
): Promise<{ endpoints: FakeEndpoints; close(): Promise<void> }> {
  const servers: Server[] = [];
  const front = async (baseURL: string): Promise<string> => {
    const upstream = new URL(baseURL);
    const server = createServer((req, res) => {
      if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
        res.writeHead(204, {
          "access-control-allow-origin": "*",
          "access-control-allow-methods": String(req.headers["access-control-request-method"]),
          "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? ""),
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
      forward(req, upstream, (status, headers, body) => {
        res.writeHead(status, {
          ...headers,
          "access-control-allow-origin": "*",
          "access-control-expose-headers": "*",
        });
        body.pipe(res);
      });
    });
    await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1" }, resolve));
    servers.push(server);
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("CORS shim has no address");
    return `http://127.0.0.1:${address.port}${upstream.pathname.replace(/\/$/, "")}`;
  };
  const shimmed: FakeEndpoints = {
    control: endpoints.control,
    cloudflare: { ...endpoints.cloudflare, baseURL: await front(endpoints.cloudflare.baseURL) },
    logto: { ...endpoints.logto, baseURL: await front(endpoints.logto.baseURL) },
    keycard: { ...endpoints.keycard, baseURL: await front(endpoints.keycard.baseURL) },
  };
  return {
    endpoints: shimmed,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/** Sends the request on to the fake; a connection the fake drops ends the browser's connection unanswered. */
function forward(
  req: IncomingMessage,
  upstream: URL,
  respond: (status: number, headers: IncomingMessage["headers"], body: IncomingMessage) => void,
): void {
  const out = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
      agent: false,
    },
    (answer) => respond(answer.statusCode ?? 502, answer.headers, answer),
  );
  out.on("error", () => req.socket.destroy());
  req.pipe(out);
}
