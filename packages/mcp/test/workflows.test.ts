/**
 * The workflows as tools, through `sso-mcp` against the fakes: `ensure` on each provider (created, then found
 * and left alone or updated in what differs), and Cloudflare's `waitForVerification` (verified; failed and timed
 * out as error results carrying the connector).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fakes, startFakes } from "./support/fakes.js";
import { type Connected, connect } from "./support/server.js";

let fakes: Fakes;
let server: Connected;
beforeAll(async () => {
  fakes = await startFakes();
  server = await connect(fakes.env);
});
afterAll(async () => {
  await server?.close();
  await fakes?.close();
});

/** The parts of a result these tests read. */
interface Content {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly connector: { readonly id: string };
  readonly verification: { readonly status: string };
  readonly error: { readonly type: string; readonly message: string };
}

async function content(name: string, args: Record<string, unknown>) {
  const result = await server.call(name, args);
  return { isError: result.isError === true, value: result.structuredContent as Content };
}

describe("ensure", () => {
  it("cloudflare: creates once, then finds the connector by domain (any case) and updates only what differs", async () => {
    const account_id = fakes.cloudflare.accountId;
    const first = await content("cloudflare_iam_sso_ensure", { account_id, email_domain: "ensure.example" });
    expect(first).toMatchObject({
      isError: false,
      value: { created: true, connector: { email_domain: "ensure.example" } },
    });
    fakes.cloudflare.clearExchanges();
    const again = await content("cloudflare_iam_sso_ensure", { account_id, email_domain: "ENSURE.example" });
    expect(again.value).toMatchObject({ created: false, connector: { id: first.value.connector.id } });
    expect(fakes.cloudflare.exchanges.map((e) => e.request.method)).toEqual(["GET"]);
    const enabled = await content("cloudflare_iam_sso_ensure", {
      account_id,
      email_domain: "ensure.example",
      enabled: true,
    });
    expect(enabled.value).toMatchObject({ created: false, connector: { enabled: true } });
    expect(fakes.cloudflare.connectors().filter((c) => c.email_domain === "ensure.example")).toHaveLength(1);
  });

  it("logto: creates by connectorName, and refuses to change providerName with the client's error", async () => {
    const args = {
      providerName: "OIDC",
      connectorName: "Ensured",
      config: { clientId: "e", clientSecret: "e-s3cret", issuer: "https://idp.e.example" },
    };
    expect((await content("logto_sso_connectors_ensure", args)).value).toMatchObject({ created: true });
    expect((await content("logto_sso_connectors_ensure", args)).value).toMatchObject({ created: false });
    const other = await content("logto_sso_connectors_ensure", {
      providerName: "SAML",
      connectorName: "Ensured",
    });
    expect(other.isError).toBe(true);
    expect(other.value.error).toMatchObject({ type: "InvalidArgumentError" });
    expect(other.value.error.message).toMatch(/providerName cannot change/);
  });

  it("keycard: enables the organization's connection, then updates what differs", async () => {
    const organization_id = fakes.keycard.organizationId;
    const args = { organization_id, identifier: "https://idp.k.example", client_id: "k" };
    expect((await content("keycard_organizations_sso_connection_ensure", args)).value).toMatchObject({
      created: true,
      connection: { identifier: "https://idp.k.example" },
    });
    expect(
      (await content("keycard_organizations_sso_connection_ensure", { ...args, client_id: "k2" })).value,
    ).toMatchObject({ created: false, connection: { client_id: "k2" } });
  });
});

describe("waitForVerification", () => {
  const account_id = () => fakes.cloudflare.accountId;
  async function pendingConnector(domain: string): Promise<string> {
    const { value } = await content("cloudflare_iam_sso_create", {
      account_id: account_id(),
      email_domain: domain,
    });
    expect(value.verification.status).toBe("pending");
    return value.id;
  }

  it("answers the connector once it is verified", async () => {
    const id = await pendingConnector("verified.example");
    fakes.cloudflare.setVerificationStatus(id, "verified");
    const { isError, value } = await content("cloudflare_iam_sso_wait_for_verification", {
      account_id: account_id(),
      sso_connector_id: id,
    });
    expect(isError).toBe(false);
    expect(value).toMatchObject({ id, verification: { status: "verified" } });
  });

  it("answers a VerificationError result with the connector when verification failed", async () => {
    const id = await pendingConnector("failed.example");
    fakes.cloudflare.setVerificationStatus(id, "failed");
    const { isError, value } = await content("cloudflare_iam_sso_wait_for_verification", {
      account_id: account_id(),
      sso_connector_id: id,
    });
    expect(isError).toBe(true);
    expect(value.error).toMatchObject({
      type: "VerificationError",
      connector: { id, verification: { status: "failed" } },
    });
  });

  it("gives up after `timeout`, with the last state read", async () => {
    const id = await pendingConnector("slow.example");
    const { isError, value } = await content("cloudflare_iam_sso_wait_for_verification", {
      account_id: account_id(),
      sso_connector_id: id,
      timeout: 1,
      interval: 1,
    });
    expect(isError).toBe(true);
    expect(value.error.type).toBe("VerificationError");
    expect(value.error.message).toMatch(/not verified within 1 ms \(status pending\)/);
  });

  it("says how long it waits without a timeout", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.find((t) => t.name === "cloudflare_iam_sso_wait_for_verification")?.description).toMatch(
      /Without `timeout`, waits at most 50 s/,
    );
  });
});
