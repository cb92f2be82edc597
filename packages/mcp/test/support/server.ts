/** `sso-mcp` as a client meets it: the built bin spawned over stdio, driven by the SDK's own MCP client. */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export const BIN = join(import.meta.dirname, "..", "..", "dist", "bin.js");

export interface Connected {
  readonly client: Client;
  /** Everything the server wrote to stderr so far: its log. */
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Spawns `node dist/bin.js ...flags` with only `env` (and the SDK's safe defaults, PATH and HOME) and connects. */
export async function connect(
  env: Record<string, string>,
  flags: readonly string[] = [],
): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...flags],
    env,
    stderr: "pipe",
  });
  let log = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString("utf8");
  });
  const client = new Client({ name: "sso-mcp-test", version: "0.0.0" });
  await client.connect(transport);
  return {
    client,
    stderr: () => log,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}
