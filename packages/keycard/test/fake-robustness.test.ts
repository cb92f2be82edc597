/**
 * The Keycard fake as test infrastructure: hostile and malformed input answered with Keycard's error body
 * without changing state, thousands of concurrent connections answered, and CORS for browser tests.
 */
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeycardFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: KeycardFakeServer;
let token: string;
const sso = (org = fake.organizationId) => `/organizations/${org}/sso-connection`;
const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token, ...options });
const enableBody = { identifier: "https://idp.acme.example", client_id: "acme" };

beforeAll(async () => {
  fake = await startCheckedFake({ recordLimit: 20 });
  token = fake.issueAccessToken();
});
afterAll(() => fake.close());

describe("bad input", () => {
  it("answers a body nested thousands of levels deep (12 KB) with 400, not 500, and enables nothing", async () => {
    const deep = `{"identifier":"https://idp.example","client_id":"x","protocols":${"[".repeat(6000)}${"]".repeat(6000)}}`;
    await contract.offSpec(async () => {
      const res = await call("POST", sso(), {
        rawBody: deep,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: "Invalid request body: JSON nested deeper than 64 levels",
        code: "bad_request",
        status: 400,
      });
    });
    expect(fake.connection(fake.organizationId)).toBeUndefined();
    expect((await call("GET", sso())).status).toBe(404);
  });

  it("answers a body over maxBodyBytes with 413 payload_too_large", async () => {
    const small = await startCheckedFake({ maxBodyBytes: 256 });
    try {
      const res = await raw(small.baseURL, "POST", `/organizations/${small.organizationId}/sso-connection`, {
        token: small.issueAccessToken(),
        body: { ...enableBody, identifier: `https://${"a".repeat(500)}.example` },
      });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ message: "Payload Too Large", code: "payload_too_large", status: 413 });
      expect(small.connection(small.organizationId)).toBeUndefined();
    } finally {
      await small.close();
    }
  });

  it("words the schema's problems: 400 for the shape, 422 for a length", async () => {
    await contract.offSpec(async () => {
      const shape = await call("POST", sso(), { body: { identifier: 7, protocols: { oauth2: "x" } } });
      expect(shape.status).toBe(400);
      expect(shape.body.message).toBe(
        "Invalid request body: client_id is required; identifier must be string, got number; protocols.oauth2 must be object or null, got string",
      );
      const empty = await call("POST", sso(), { body: { ...enableBody, identifier: "" } });
      expect(empty.body).toEqual({
        message: "identifier must be at least 1 character",
        code: "validation_error",
        status: 422,
      });
      const uri = await call("POST", sso(), {
        body: { ...enableBody, protocols: { oauth2: { jwks_uri: "not a uri" } } },
      });
      expect(uri.body.message).toBe("Invalid request body: protocols.oauth2.jwks_uri must be a valid uri");
    });
    expect(fake.connection(fake.organizationId)).toBeUndefined();
  });

  it("changes nothing when an update fails", async () => {
    await call("POST", sso(), { body: enableBody });
    const before = fake.connection(fake.organizationId);
    await contract.offSpec(async () => {
      const res = await call("PATCH", sso(), { body: { identifier: "https://new.example", client_id: 42 } });
      expect(res.status).toBe(400);
    });
    expect(fake.connection(fake.organizationId)).toEqual(before);
    await call("DELETE", sso());
  });
});

describe("concurrency", () => {
  it("answers 2,000 concurrent enables in 2,000 organizations, none reset", async () => {
    const loaded = await startCheckedFake({ recordLimit: 10 });
    try {
      const bearer = loaded.issueAccessToken();
      const orgs = Array.from({ length: 2000 }, (_, i) => loaded.addOrganization(`org-${i}`).id);
      const settled = await Promise.allSettled(
        orgs.map((org) =>
          raw(loaded.baseURL, "POST", `/organizations/${org}/sso-connection`, {
            token: bearer,
            body: enableBody,
          }),
        ),
      );
      expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
      expect(settled.every((s) => s.status === "fulfilled" && s.value.status === 201)).toBe(true);
      expect(orgs.every((org) => loaded.connection(org) !== undefined)).toBe(true);
    } finally {
      await loaded.close();
    }
  }, 300_000); // generous: three of these may run at once on a busy 2-core machine

  it("enables once when 50 concurrent enables race for one organization; the rest get 409", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call("POST", sso(), { body: enableBody })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    await call("DELETE", sso());
  });
});

describe("CORS", () => {
  const origin = "http://localhost:5173";

  it("answers the preflight of a request carrying X-Client-Request-ID", async () => {
    const res = await fetch(`${fake.baseURL}${sso()}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "authorization, content-type, x-client-request-id",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toBe("POST, GET, PATCH, DELETE, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-client-request-id");
  });

  it("exposes the echoed X-Client-Request-ID to scripts", async () => {
    const id = "3f1c2b9e-6a4d-4e8f-9b1a-2c7d5e0f8a31";
    const res = await call("GET", sso(), { headers: { origin, "x-client-request-id": id } });
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("x-client-request-id");
  });

  it("can be turned off", async () => {
    const closed = await startCheckedFake({ cors: false });
    try {
      const res = await raw(closed.baseURL, "GET", `/organizations/${closed.organizationId}/sso-connection`, {
        token: closed.issueAccessToken(),
        headers: { origin },
      });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
