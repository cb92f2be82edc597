/**
 * The MCP server: `tools/list` from the generated tools of the providers it has clients for, `tools/call` through
 * those clients. One `Server` per transport; the clients (and their token caches) are shared.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { redactString } from "@sso/core/internal";
import { callSdk } from "./call.js";
import type { Clients } from "./clients.js";
import type { ProviderName } from "./generated/index.js";
import { errorResult, refusal, successResult, toolError } from "./results.js";
import { type ServedTool, selectTools } from "./tools.js";
import { ArgumentValidator } from "./validate.js";
import { VERSION } from "./version.js";

/** What a server serves, and how it masks and logs. */
export interface ServerOptions {
  /** The client of each provider to serve; its tools are served, the others' are not. */
  readonly clients: Clients;
  /** Serve only the read tools; a call of any other is refused. */
  readonly readOnly?: boolean;
  /** Values masked in every result and log line besides what the clients mask: the credentials. */
  readonly secrets?: readonly string[];
  /** Where the one line per call goes (never stdout, which may be the transport). Default: none. */
  readonly log?: (line: string) => void;
}

/** What one server serves, shared by every transport the CLI opens. */
export class ToolHost {
  readonly tools: readonly ServedTool[];
  readonly #byName: ReadonlyMap<string, ServedTool>;
  readonly #options: ServerOptions;
  readonly #validator = new ArgumentValidator();

  constructor(options: ServerOptions) {
    this.#options = options;
    const served = (Object.keys(options.clients) as ProviderName[]).filter((p) => options.clients[p]);
    this.#byName = new Map(selectTools({ providers: served }).map((tool) => [tool.name, tool]));
    this.tools = [...this.#byName.values()].filter((t) => !options.readOnly || t.annotations.readOnlyHint);
  }

  /** The `tools/list` entries. */
  list(): Tool[] {
    return this.tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema as Tool["inputSchema"],
      annotations: { title: tool.title, ...tool.annotations },
    }));
  }

  /** One `tools/call`: checked, called through the provider's client, and answered as a result or an error result. */
  async call(
    name: string,
    args: Record<string, unknown> = {},
    signal?: AbortSignal,
  ): Promise<CallToolResult> {
    const tool = this.#byName.get(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const secrets = this.#options.secrets ?? [];
    const started = performance.now();
    const log = (outcome: string) =>
      this.#options.log?.(
        redactString(`sso-mcp: ${name} ${outcome} (${Math.round(performance.now() - started)} ms)`, secrets),
      );
    if (this.#options.readOnly && !tool.annotations.readOnlyHint) {
      log("refused: read-only");
      return refusal(
        "ReadOnlyError",
        `${name} changes data, and this server runs with --read-only: no request was sent`,
      );
    }
    const problems = this.#validator.problems(tool, args);
    if (problems) {
      log("refused: invalid arguments");
      return refusal(
        "InvalidArgumentError",
        `${name}: the arguments do not match the input schema (${problems}); no request was sent`,
      );
    }
    try {
      const outcome = await callSdk(
        tool,
        this.#options.clients[tool.provider],
        args,
        signal ? { signal } : {},
      );
      log("ok");
      return successResult(outcome, secrets);
    } catch (error) {
      const { type, status } = toolError(error);
      log(`${type}${status !== undefined ? ` ${status}` : ""}`);
      return errorResult(error, secrets);
    }
  }

  /** A new MCP `Server` answering from this host: one per transport (stdio once, HTTP once per request). */
  server(): Server {
    const server = new Server(
      { name: "sso-mcp", title: "SSO (@sso/mcp)", version: VERSION },
      { capabilities: { tools: { listChanged: false } }, instructions: this.#instructions() },
    );
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: this.list() }));
    server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
      this.call(request.params.name, request.params.arguments, extra.signal),
    );
    return server;
  }

  #instructions(): string {
    const providers = [...new Set(this.tools.map((t) => t.provider))];
    return [
      `SSO management for ${providers.join(", ") || "no provider"}: one tool per SDK method, named <provider>_<resource>_<method>.`,
      "Read tools are marked readOnlyHint; deletes and disables destructiveHint. Lists return { items }.",
      "Errors are error results with the API's status, code and message. Secrets in results are masked as [REDACTED]; never send that value back.",
      ...(this.#options.readOnly ? ["This server runs read-only: only read tools are served."] : []),
    ].join("\n");
  }
}

/** An MCP server for the given clients, ready to `connect()` to a transport. */
export function createServer(options: ServerOptions): Server {
  return new ToolHost(options).server();
}
