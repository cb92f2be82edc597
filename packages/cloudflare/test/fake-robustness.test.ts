/**
 * The Cloudflare fake as test infrastructure: hostile and malformed input answered in the API's envelope
 * without changing state, thousands of concurrent connections answered, and CORS for browser tests.
 */
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudflareFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: CloudflareFakeServer;
const connectors = () => `/accounts/${fake.accountId}/sso_connectors`;
const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token: fake.apiToken, ...options });

beforeAll(async () => {
  fake = await startCheckedFake({ recordLimit: 20 });
});
afterAll(() => fake.close());

describe("bad input", () => {
  it("answers a body nested thousands of levels deep (12 KB) with 400, and the fake keeps working", async () => {
    const before = fake.connectors().length;
    const deep = `{"email_domain":"deep.example","x":${"[".repeat(6000)}${"]".repeat(6000)}}`;
    await contract.offSpec(async () => {
      const res = await call("POST", connectors(), {
        rawBody: deep,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual({
        code: 1001,
        message: "Invalid request body: JSON nested deeper than 64 levels",
      });
    });
    expect(fake.connectors()).toHaveLength(before);
    expect((await call("GET", connectors())).status).toBe(200);
  });

  it("answers a body over maxBodyBytes with 413 in the failure envelope, creating nothing", async () => {
    const small = await startCheckedFake({ maxBodyBytes: 1024 });
    try {
      const res = await raw(small.baseURL, "POST", `/accounts/${small.accountId}/sso_connectors`, {
        token: small.apiToken,
        body: { email_domain: `${"a".repeat(2000)}.example` },
      });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        success: false,
        errors: [{ code: 1000, message: "Payload Too Large" }],
        messages: [],
        result: null,
      });
      expect(small.connectors()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it("words every schema problem of a body as its own code 1001 entry", async () => {
    await contract.offSpec(async () => {
      const res = await call("POST", connectors(), {
        body: { begin_verification: "yes", use_fedramp_language: 1 },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { code: 1001, message: "Invalid request: email_domain is required" },
        { code: 1001, message: "Invalid request: begin_verification must be a boolean" },
        { code: 1001, message: "Invalid request: use_fedramp_language must be a boolean" },
      ]);
      const notObject = await call("POST", connectors(), { body: ["acme.example"] });
      expect(notObject.body.errors).toEqual([
        { code: 1001, message: "Invalid request: body must be an object" },
      ]);
    });
  });

  it("changes nothing when an update fails", async () => {
    const created = await call("POST", connectors(), { body: { email_domain: "stays.example" } });
    const id = created.body.result.id as string;
    await contract.offSpec(async () => {
      const res = await call("PATCH", `${connectors()}/${id}`, {
        body: { enabled: true, use_fedramp_language: "no" },
      });
      expect(res.status).toBe(400);
    });
    expect(fake.connectors().find((c) => c.id === id)).toMatchObject({
      enabled: false,
      use_fedramp_language: false,
    });
  });

  it("answers 404 7003 for an account id that is not 32 characters, as for an unknown account", async () => {
    await contract.offSpec(async () => {
      const res = await call("GET", "/accounts/short/sso_connectors");
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe(7003);
    });
  });
});

describe("concurrency", () => {
  it("answers 2,000 concurrent creates, none reset, each connector stored once", async () => {
    const loaded = await startCheckedFake({ recordLimit: 10 });
    try {
      const path = `/accounts/${loaded.accountId}/sso_connectors`;
      const settled = await Promise.allSettled(
        Array.from({ length: 2000 }, (_, i) =>
          raw(loaded.baseURL, "POST", path, {
            token: loaded.apiToken,
            body: { email_domain: `c${i}.example` },
          }),
        ),
      );
      expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
      const statuses = settled.map((s) => (s.status === "fulfilled" ? s.value.status : 0));
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(loaded.connectors()).toHaveLength(2000);
      expect(new Set(loaded.connectors().map((c) => c.email_domain)).size).toBe(2000);
    } finally {
      await loaded.close();
    }
  }, 300_000); // generous: three of these may run at once on a busy 2-core machine

  it("creates one connector when 50 concurrent creates name the same domain; the rest get 409", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", connectors(), { body: { email_domain: "race.example" } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(fake.connectors().filter((c) => c.email_domain === "race.example")).toHaveLength(1);
  });
});

describe("CORS", () => {
  const origin = "http://localhost:5173";

  it("answers the preflight of a browser's create with the headers the client sends", async () => {
    const res = await fetch(`${fake.baseURL}${connectors()}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });

  it("lets scripts read the answer's headers, errors included", async () => {
    const ok = await call("GET", connectors(), { headers: { origin } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(origin);
    expect(ok.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("cf-ray");
    fake.faults.failNext(1, { status: 429, retryAfter: 1 });
    const limited = await call("GET", connectors(), { headers: { origin } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("retry-after");
  });

  it("can be turned off", async () => {
    const closed = await startCheckedFake({ cors: false });
    try {
      const res = await raw(closed.baseURL, "GET", `/accounts/${closed.accountId}/sso_connectors`, {
        token: closed.apiToken,
        headers: { origin },
      });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
