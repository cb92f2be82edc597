import { Keycard, NotFoundError } from "@sso/keycard";
import { FakeControl } from "./control.js";
import { observeDuplicatePost } from "./duplicate-post.js";
import { check, Steps } from "./steps.js";
import type { DuplicatePostObservation, FakeEndpoints, ScenarioResult } from "./types.js";

/**
 * Keycard (one SSO connection per organization, so no list): the HTTP Basic token flow, enable, retrieve,
 * `NotFoundError`, a retried 503, the refresh after `fake.expireTokens()`, and the duplicate-POST check.
 */
export async function keycardScenario(endpoints: FakeEndpoints): Promise<ScenarioResult> {
  const fake = endpoints.keycard;
  const control = new FakeControl(endpoints.control, "keycard");
  const keycard = new Keycard({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    baseURL: fake.baseURL,
  });
  const sso = keycard.organizations.ssoConnection;
  const org = fake.organizationId;
  const token = { method: "POST", path: "/service-account-token" };
  const connection = `/organizations/${org}/sso-connection`;
  const s = new Steps();
  let duplicatePost: DuplicatePostObservation | undefined;

  await s.run("token flow + enable", async () => {
    const before = await control.count(token);
    const enabled = await sso.enable(org, { identifier: "https://idp.acme.example", client_id: "acme" });
    const fetched = (await control.count(token)) - before;
    check(enabled.identifier === "https://idp.acme.example" && fetched === 1, `${fetched} token request(s)`);
    return `1 token request, connection ${enabled.id}`;
  });
  await s.run("retrieve", async () => {
    const got = await sso.retrieve(org);
    check(got.client_id === "acme", `retrieve answered ${JSON.stringify(got)}`);
    return `client_id ${got.client_id}`;
  });
  await s.run("typed error", async () => {
    try {
      await sso.retrieve("org_missing");
    } catch (error) {
      check(
        error instanceof NotFoundError && error.status === 404,
        `retrieve of a missing org threw ${error}`,
      );
      return `NotFoundError ${error.status}`;
    }
    throw new Error("retrieve of a missing organization succeeded");
  });
  await s.run("retry", async () => {
    const match = { method: "GET", path: connection };
    const before = await control.count(match);
    await control.failNext(1, 503, match);
    await sso.retrieve(org);
    const sent = (await control.count(match)) - before;
    check(sent === 2, `retrieve after one 503 sent ${sent} request(s)`);
    return "503, then 200 on the retry";
  });
  await s.run("token refresh", async () => {
    const before = await control.count(token);
    await control.expireTokens();
    const got = await sso.retrieve(org);
    const fetched = (await control.count(token)) - before;
    check(got.client_id === "acme" && fetched === 1, `after expireTokens: ${fetched} token request(s)`);
    return "401 on the expired token, 1 new token, call succeeded";
  });
  await s.run("duplicate POST", async () => {
    await sso.disable(org);
    duplicatePost = await observeDuplicatePost(
      control,
      { method: "POST", path: connection },
      () => sso.retrieve(org).catch(() => undefined),
      () => sso.enable(org, { identifier: "https://idp.once.example", client_id: "once" }, { maxRetries: 0 }),
    );
    return `fake received the enable ${duplicatePost.received}x (${duplicatePost.outcome})`;
  });
  return s.result("keycard", duplicatePost ? { duplicatePost } : {});
}
