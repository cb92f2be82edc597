/**
 * Streamable HTTP on 127.0.0.1, stateless: every POST to `/mcp` gets a fresh MCP `Server` and transport over the
 * shared clients. Loopback only, with DNS-rebinding protection (Host must be this address), since any web page
 * could otherwise reach a local port through the user's browser.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ToolHost } from "./server.js";

const HTTP_HOST = "127.0.0.1";
const HTTP_PATH = "/mcp";

export interface HttpEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0: any free port) until closed. */
export async function serveHttp(host: ToolHost, port: number): Promise<HttpEndpoint> {
  let allowedHosts: string[] = [];
  const http: HttpServer = createHttpServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== HTTP_PATH) {
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end(`Not found: the MCP endpoint is ${HTTP_PATH}\n`);
      return;
    }
    if (req.method !== "POST") {
      // Stateless: no session to stream to or to delete.
      res.writeHead(405, { allow: "POST", "content-type": "application/json" }).end(
        JSON.stringify({
          jsonrpc: "2.0",
          error: { code: -32000, message: "Method not allowed." },
          id: null,
        }),
      );
      return;
    }
    const server = host.server();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts,
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(`sso-mcp: ${(error as Error).message}\n`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, HTTP_HOST, () => resolve());
  });
  const bound = (http.address() as AddressInfo).port;
  allowedHosts = [`${HTTP_HOST}:${bound}`, `localhost:${bound}`];
  return {
    url: `http://${HTTP_HOST}:${bound}${HTTP_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
