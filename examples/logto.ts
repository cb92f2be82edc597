/**
 * Logto enterprise SSO connectors, against the fake: client credentials are exchanged for a token at the fake's
 * /oidc/token, exactly as with a real Logto. Run: `pnpm --filter @sso/examples exec tsx logto.ts`
 */
import { Logto, NotFoundError } from "@sso/logto";
import { startFakeServer } from "@sso/logto/testing";
import { isMain, type Print, printer } from "./print.js";

export async function main(print: Print = printer()): Promise<void> {
  const fake = await startFakeServer();
  try {
    // With a real Logto: new Logto({ endpoint, clientId, clientSecret }) or { tenantId, ... } for Logto Cloud.
    const logto = new Logto({
      endpoint: fake.baseURL,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    });

    const providers = await logto.ssoConnectorProviders.list();
    print(
      "logto.ssoConnectorProviders.list() (name and type)",
      providers.items.map((p) => `${p.providerName} (${p.providerType})`),
    );

    const created = await logto.ssoConnectors.create({
      providerName: "OIDC",
      connectorName: "Acme OIDC",
      config: { clientId: "acme-logto", clientSecret: "s3cr3t-value", issuer: "https://idp.acme.example" },
      domains: ["Acme.Example"],
    });
    print("logto.ssoConnectors.create({ providerName, connectorName, config, domains })", created);

    const page = await logto.ssoConnectors.list({ page: 1, page_size: 20 });
    print(
      "logto.ssoConnectors.list({ page: 1, page_size: 20 }) (ids)",
      page.items.map((c) => c.id),
    );
    const got = await logto.ssoConnectors.get(created.id);
    print("logto.ssoConnectors.get(id) (provider fields)", {
      name: got.name,
      providerType: got.providerType,
      providerConfig: got.providerConfig,
    });
    print(
      "logto.ssoConnectors.update(id, { connectorName, syncProfile })",
      await logto.ssoConnectors.update(created.id, { connectorName: "Acme OIDC (prod)", syncProfile: true }),
    );

    const saml = await logto.ssoConnectors.create({ providerName: "SAML", connectorName: "Acme SAML" });
    const key = await logto.ssoConnectors.signingKeys.create(saml.id, { active: true });
    print("logto.ssoConnectors.signingKeys.create(samlId, { active: true }) (without the certificate)", {
      id: key.id,
      active: key.active,
      expiresAt: new Date(key.expiresAt).toISOString(),
      sha256: key.fingerprints.sha256.formatted,
    });
    print(
      "logto.ssoConnectors.signingKeys.list(samlId) (ids)",
      (await logto.ssoConnectors.signingKeys.list(saml.id)).items.map((k) => k.id),
    );

    const org = fake.organizationId;
    await logto.organizations.jitSsoConnectors.add(org, { ssoConnectorIds: [created.id] });
    print(
      "logto.organizations.jitSsoConnectors.list(orgId) after add (connector names)",
      (await logto.organizations.jitSsoConnectors.list(org)).items.map((c) => c.connectorName),
    );
    await logto.organizations.jitSsoConnectors.delete(created.id, { id: org });

    print("logto.ssoConnectors.delete(id)", await logto.ssoConnectors.delete(created.id));
    try {
      await logto.ssoConnectors.get(created.id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      print("logto.ssoConnectors.get(id) after delete -> NotFoundError", {
        status: error.status,
        error: error.error,
      });
    }
  } finally {
    await fake.close();
  }
}

if (isMain(import.meta.url)) await main();
