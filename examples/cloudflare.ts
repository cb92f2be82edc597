/**
 * Cloudflare dashboard SSO connectors, against the fake: no account or token needed.
 * Run: `pnpm --filter @sso/examples exec tsx cloudflare.ts`
 */
import { Cloudflare, NotFoundError } from "@sso/cloudflare";
import { startFakeServer } from "@sso/cloudflare/testing";
import { isMain, type Print, printer } from "./print.js";

export async function main(print: Print = printer()): Promise<void> {
  const fake = await startFakeServer();
  try {
    // With the real API: new Cloudflare({ apiToken }) or CLOUDFLARE_API_TOKEN in the environment.
    const cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL });
    const account_id = fake.accountId;

    const created = await cf.iam.sso.create({ account_id, email_domain: "acme.example" });
    print("cf.iam.sso.create({ account_id, email_domain })", created);
    const id = created.id;
    if (!id) throw new Error("the API returned a connector without an id");

    print("cf.iam.sso.list({ account_id }).items", (await cf.iam.sso.list({ account_id })).items);
    print("cf.iam.sso.get(id, { account_id })", await cf.iam.sso.get(id, { account_id }));
    print(
      "cf.iam.sso.beginVerification(id, { account_id })",
      await cf.iam.sso.beginVerification(id, { account_id }),
    );
    print(
      "cf.iam.sso.update(id, { account_id, enabled: true })",
      await cf.iam.sso.update(id, { account_id, enabled: true }),
    );
    print("cf.iam.sso.delete(id, { account_id })", await cf.iam.sso.delete(id, { account_id }));
    try {
      await cf.iam.sso.get(id, { account_id });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      print("cf.iam.sso.get(id) after delete -> NotFoundError", { status: error.status, error: error.error });
    }
  } finally {
    await fake.close();
  }
}

if (isMain(import.meta.url)) await main();
