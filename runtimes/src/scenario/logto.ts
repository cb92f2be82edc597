import { Logto, NotFoundError } from "@sso/logto";
import { FakeControl } from "./control.js";
import { observeDuplicatePost } from "./duplicate-post.js";
import { check, Steps } from "./steps.js";
import type { DuplicatePostObservation, FakeEndpoints, ScenarioResult } from "./types.js";

/**
 * Logto: the client-credentials token flow, create, a `for await` walk over two pages (`Total-Number` / `Link`),
 * get, `NotFoundError`, a retried 503, the refresh after `fake.expireTokens()`, and the duplicate-POST check.
 */
export async function logtoScenario(endpoints: FakeEndpoints): Promise<ScenarioResult> {
  const fake = endpoints.logto;
  const control = new FakeControl(endpoints.control, "logto");
  const logto = new Logto({
    endpoint: fake.baseURL,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
  });
  const token = { method: "POST", path: "/oidc/token" };
  const s = new Steps();
  let id = "";
  let duplicatePost: DuplicatePostObservation | undefined;

  await s.run("token flow", async () => {
    const before = await control.count(token);
    const providers = (await logto.ssoConnectorProviders.list()).items;
    const fetched = (await control.count(token)) - before;
    check(
      providers.length > 0 && fetched === 1,
      `${fetched} token request(s), ${providers.length} providers`,
    );
    return `1 token request, ${providers.length} providers`;
  });
  await s.run("create", async () => {
    const created = await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "Acme OIDC" });
    id = created.id;
    check(id !== "" && created.connectorName === "Acme OIDC", `create answered ${JSON.stringify(created)}`);
    return `connector ${id}`;
  });
  await s.run("for await list", async () => {
    await logto.ssoConnectors.create({ providerName: "SAML", connectorName: "Acme SAML" });
    await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "Beta OIDC" });
    const names: string[] = [];
    for await (const connector of logto.ssoConnectors.list({ page_size: 2 }))
      names.push(connector.connectorName);
    check(names.length === 3 && names.includes("Acme OIDC"), `list over pages of 2 gave ${names.join(", ")}`);
    return "3 connectors over 2 pages";
  });
  await s.run("get", async () => {
    const got = await logto.ssoConnectors.get(id);
    check(got.id === id && got.providerName === "OIDC", `get answered ${JSON.stringify(got)}`);
    return `providerName ${got.providerName}`;
  });
  await s.run("typed error", async () => {
    try {
      await logto.ssoConnectors.get("missing00000");
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
    const match = { method: "GET", path: `/api/sso-connectors/${id}` };
    const before = await control.count(match);
    await control.failNext(1, 503, match);
    const got = await logto.ssoConnectors.get(id);
    const sent = (await control.count(match)) - before;
    check(got.id === id && sent === 2, `get after one 503 sent ${sent} request(s)`);
    return "503, then 200 on the retry";
  });
  await s.run("token refresh", async () => {
    const before = await control.count(token);
    await control.expireTokens();
    const got = await logto.ssoConnectors.get(id);
    const fetched = (await control.count(token)) - before;
    check(got.id === id && fetched === 1, `after expireTokens: ${fetched} token request(s)`);
    return "401 on the expired token, 1 new token, call succeeded";
  });
  await s.run("duplicate POST", async () => {
    duplicatePost = await observeDuplicatePost(
      control,
      { method: "POST", path: "/api/sso-connectors" },
      () => logto.ssoConnectors.get(id),
      () => logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "Once" }, { maxRetries: 0 }),
    );
    let stored = 0;
    for await (const connector of logto.ssoConnectors.list())
      if (connector.connectorName === "Once") stored++;
    return `fake received the create ${duplicatePost.received}x (${duplicatePost.outcome}), stores ${stored}`;
  });
  return s.result("logto", duplicatePost ? { duplicatePost } : {});
}
