import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./proc.ts";

/** The command the MCP server package installs. */
export const MCP_BIN = "sso-mcp";

/**
 * A program the consumer runs once `@sso/mcp` is installed from the registry: `sso-mcp --list-tools`, then a
 * stdio session through the MCP SDK's own client against the installed Cloudflare fake (tools/list, a create, a
 * list, a typed error as an error result), the way an MCP client configured from the README would start it.
 */
const CHECK = `import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startFakeServer } from "@sso/cloudflare/testing";

const bin = realpathSync("node_modules/.bin/${MCP_BIN}");
const check = (ok, what) => {
  if (!ok) throw new Error("sso-mcp: " + what);
};
const table = spawnSync(process.execPath, [bin, "--list-tools"], { encoding: "utf8" });
check(table.status === 0, "--list-tools exited " + table.status + ": " + table.stderr);
check(/^cloudflare_iam_sso_create +cloudflare +write/m.test(table.stdout), "--list-tools lacks cloudflare_iam_sso_create");
const fake = await startFakeServer();
const client = new Client({ name: "release-e2e", version: "0.0.0" });
try {
  const env = { CLOUDFLARE_API_TOKEN: fake.apiToken, CLOUDFLARE_BASE_URL: fake.baseURL };
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin], env, stderr: "ignore" }));
  const { tools } = await client.listTools();
  check(tools.some((t) => t.name === "cloudflare_iam_sso_list" && t.annotations?.readOnlyHint), "no read-only list tool");
  const account_id = fake.accountId;
  const created = await client.callTool({ name: "cloudflare_iam_sso_create", arguments: { account_id, email_domain: "mcp.example" } });
  check(!created.isError && created.structuredContent?.email_domain === "mcp.example", "create: " + JSON.stringify(created));
  const listed = await client.callTool({ name: "cloudflare_iam_sso_list", arguments: { account_id } });
  check(listed.structuredContent?.items?.length === 1, "list: " + JSON.stringify(listed));
  const missing = await client.callTool({ name: "cloudflare_iam_sso_get", arguments: { account_id, sso_connector_id: "0".repeat(32) } });
  check(missing.isError && missing.structuredContent?.error?.type === "NotFoundError", "get: " + JSON.stringify(missing));
  console.log("sso-mcp: " + tools.length + " tools; created, listed and got NotFoundError through the installed server");
} finally {
  await client.close();
  await fake.close();
}
`;

function writeMcpCheck(dir: string): string {
  const file = join(dir, "mcp-check.mjs");
  writeFileSync(file, CHECK);
  return file;
}

export async function runMcpCheck(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  return run(process.execPath, [writeMcpCheck(dir)], { cwd: dir, env, timeoutMs: 60_000 });
}
