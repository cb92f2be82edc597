/** `sso-mcp`: flags, provider selection from the environment, then stdio (default) or Streamable HTTP. */
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Logger } from "@sso/core";
import { redactString } from "@sso/core/internal";
import { ConfigurationError, clientsFromEnvironment, PROVIDER_NAMES } from "./clients.js";
import { ENVIRONMENT } from "./environment.js";
import type { ProviderName } from "./generated/index.js";
import { ToolHost } from "./server.js";
import { markdownTable, textTable } from "./table.js";
import { selectTools } from "./tools.js";
import { VERSION } from "./version.js";

export const DEFAULT_PORT = 3929;

/** What each provider needs set, one line each. */
const NEEDS = PROVIDER_NAMES.map((p) => `  ${p.padEnd(12)}${ENVIRONMENT[p].needs}`).join("\n");

const USAGE = `Usage: sso-mcp [--read-only] [--providers ${PROVIDER_NAMES.join(",")}] [--http [--port N]] [--list-tools]

An MCP server with one tool per SDK method of @sso/cloudflare, @sso/logto and @sso/keycard. It serves the
providers whose credentials are set, read from each client's own environment variables:

${NEEDS}

  --read-only          serve only the read tools; any other call is refused
  --providers A,B      serve only these providers (each must have its credentials set)
  --http               Streamable HTTP on 127.0.0.1 instead of stdio
  --port N             the HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --list-tools         print the tool table (with --markdown, as Markdown) and exit
  --version, --help`;

/** Where the CLI writes: stdout is the stdio transport's, so everything else goes to stderr. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the CLI; resolves with the exit code once the server stops (stdin closed, SIGINT or SIGTERM). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  let wanted: ProviderName[] | undefined;
  let port: number;
  try {
    args = parse(argv);
    wanted = providersOf(args.values.providers);
    port = portOf(args.values.port);
  } catch (error) {
    io.err(`sso-mcp: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help || args.values.version) {
    io.out(args.values.help ? USAGE : VERSION);
    return 0;
  }
  if (args.values["list-tools"]) {
    const tools = selectTools({
      ...(wanted ? { providers: wanted } : {}),
      readOnly: args.values["read-only"],
    });
    io.out(args.values.markdown ? markdownTable(tools) : textTable(tools));
    return 0;
  }

  const logger = stderrLogger(io);
  let selection: ReturnType<typeof clientsFromEnvironment>;
  try {
    selection = clientsFromEnvironment({ ...(wanted ? { wanted } : {}), logger });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    io.err(`sso-mcp: ${error.message}`);
    return 1;
  }
  const served = PROVIDER_NAMES.filter((p) => selection.clients[p]);
  if (served.length === 0) {
    io.err(`sso-mcp: no provider has credentials set; set one of:\n${NEEDS}`);
    return 1;
  }
  const host = new ToolHost({
    clients: selection.clients,
    readOnly: args.values["read-only"] ?? false,
    secrets: selection.secrets,
    log: (line) => io.err(line),
  });
  const what = `${host.tools.length} tools of ${served.join(", ")}${args.values["read-only"] ? " (read-only)" : ""}`;
  const stopped = stopSignal();
  if (args.values.http) {
    // Loaded only here: stdio sessions never load the HTTP stack.
    const { serveHttp } = await import("./http.js");
    const endpoint = await serveHttp(host, port);
    io.err(`sso-mcp ${VERSION}: ${what} on ${endpoint.url}`);
    await stopped;
    await endpoint.close();
    return 0;
  }
  const server = host.server();
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(transport);
  io.err(`sso-mcp ${VERSION}: ${what} on stdio`);
  // The client ends a stdio session by closing our stdin.
  process.stdin.once("end", () => void server.close());
  await Promise.race([closed, stopped]);
  await server.close();
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      "read-only": { type: "boolean" },
      providers: { type: "string" },
      "list-tools": { type: "boolean" },
      markdown: { type: "boolean" },
      http: { type: "boolean" },
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
    },
  });
}

function providersOf(value: string | undefined): ProviderName[] | undefined {
  if (value === undefined) return undefined;
  const names = [
    ...new Set(
      value
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((p) => !(PROVIDER_NAMES as string[]).includes(p));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(
      `--providers takes a comma-separated list of ${PROVIDER_NAMES.join(", ")}; got "${value}"`,
    );
  }
  return names as ProviderName[];
}

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new Error(`--port takes a number from 0 to 65535; got "${value}"`);
  return port;
}

/** The clients log here (redacted by them), never to stdout. */
function stderrLogger(io: Io): Logger {
  const write = (message: string, ...args: unknown[]) =>
    io.err(
      redactString([message, ...args.map((a) => (typeof a === "string" ? a : JSON.stringify(a)))].join(" ")),
    );
  return { debug: write, info: write, warn: write, error: write };
}

/** Resolves on SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
