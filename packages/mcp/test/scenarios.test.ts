/**
 * What an agent does through `sso-mcp` (the built bin over stdio, the SDK's own client) against the three fakes:
 * create, list, get, update and delete on each provider; a typed error as an error result with the API's code;
 * and no credential (API token, client secret, access token) or secret field in any result or log line, with
 * the clients logging at debug level.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fakes, startFakes } from "./support/fakes.js";
import { type Connected, connect } from "./support/server.js";

let fakes: Fakes;
let server: Connected;
/** Every result the server sent, for the secrets check at the end. */
const results: CallToolResult[] = [];
const IDP_SECRET = "idp-client-s3cret-value";

beforeAll(async () => {
  fakes = await startFakes();
  server = await connect({
    ...fakes.env,
    CLOUDFLARE_LOG: "debug",
    LOGTO_LOG: "debug",
    KEYCARD_API_LOG: "debug",
  });
});
afterAll(async () => {
  await server?.close();
  await fakes?.close();
});

/** Calls a tool and expects a success; returns its structured content. */
async function ok(name: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const result = await server.call(name, args);
  results.push(result);
  expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
  expect(result.content).toEqual([{ type: "text", text: JSON.stringify(result.structuredContent) }]);
  return result.structuredContent as Record<string, unknown>;
}

/** Calls a tool and expects an error result; returns its `error`. */
async function failure(name: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const result = await server.call(name, args);
  results.push(result);
  expect(result.isError, name).toBe(true);
  return (result.structuredContent as { error: Record<string, unknown> }).error;
}

const ids = (list: Record<string, unknown>) => (list.items as Array<{ id: string }>).map((c) => c.id);

describe("through the tools", () => {
  it("cloudflare: create, list, get, update, delete, then NotFoundError with code 1004", async () => {
    const account_id = fakes.cloudflare.accountId;
    const created = await ok("cloudflare_iam_sso_create", { account_id, email_domain: "acme.example" });
    const id = created.id as string;
    expect(created).toMatchObject({ email_domain: "acme.example", enabled: false });
    expect(ids(await ok("cloudflare_iam_sso_list", { account_id }))).toContain(id);
    expect(await ok("cloudflare_iam_sso_get", { account_id, sso_connector_id: id })).toMatchObject({ id });
    expect(
      await ok("cloudflare_iam_sso_update", { account_id, sso_connector_id: id, enabled: true }),
    ).toMatchObject({ id, enabled: true });
    expect(await ok("cloudflare_iam_sso_delete", { account_id, sso_connector_id: id })).toEqual({ id });
    expect(fakes.cloudflare.connectors()).toEqual([]);
    const error = await failure("cloudflare_iam_sso_get", { account_id, sso_connector_id: id });
    expect(error).toMatchObject({ type: "NotFoundError", status: 404, code: 1004 });
    expect(error.message).toMatch(
      /^GET \/accounts\/\{account_id\}\/sso_connectors\/\{sso_connector_id\} -> 404 1004: /,
    );
  });

  it("logto: create, list (walking pages), get, update, delete, then NotFoundError", async () => {
    const created = await ok("logto_sso_connectors_create", {
      providerName: "OIDC",
      connectorName: "Acme OIDC",
      config: { clientId: "acme", clientSecret: IDP_SECRET, issuer: "https://idp.acme.example" },
    });
    const id = created.id as string;
    // A secret field the API sends back never reaches the agent.
    expect(created.config).toEqual({
      clientId: "acme",
      clientSecret: "[REDACTED]",
      issuer: "https://idp.acme.example",
    });
    for (let i = 0; i < 4; i++)
      await ok("logto_sso_connectors_create", { providerName: "SAML", connectorName: `S${i}` });
    fakes.logto.clearExchanges();
    const list = await ok("logto_sso_connectors_list", { page_size: 2 });
    expect(ids(list)).toHaveLength(5);
    expect(ids(list)).toContain(id);
    expect(list.truncated).toBeUndefined();
    const pages = fakes.logto.exchanges.filter((e) => e.request.path === "/api/sso-connectors");
    expect(pages.map((e) => e.request.query.page?.[0] ?? "1")).toEqual(["1", "2", "3"]);
    expect(await ok("logto_sso_connectors_get", { id })).toMatchObject({ id, connectorName: "Acme OIDC" });
    expect(await ok("logto_sso_connectors_update", { id, connectorName: "Acme" })).toMatchObject({
      id,
      connectorName: "Acme",
    });
    expect(await ok("logto_sso_connectors_delete", { id })).toEqual({});
    const error = await failure("logto_sso_connectors_get", { id });
    expect(error).toMatchObject({ type: "NotFoundError", status: 404, code: "entity.not_exists_with_id" });
  });

  it("keycard: enable, retrieve, update, disable, then NotFoundError", async () => {
    const organization_id = fakes.keycard.organizationId;
    const enabled = await ok("keycard_organizations_sso_connection_enable", {
      organization_id,
      identifier: "https://idp.acme.example",
      client_id: "keycard-acme",
      client_secret: IDP_SECRET,
    });
    expect(enabled).toMatchObject({ identifier: "https://idp.acme.example", client_secret_set: true });
    expect(await ok("keycard_organizations_sso_connection_retrieve", { organization_id })).toMatchObject({
      id: enabled.id,
      client_id: "keycard-acme",
    });
    expect(
      await ok("keycard_organizations_sso_connection_update", {
        organization_id,
        client_id: "keycard-acme-2",
      }),
    ).toMatchObject({ client_id: "keycard-acme-2" });
    expect(await ok("keycard_organizations_sso_connection_disable", { organization_id })).toEqual({});
    const error = await failure("keycard_organizations_sso_connection_retrieve", { organization_id });
    expect(error).toMatchObject({ type: "NotFoundError", status: 404, code: "not_found" });
  });

  it("answers a conflict with the API's code and message", async () => {
    const account_id = fakes.cloudflare.accountId;
    await ok("cloudflare_iam_sso_create", { account_id, email_domain: "twice.example" });
    const error = await failure("cloudflare_iam_sso_create", { account_id, email_domain: "TWICE.example" });
    expect(error).toMatchObject({ type: "ConflictError", status: 409, code: 1002 });
    expect(typeof error.apiMessage).toBe("string");
  });

  it("refuses arguments that break the input schema before any request", async () => {
    fakes.cloudflare.clearExchanges();
    const error = await failure("cloudflare_iam_sso_create", {
      account_id: fakes.cloudflare.accountId,
      email_domain: 42,
      enabeld: true,
    });
    expect(error.type).toBe("InvalidArgumentError");
    expect(error.message).toMatch(/email_domain must be string/);
    expect(error.message).toMatch(/must NOT have additional properties/);
    expect(fakes.cloudflare.exchanges).toEqual([]);
  });

  it("refuses a masked value sent back, so it never overwrites the real secret", async () => {
    const { id } = await ok("logto_sso_connectors_create", {
      providerName: "OIDC",
      connectorName: "Echo",
      config: { clientId: "echo", clientSecret: IDP_SECRET, issuer: "https://idp.echo.example" },
    });
    const error = await failure("logto_sso_connectors_update", {
      id,
      config: { clientId: "echo", clientSecret: "[REDACTED]", issuer: "https://idp.echo.example" },
    });
    expect(error.type).toBe("InvalidArgumentError");
    expect(error.message).toContain("arguments.config.clientSecret");
  });

  it("answers an unknown tool with a protocol error", async () => {
    await expect(server.call("cloudflare_iam_sso_nope")).rejects.toThrow(
      /Unknown tool: cloudflare_iam_sso_nope/,
    );
  });

  it("never shows a credential or a secret field, in any result or log line", () => {
    const log = server.stderr();
    expect(log).toMatch(/\[sso\]/); // the clients did log, at debug level
    const everything = `${JSON.stringify(results)}\n${log}`;
    for (const secret of [...fakes.secrets, IDP_SECRET]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/Bearer (?!\[REDACTED\])/);
    expect(everything).not.toMatch(/"(access_token|client_secret|clientSecret)":"(?!\[REDACTED\])/);
  });
});
