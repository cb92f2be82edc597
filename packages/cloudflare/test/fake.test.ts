/**
 * The Cloudflare fake's documented behaviour, over raw HTTP (no client). Every exchange is checked against
 * specs/cloudflare.openapi.yaml by the contract checker (test/support/setup.ts).
 */
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudflareFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

const HEX32 = /^[0-9a-f]{32}$/;
let fake: CloudflareFakeServer;
const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token: fake.apiToken, ...options });
const connectors = () => `/accounts/${fake.accountId}/sso_connectors`;

beforeAll(async () => {
  fake = await startCheckedFake({ unverifiableDomains: ["no-dns.example"] });
});
afterAll(() => fake.close());

describe("authentication", () => {
  it("answers 401 with the failure envelope when no token is sent", async () => {
    const res = await call("GET", connectors(), { token: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      success: false,
      errors: [{ code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }],
      messages: [],
      result: null,
    });
  });

  it("answers 403 for a token it does not know", async () => {
    const res = await call("GET", connectors(), { token: "not-the-token" });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([{ code: 10000, message: "Authentication error" }]);
  });

  it("exposes a 32-hex account and a base URL on 127.0.0.1 under /client/v4", () => {
    expect(fake.accountId).toMatch(HEX32);
    expect(fake.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  });
});

describe("connectors", () => {
  it("creates with begin_verification defaulting to true: status pending and the DNS code", async () => {
    const res = await call("POST", connectors(), { body: { email_domain: "pending.example" } });
    expect(res.status).toBe(200);
    const { result } = res.body;
    expect(result.id).toMatch(HEX32);
    expect(result).toMatchObject({
      email_domain: "pending.example",
      enabled: false,
      use_fedramp_language: false,
      verification: { code: `cloudflare_dashboard_sso=${result.id}`, status: "pending" },
    });
    expect(result.created_on).toBe(result.updated_on);
    expect(new Date(result.created_on).toISOString()).toBe(result.created_on);
  });

  it("creates with begin_verification: false as awaiting, and honours use_fedramp_language", async () => {
    const res = await call("POST", connectors(), {
      body: { email_domain: "awaiting.example", begin_verification: false, use_fedramp_language: true },
    });
    expect(res.body.result).toMatchObject({
      use_fedramp_language: true,
      verification: { status: "awaiting" },
    });
  });

  it("moves verification on: awaiting -> pending -> verified, answering an envelope without result", async () => {
    const created = await call("POST", connectors(), {
      body: { email_domain: "verify.example", begin_verification: false },
    });
    const id = created.body.result.id as string;
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const begin = await call("POST", `${connectors()}/${id}/begin_verification`);
      expect(begin.body).toEqual({ success: true, errors: [], messages: [] });
      statuses.push((await call("GET", `${connectors()}/${id}`)).body.result.verification.status);
    }
    expect(statuses).toEqual(["pending", "verified", "verified"]);
  });

  it("fails verification for a domain without the TXT record, and retries from failed", async () => {
    const created = await call("POST", connectors(), { body: { email_domain: "no-dns.example" } });
    const id = created.body.result.id as string;
    await call("POST", `${connectors()}/${id}/begin_verification`);
    expect((await call("GET", `${connectors()}/${id}`)).body.result.verification.status).toBe("failed");
    await call("POST", `${connectors()}/${id}/begin_verification`);
    expect((await call("GET", `${connectors()}/${id}`)).body.result.verification.status).toBe("pending");
  });

  it("rejects a second connector for the same email domain (case-insensitive) with 409", async () => {
    await call("POST", connectors(), { body: { email_domain: "dup.example" } });
    const res = await call("POST", connectors(), { body: { email_domain: "DUP.example" } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ success: false, result: null, errors: [{ code: 1002 }] });
    expect(fake.connectors().filter((c) => c.email_domain.toLowerCase() === "dup.example")).toHaveLength(1);
  });

  it("rejects an email_domain that is not a domain with 400", async () => {
    const res = await call("POST", connectors(), { body: { email_domain: "not a domain" } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 1001 });
  });

  it("rejects bodies the spec forbids with 400 (request checks suspended on purpose)", async () => {
    await contract.offSpec(async () => {
      expect((await call("POST", connectors())).status).toBe(400);
      expect((await call("POST", connectors(), { body: { email_domain: 42 } })).status).toBe(400);
      expect((await call("POST", connectors(), { body: ["x"] })).status).toBe(400);
      expect(
        (
          await call("POST", connectors(), {
            rawBody: "{nope",
            headers: { "content-type": "application/json" },
          })
        ).status,
      ).toBe(400);
      const patch = await call("PATCH", `${connectors()}/${fake.connectors()[0]?.id}`, {
        body: { enabled: "yes" },
      });
      expect(patch.body.errors[0].message).toBe("Invalid request: enabled must be a boolean");
    });
  });

  it("lists every connector with result_info", async () => {
    const res = await call("GET", connectors());
    const count = fake.connectors().length;
    expect(res.body.result).toHaveLength(count);
    expect(res.body.result_info).toEqual({
      count,
      page: 1,
      per_page: Math.max(20, count),
      total_count: count,
    });
  });

  it("updates enabled and use_fedramp_language and bumps updated_on", async () => {
    const created = await call("POST", connectors(), { body: { email_domain: "update.example" } });
    const id = created.body.result.id as string;
    await new Promise((r) => setTimeout(r, 5));
    const res = await call("PATCH", `${connectors()}/${id}`, {
      body: { enabled: true, use_fedramp_language: true },
    });
    expect(res.body.result).toMatchObject({ id, enabled: true, use_fedramp_language: true });
    expect(res.body.result.updated_on > created.body.result.updated_on).toBe(true);
    const same = await call("PATCH", `${connectors()}/${id}`, { body: {} });
    expect(same.body.result.updated_on).toBe(res.body.result.updated_on);
  });

  it("deletes, answering { id }, and then answers 404", async () => {
    const created = await call("POST", connectors(), { body: { email_domain: "delete.example" } });
    const id = created.body.result.id as string;
    const res = await call("DELETE", `${connectors()}/${id}`);
    expect(res.body).toEqual({ success: true, errors: [], messages: [], result: { id } });
    const gone = await call("GET", `${connectors()}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({
      success: false,
      errors: [{ code: 1004, message: "SSO connector not found" }],
    });
    for (const [method, path] of [
      ["PATCH", `${connectors()}/${id}`],
      ["DELETE", `${connectors()}/${id}`],
      ["POST", `${connectors()}/${id}/begin_verification`],
    ] as const) {
      expect((await call(method, path, method === "PATCH" ? { body: {} } : {})).status).toBe(404);
    }
  });

  it("answers 404 with code 7003 for an account that does not exist", async () => {
    const res = await call("GET", `/accounts/${"0".repeat(32)}/sso_connectors`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].code).toBe(7003);
    expect(res.body.errors[0].message).toContain("perhaps your object identifier is invalid?");
  });
});

describe("options", () => {
  it("overrides credentials and seeds accounts and connectors", async () => {
    const other = "b".repeat(32);
    const seeded = await startCheckedFake({
      apiToken: "token-123",
      accountId: "a".repeat(32),
      accounts: [other],
      connectors: [
        { email_domain: "seed.example", enabled: true, verification_status: "verified" },
        { account_id: other, email_domain: "other.example" },
      ],
    });
    try {
      expect(seeded.apiToken).toBe("token-123");
      expect(seeded.accountId).toBe("a".repeat(32));
      const mine = await raw(seeded.baseURL, "GET", `/accounts/${"a".repeat(32)}/sso_connectors`, {
        token: "token-123",
      });
      expect(mine.body.result).toEqual([
        expect.objectContaining({ email_domain: "seed.example", enabled: true }),
      ]);
      expect(mine.body.result[0].verification.status).toBe("verified");
      const theirs = await raw(seeded.baseURL, "GET", `/accounts/${other}/sso_connectors`, {
        token: "token-123",
      });
      expect(theirs.body.result.map((c: { email_domain: string }) => c.email_domain)).toEqual([
        "other.example",
      ]);
      expect(seeded.connectors(other)).toHaveLength(1);
    } finally {
      await seeded.close();
    }
  });

  it("uses the injected clock for timestamps", async () => {
    const clocked = await startCheckedFake({ now: () => Date.UTC(2025, 0, 1, 12, 21, 2) });
    try {
      const res = await raw(clocked.baseURL, "POST", `/accounts/${clocked.accountId}/sso_connectors`, {
        token: clocked.apiToken,
        body: { email_domain: "clock.example" },
      });
      expect(res.body.result.created_on).toBe("2025-01-01T12:21:02.000Z");
    } finally {
      await clocked.close();
    }
  });
});
