import { Cloudflare, NotFoundError } from "@sso/cloudflare";
import { FakeControl } from "./control.js";
import { observeDuplicatePost } from "./duplicate-post.js";
import { check, Steps } from "./steps.js";
import type { DuplicatePostObservation, FakeEndpoints, ScenarioResult } from "./types.js";

/** Cloudflare: create, `for await` list, get, `NotFoundError`, a retried 503, and the duplicate-POST check. */
export async function cloudflareScenario(endpoints: FakeEndpoints): Promise<ScenarioResult> {
  const fake = endpoints.cloudflare;
  const control = new FakeControl(endpoints.control, "cloudflare");
  const account_id = fake.accountId;
  const cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL, maxRetries: 2 });
  const s = new Steps();
  const collection = `/accounts/${account_id}/sso_connectors`;
  let id = "";
  let duplicatePost: DuplicatePostObservation | undefined;

  await s.run("create", async () => {
    const created = await cf.iam.sso.create({ account_id, email_domain: "acme.example" });
    id = created.id ?? "";
    check(id !== "" && created.email_domain === "acme.example", `create answered ${JSON.stringify(created)}`);
    return `connector ${id}`;
  });
  await s.run("for await list", async () => {
    await cf.iam.sso.create({ account_id, email_domain: "beta.example" });
    const domains: string[] = [];
    for await (const connector of cf.iam.sso.list({ account_id })) domains.push(connector.email_domain ?? "");
    check(
      domains.includes("acme.example") && domains.includes("beta.example"),
      `list gave ${domains.join(", ")}`,
    );
    return `${domains.length} connectors`;
  });
  await s.run("get", async () => {
    const got = await cf.iam.sso.get(id, { account_id });
    check(got.id === id && got.email_domain === "acme.example", `get answered ${JSON.stringify(got)}`);
    return `email_domain ${got.email_domain}`;
  });
  await s.run("typed error", async () => {
    try {
      await cf.iam.sso.get("0".repeat(32), { account_id });
    } catch (error) {
      check(
        error instanceof NotFoundError && error.status === 404,
        `get of a missing connector threw ${error}`,
      );
      return `NotFoundError ${error.status}`;
    }
    throw new Error("get of a missing connector succeeded");
  });
  await s.run("retry", async () => {
    const match = { method: "GET", path: `${collection}/${id}` };
    const before = await control.count(match);
    await control.failNext(1, 503, match);
    const got = await cf.iam.sso.get(id, { account_id });
    const sent = (await control.count(match)) - before;
    check(got.id === id && sent === 2, `get after one 503 sent ${sent} request(s)`);
    return "503, then 200 on the retry";
  });
  await s.run("duplicate POST", async () => {
    duplicatePost = await observeDuplicatePost(
      control,
      { method: "POST", path: collection },
      () => cf.iam.sso.get(id, { account_id }),
      () => cf.iam.sso.create({ account_id, email_domain: "once.example" }, { maxRetries: 0 }),
    );
    const stored: string[] = [];
    for await (const connector of cf.iam.sso.list({ account_id })) {
      if (connector.email_domain === "once.example") stored.push(connector.id ?? "");
    }
    return `fake received the create ${duplicatePost.received}x (${duplicatePost.outcome}), stores ${stored.length}`;
  });
  return s.result("cloudflare", duplicatePost ? { duplicatePost } : {});
}
