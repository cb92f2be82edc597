/**
 * A Keycard organization's SSO connection, against the fake: client credentials are exchanged for a token at the
 * fake's /service-account-token with HTTP Basic, as with the real API. Run: `pnpm --filter @sso/examples exec tsx keycard.ts`
 */
import { Keycard, NotFoundError } from "@sso/keycard";
import { startFakeServer } from "@sso/keycard/testing";
import { isMain, type Print, printer } from "./print.js";

export async function main(print: Print = printer()): Promise<void> {
  const fake = await startFakeServer();
  try {
    // With the real API: new Keycard({ clientId, clientSecret }) or KEYCARD_API_CLIENT_ID / _SECRET.
    const keycard = new Keycard({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      baseURL: fake.baseURL,
    });
    const org = fake.organizationId;
    const sso = keycard.organizations.ssoConnection;

    print(
      "organizations.ssoConnection.enable(orgId, { identifier, client_id, client_secret })",
      await sso.enable(org, {
        identifier: "https://idp.acme.example",
        client_id: "keycard-acme",
        client_secret: "s3cr3t-value",
      }),
    );
    print(
      "organizations.ssoConnection.retrieve(orgId, { expand: ['permissions'] })",
      await sso.retrieve(org, { expand: ["permissions"] }),
    );
    print(
      "organizations.ssoConnection.update(orgId, { client_secret: null })",
      await sso.update(org, { client_secret: null }),
    );
    print("organizations.ssoConnection.disable(orgId)", await sso.disable(org));
    try {
      await sso.retrieve(org);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      print("organizations.ssoConnection.retrieve(orgId) after disable -> NotFoundError", {
        status: error.status,
        error: error.error,
      });
    }
  } finally {
    await fake.close();
  }
}

if (isMain(import.meta.url)) await main();
