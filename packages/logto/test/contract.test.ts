/**
 * The contract check itself: it runs for every fake in this package's tests, knows the whole spec, and fails
 * on drift in either direction (a client request or a fake response that leaves the spec).
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Logto } from "../src/index.js";
import type { LogtoFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: LogtoFakeServer;
beforeAll(async () => {
  fake = await startCheckedFake();
});
afterAll(() => fake.close());

describe("contract check", () => {
  it("is wired into every test file: no test starts an unchecked fake", () => {
    const dir = new URL("./", import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".test.ts"))) {
      expect(readFileSync(new URL(file, dir), "utf8"), file).not.toMatch(/\bstartFakeServer\s*\(/);
    }
  });

  it("the fake serves exactly the spec's operations, plus the OAuth2 token endpoint the spec names", () => {
    const spec = contract.operations.map((o) => `${o.method} ${o.template}`);
    const expected = [...spec, ...contract.tokenPaths.map((p) => `POST ${p}`)].sort();
    expect(fake.routes.map((r) => `${r.method} ${r.template}`).sort()).toEqual(expected);
  });

  it("fails on a fake response that drifts from the spec, even when the client accepts it", async () => {
    const logto = new Logto({
      endpoint: fake.baseURL,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      logLevel: "off",
    });
    await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "Drift" });
    fake.faults.tamperNext(
      (reply) => ({
        ...reply,
        body: (reply.body as Array<Record<string, unknown>>).map(({ providerType: _dropped, ...rest }) => ({
          ...rest,
          createdAt: "yesterday",
        })),
      }),
      { match: { path: "/api/sso-connectors" } },
    );
    const page = await logto.ssoConnectors.list();
    expect(page.items).toHaveLength(1);
    const [violation, ...others] = contract.take();
    expect(others).toEqual([]);
    expect(violation).toMatchObject({
      side: "response",
      operation: "GET /api/sso-connectors (ListSsoConnectors)",
    });
    expect(violation?.problems).toEqual(
      expect.arrayContaining([
        "body/0 must have required property 'providerType'",
        "body/0/createdAt must be number",
      ]),
    );
  });

  it("fails on a client request that drifts from the spec", async () => {
    const token = fake.issueAccessToken();
    await fetch(`${fake.baseURL}/api/sso-connectors?page_size=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(contract.take()).toEqual([
      expect.objectContaining({ side: "request", problems: ['query parameter "page_size" must be <= 100'] }),
    ]);
  });
});
