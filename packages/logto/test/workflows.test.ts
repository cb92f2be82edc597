/**
 * `ensure` over real HTTP against the fake: creates a connector, leaves it alone when nothing differs (domains
 * compared as a set, config key by key), updates only what differs, refuses another providerName before any
 * write, and survives a create whose answer was lost.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidArgumentError, Logto } from "../src/index.js";
import type { LogtoFakeServer } from "../src/testing/index.js";
import { startCheckedFake } from "./support/contract.js";

let fake: LogtoFakeServer;
let logto: Logto;
let n = 0;
const name = (label: string) => `${label} ${++n}`;
const writes = () =>
  fake.exchanges
    .filter((e) => e.request.method !== "GET" && e.request.path.startsWith("/api/"))
    .map((e) => `${e.request.method} ${e.request.path.replace(/\/[a-z0-9]{12}$/, "/{id}")}`);
const oidc = { clientId: "acme-logto", clientSecret: "s3cr3t-value", issuer: "https://idp.acme.example" };

beforeAll(async () => {
  fake = await startCheckedFake();
  logto = new Logto({
    endpoint: fake.baseURL,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    logLevel: "off",
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.clear();
  fake.clearExchanges();
});

describe("ensure", () => {
  it("creates the connector when its name is absent, then writes nothing when nothing differs", async () => {
    const connectorName = name("Acme");
    const params = {
      providerName: "OIDC" as const,
      connectorName,
      config: oidc,
      domains: ["Acme-A.example", "acme-b.example"],
    };
    const first = await logto.ssoConnectors.ensure(params);
    expect(first.created).toBe(true);
    expect(first.connector).toMatchObject({ connectorName, domains: ["acme-a.example", "acme-b.example"] });
    expect(writes()).toEqual(["POST /api/sso-connectors"]);

    fake.clearExchanges();
    const again = await logto.ssoConnectors.ensure({
      ...params,
      domains: ["acme-b.example", "ACME-A.example"],
    });
    expect(again.created).toBe(false);
    expect(again.connector.id).toBe(first.connector.id);
    expect(writes()).toEqual([]);
  });

  it("updates only the fields that differ", async () => {
    const connectorName = name("Update");
    await logto.ssoConnectors.create({
      providerName: "OIDC",
      connectorName,
      config: oidc,
      syncProfile: false,
    });
    fake.clearExchanges();
    const { connector, created } = await logto.ssoConnectors.ensure({
      providerName: "OIDC",
      connectorName,
      config: oidc,
      syncProfile: true,
    });
    expect(created).toBe(false);
    expect(connector.syncProfile).toBe(true);
    const patches = fake.exchanges.filter((e) => e.request.method === "PATCH");
    expect(patches.map((e) => e.request.body)).toEqual([{ syncProfile: true }]);
  });

  it("refuses another providerName before any write", async () => {
    const connectorName = name("Provider");
    await logto.ssoConnectors.create({ providerName: "OIDC", connectorName });
    fake.clearExchanges();
    const error = await logto.ssoConnectors
      .ensure({ providerName: "SAML", connectorName })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/is a OIDC connector; its providerName cannot change to SAML/);
    expect(writes()).toEqual([]);
  });

  it("after a create whose answer was lost, finds the connector instead of making a second one", async () => {
    const connectorName = name("Dropped");
    fake.faults.dropNext({ when: "after", match: { method: "POST", path: "/api/sso-connectors" } });
    const { connector, created } = await logto.ssoConnectors.ensure({ providerName: "OIDC", connectorName });
    expect(created).toBe(true);
    expect(connector.connectorName).toBe(connectorName);
    expect(fake.connectors().filter((c) => c.connectorName === connectorName)).toHaveLength(1);
    expect(writes()).toEqual(["POST /api/sso-connectors"]);
  });
});
