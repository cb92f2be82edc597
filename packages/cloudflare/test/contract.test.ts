/**
 * The contract check itself: it runs for every fake in this package's tests, knows the whole spec, and fails
 * on drift in either direction (a client request or a fake response that leaves the spec).
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cloudflare } from "../src/index.js";
import type { CloudflareFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: CloudflareFakeServer;
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

  it("the fake serves exactly the spec's operations", () => {
    const spec = contract.operations.map((o) => `${o.method} ${o.template}`).sort();
    expect(fake.routes.map((r) => `${r.method} ${r.template}`).sort()).toEqual(spec);
  });

  it("fails on a fake response that drifts from the spec, even when the client accepts it", async () => {
    const cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL, logLevel: "off" });
    const created = await cf.iam.sso.create({ account_id: fake.accountId, email_domain: "drift.example" });
    fake.faults.tamperNext((reply) => {
      const body = reply.body as { result: Record<string, unknown> };
      return { ...reply, body: { ...body, result: { ...body.result, verification: { status: "done" } } } };
    });
    const drifted = await cf.iam.sso.get(created.id ?? "", { account_id: fake.accountId });
    expect(drifted.verification?.status).toBe("done"); // the client passes it through...
    const violations = contract.take(); // ...the contract check does not
    expect(violations).toEqual([
      expect.objectContaining({
        side: "response",
        status: 200,
        operation: "GET /accounts/{account_id}/sso_connectors/{sso_connector_id} (get-sso-connector)",
        problems: [
          expect.stringContaining(
            "body/result/verification/status must be equal to one of the allowed values",
          ),
          expect.stringMatching(/^\(body: /),
        ],
      }),
    ]);
  });
});
