/**
 * `sso-mcp` against the three fakes, driven the way an agent's MCP client drives it: the built server spawned over
 * stdio with the clients' environment variables pointing at the fakes, then `tools/list` and a few `tools/call`s.
 * Run: `pnpm --filter @sso/examples exec tsx mcp.ts` (after a build)
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startFakeServer as startCloudflare } from "@sso/cloudflare/testing";
import { startFakeServer as startKeycard } from "@sso/keycard/testing";
import { startFakeServer as startLogto } from "@sso/logto/testing";
import { isMain, type Print, printer } from "./print.js";

/** The installed `sso-mcp`, as `npx @sso/mcp` would run it. */
function serverBin(): string {
  const manifest = createRequire(import.meta.url).resolve("@sso/mcp/package.json");
  const { bin } = createRequire(import.meta.url)(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bin["sso-mcp"] ?? "dist/bin.js");
}

export async function main(print: Print = printer()): Promise<void> {
  const [cloudflare, logto, keycard] = await Promise.all([startCloudflare(), startLogto(), startKeycard()]);
  // With the real APIs these are the variables of the `mcpServers` block in packages/mcp/README.md.
  const env = {
    CLOUDFLARE_API_TOKEN: cloudflare.apiToken,
    CLOUDFLARE_BASE_URL: cloudflare.baseURL,
    LOGTO_ENDPOINT: logto.baseURL,
    LOGTO_CLIENT_ID: logto.clientId,
    LOGTO_CLIENT_SECRET: logto.clientSecret,
    KEYCARD_API_CLIENT_ID: keycard.clientId,
    KEYCARD_API_CLIENT_SECRET: keycard.clientSecret,
    KEYCARD_API_BASE_URL: keycard.baseURL,
  };
  const client = new Client({ name: "sso-examples", version: "0.0.0" });
  try {
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [serverBin()], env, stderr: "ignore" }),
    );
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      return result.structuredContent;
    };

    const { tools } = await client.listTools();
    print(
      `tools/list: ${tools.length} tools (name, read-only?)`,
      tools.map((t) => `${t.name}${t.annotations?.readOnlyHint ? " (read)" : ""}`),
    );
    const account_id = cloudflare.accountId;
    print(
      "cloudflare_iam_sso_ensure { account_id, email_domain, enabled: true }",
      await call("cloudflare_iam_sso_ensure", { account_id, email_domain: "acme.example", enabled: true }),
    );
    print("cloudflare_iam_sso_list { account_id }", await call("cloudflare_iam_sso_list", { account_id }));
    print(
      "logto_sso_connectors_ensure { providerName, connectorName, config } (the IdP secret comes back masked)",
      await call("logto_sso_connectors_ensure", {
        providerName: "OIDC",
        connectorName: "Acme OIDC",
        config: { clientId: "acme-logto", clientSecret: "s3cr3t-value", issuer: "https://idp.acme.example" },
      }),
    );
    print(
      "keycard_organizations_sso_connection_ensure { organization_id, identifier, client_id }",
      await call("keycard_organizations_sso_connection_ensure", {
        organization_id: keycard.organizationId,
        identifier: "https://idp.acme.example",
        client_id: "keycard-acme",
      }),
    );
    print(
      "cloudflare_iam_sso_get of an unknown id -> NotFoundError (an error result)",
      await call("cloudflare_iam_sso_get", { account_id, sso_connector_id: "0".repeat(32) }),
    );
  } finally {
    await client.close();
    await Promise.all([cloudflare.close(), logto.close(), keycard.close()]);
  }
}

if (isMain(import.meta.url)) await main();
