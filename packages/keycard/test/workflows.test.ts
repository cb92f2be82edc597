/**
 * `ensure` over real HTTP against the fake: enables the organization's connection, leaves it alone when nothing
 * differs, updates only what differs (a secret only when none is set), and survives an enable whose answer was
 * lost.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Keycard } from "../src/index.js";
import type { KeycardFakeServer } from "../src/testing/index.js";
import { startCheckedFake } from "./support/contract.js";

let fake: KeycardFakeServer;
let keycard: Keycard;
let n = 0;
const organization = () => fake.addOrganization(`acme-${++n}`).id;
const writes = () =>
  fake.exchanges
    .filter((e) => e.request.method !== "GET" && e.request.path !== "/service-account-token")
    .map((e) => e.request.method);
const params = {
  identifier: "https://idp.acme.example",
  client_id: "keycard-acme",
  client_secret: "s3cr3t-value",
};

beforeAll(async () => {
  fake = await startCheckedFake();
  keycard = new Keycard({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    baseURL: fake.baseURL,
    logLevel: "off",
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.clear();
  fake.clearExchanges();
});

describe("ensure", () => {
  it("enables the connection when the organization has none, then writes nothing when nothing differs", async () => {
    const org = organization();
    const first = await keycard.organizations.ssoConnection.ensure(org, params);
    expect(first.created).toBe(true);
    expect(first.connection).toMatchObject({ identifier: params.identifier, client_secret_set: true });
    expect(writes()).toEqual(["POST"]);

    fake.clearExchanges();
    // A secret cannot be read back: with one set, the same call writes nothing, even with another secret.
    const again = await keycard.organizations.ssoConnection.ensure(org, {
      ...params,
      client_secret: "other",
    });
    expect(again).toEqual({ connection: first.connection, created: false });
    expect(writes()).toEqual([]);
  });

  it("updates only the fields that differ", async () => {
    const org = organization();
    await keycard.organizations.ssoConnection.enable(org, params);
    fake.clearExchanges();
    const { connection, created } = await keycard.organizations.ssoConnection.ensure(org, {
      ...params,
      client_id: "keycard-acme-2",
    });
    expect(created).toBe(false);
    expect(connection.client_id).toBe("keycard-acme-2");
    const patches = fake.exchanges.filter((e) => e.request.method === "PATCH");
    expect(patches.map((e) => e.request.body)).toEqual([{ client_id: "keycard-acme-2" }]);
  });

  it("after an enable whose answer was lost, finds the connection instead of failing", async () => {
    const org = organization();
    fake.faults.dropNext({ when: "after", match: { method: "POST" } });
    const { connection, created } = await keycard.organizations.ssoConnection.ensure(org, params);
    expect(created).toBe(true);
    expect(connection.identifier).toBe(params.identifier);
    expect(writes()).toEqual(["POST"]);
  });
});
