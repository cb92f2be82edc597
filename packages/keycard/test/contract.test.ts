/**
 * The contract check itself: it runs for every fake in this package's tests, knows the whole spec, and fails
 * on drift in either direction (a client request or a fake response that leaves the spec).
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Keycard } from "../src/index.js";
import type { KeycardFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: KeycardFakeServer;
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
    const keycard = new Keycard({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      baseURL: fake.baseURL,
      logLevel: "off",
    });
    fake.faults.tamperNext(
      (reply) => ({
        ...reply,
        body: { ...(reply.body as object), client_secret_set: "yes", client_secret: "leaked" },
      }),
      { match: { method: "POST", path: /sso-connection$/ } },
    );
    const enabled = await keycard.organizations.ssoConnection.enable(fake.organizationId, {
      identifier: "https://idp.example",
      client_id: "c",
    });
    expect(enabled.client_secret_set).toBe("yes");
    const [violation, ...others] = contract.take();
    expect(others).toEqual([]);
    expect(violation).toMatchObject({ side: "response", status: 201 });
    expect(violation?.problems).toContain("body/client_secret_set must be boolean");
  });
});
