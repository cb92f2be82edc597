/**
 * The Keycard fake's documented behaviour, over raw HTTP (no client). Every exchange is checked against
 * specs/keycard.openapi.yaml by the contract checker (test/support/setup.ts).
 */
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { KeycardFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: KeycardFakeServer;
let token: string;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token, ...options });
const sso = (org = fake.organizationId) => `/organizations/${org}/sso-connection`;
const enableBody = {
  identifier: "https://idp.acme.example",
  client_id: "keycard-acme",
  client_secret: "s3cr3t",
};

beforeAll(async () => {
  fake = await startCheckedFake({ organizations: [{ id: "org_locked", label: "locked", forbidden: true }] });
  const res = await raw(fake.baseURL, "POST", "/service-account-token", {
    rawBody: "grant_type=client_credentials",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: basic(fake.clientId, fake.clientSecret),
    },
  });
  token = res.body.access_token;
});
afterAll(() => fake.close());
beforeEach(async () => {
  if (fake.connection(fake.organizationId)) await call("DELETE", sso());
});

describe("/service-account-token", () => {
  const post = (headers: Record<string, string>, body = "grant_type=client_credentials") =>
    raw(fake.baseURL, "POST", "/service-account-token", {
      rawBody: body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });

  it("issues a bearer token for HTTP Basic client credentials", async () => {
    const res = await post({ authorization: basic(fake.clientId, fake.clientSecret) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: "Bearer",
      expires_in: 3600,
    });
  });

  it("rejects wrong or missing Basic credentials with 401 invalid_client", async () => {
    for (const headers of [{ authorization: basic(fake.clientId, "wrong") }, {}] as Record<
      string,
      string
    >[]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: "invalid_client",
        error_description: "Client authentication failed",
      });
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
    }
    const formCreds = await post(
      {},
      `grant_type=client_credentials&client_id=${fake.clientId}&client_secret=${fake.clientSecret}`,
    );
    expect(formCreds.status).toBe(401);
  });

  it("rejects a missing or unsupported grant_type with 400", async () => {
    const auth = { authorization: basic(fake.clientId, fake.clientSecret) };
    expect((await post(auth, "")).body.error).toBe("invalid_request");
    expect((await post(auth, "grant_type=password")).body.error).toBe("unsupported_grant_type");
  });
});

describe("API authentication", () => {
  it("answers 401 {message, code, status} without a token or with a bad one", async () => {
    for (const t of [null, "nope"]) {
      const res = await call("GET", sso(), { token: t });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: "Unauthorized", code: "unauthorized", status: 401 });
    }
  });

  it("expires tokens on expireTokens() and after their TTL", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const short = await startCheckedFake({ tokenTtlSeconds: 60, now: () => clock });
    try {
      const t = short.issueAccessToken();
      const get = (bearer: string) =>
        raw(short.baseURL, "GET", `/organizations/${short.organizationId}/sso-connection`, { token: bearer });
      clock += 59_999;
      expect((await get(t)).status).toBe(404);
      clock += 1;
      expect((await get(t)).status).toBe(401);
      short.setTokenTtl(3600);
      const fresh = short.issueAccessToken();
      expect((await get(fresh)).status).toBe(404);
      short.expireTokens();
      expect((await get(fresh)).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it("answers 403 for an organization the service account may not manage", async () => {
    const res = await call("GET", sso("org_locked"));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: "Forbidden", code: "forbidden", status: 403 });
  });
});

describe("SSO connection", () => {
  it("enables with 201, never returning the secret", async () => {
    const res = await call("POST", sso(), { body: enableBody });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^ssoc_[0-9a-z]{26}$/),
      identifier: "https://idp.acme.example",
      client_id: "keycard-acme",
      client_secret_set: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      protocols: null,
    });
    expect(res.text).not.toContain("s3cr3t");
    expect(fake.connection(fake.organizationId)?.client_secret).toBe("s3cr3t");
  });

  it("answers 409 when SSO is already enabled", async () => {
    await call("POST", sso(), { body: enableBody });
    const res = await call("POST", sso(), { body: enableBody });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      message: "SSO is already enabled for this organization",
      code: "conflict",
      status: 409,
    });
  });

  it("answers 404 when SSO is not enabled, or the organization does not exist", async () => {
    for (const [method, org] of [
      ["GET", fake.organizationId],
      ["PATCH", fake.organizationId],
      ["DELETE", fake.organizationId],
      ["GET", "org_missing"],
      ["POST", "org_missing"],
    ] as const) {
      const res = await call(
        method,
        sso(org),
        method === "PATCH" || method === "POST" ? { body: enableBody } : {},
      );
      expect(res.status, `${method} ${org}`).toBe(404);
      expect(res.body).toEqual({
        message: "Organization not found or SSO not enabled",
        code: "not_found",
        status: 404,
      });
    }
  });

  it("retrieves by id or label, filling permissions only with expand=permissions", async () => {
    await call("POST", sso(), { body: enableBody });
    const plain = await call("GET", sso());
    expect(plain.body.permissions).toBeUndefined();
    const byLabel = await call("GET", sso("acme"));
    expect(byLabel.body).toEqual(plain.body);
    const expanded = await call("GET", `${sso()}?expand=permissions`);
    expect(expanded.body.permissions).toEqual({
      organizations: { read: true, update: true },
      users: { read: true, list: true },
    });
    await contract.offSpec(async () => {
      const bracket = await call("GET", `${sso()}?expand[]=permissions`);
      expect(bracket.body.permissions).toBeDefined();
      expect((await call("GET", `${sso()}?expand=everything`)).status).toBe(400);
    });
  });

  it("updates partially; null removes client_id or client_secret", async () => {
    const enabled = await call("POST", sso(), { body: { ...enableBody, protocols: { openid: null } } });
    await new Promise((r) => setTimeout(r, 5));
    const res = await call("PATCH", sso(), {
      body: { client_secret: null, identifier: "https://idp2.acme.example" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: enabled.body.id,
      identifier: "https://idp2.acme.example",
      client_id: "keycard-acme",
      client_secret_set: false,
      protocols: { openid: null },
    });
    expect(res.body.updated_at > enabled.body.updated_at).toBe(true);
    const cleared = await call("PATCH", sso(), {
      body: { client_id: null, client_secret: "new", protocols: null },
    });
    expect(cleared.body).toMatchObject({ client_id: null, client_secret_set: true, protocols: null });
  });

  it("validates: 422 for an identifier over 2048 characters, 400 for a malformed body", async () => {
    await contract.offSpec(async () => {
      const long = await call("POST", sso(), {
        body: { ...enableBody, identifier: `https://${"a".repeat(2050)}` },
      });
      expect(long.status).toBe(422);
      expect(long.body).toEqual({
        message: "identifier must be at most 2048 characters",
        code: "validation_error",
        status: 422,
      });
      const missing = await call("POST", sso(), { body: { identifier: "https://idp.example" } });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe("bad_request");
      expect((await call("POST", sso(), { body: [] })).status).toBe(400);
    });
  });

  it("disables with 204 and no body, after which retrieve answers 404", async () => {
    await call("POST", sso(), { body: enableBody });
    const res = await call("DELETE", sso());
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await call("GET", sso())).status).toBe(404);
  });

  it("echoes X-Client-Request-ID and rejects one that is not a UUID", async () => {
    const id = "3f1c2b9e-6a4d-4e8f-9b1a-2c7d5e0f8a31";
    const res = await call("GET", sso(), { headers: { "x-client-request-id": id } });
    expect(res.headers.get("x-client-request-id")).toBe(id);
    await contract.offSpec(async () => {
      expect((await call("GET", sso(), { headers: { "x-client-request-id": "nope" } })).status).toBe(400);
    });
  });
});

describe("options", () => {
  it("seeds connections by organization id or label", async () => {
    const seeded = await startCheckedFake({
      organizations: [{ id: "org_two", label: "two" }],
      connections: [
        { identifier: "https://idp.one.example", client_id: "one", client_secret: "x" },
        { organization: "two", identifier: "https://idp.two.example", client_id: null },
      ],
    });
    try {
      const bearer = seeded.issueAccessToken();
      const one = await raw(seeded.baseURL, "GET", `/organizations/${seeded.organizationId}/sso-connection`, {
        token: bearer,
      });
      expect(one.body).toMatchObject({ identifier: "https://idp.one.example", client_secret_set: true });
      const two = await raw(seeded.baseURL, "GET", "/organizations/org_two/sso-connection", {
        token: bearer,
      });
      expect(two.body).toMatchObject({ client_id: null, client_secret_set: false });
    } finally {
      await seeded.close();
    }
  });

  it("takes its credentials and default organization from options", async () => {
    const custom = await startCheckedFake({
      clientId: "cid",
      clientSecret: "csecret",
      organizationId: "org_custom",
    });
    try {
      expect([custom.clientId, custom.clientSecret, custom.organizationId]).toEqual([
        "cid",
        "csecret",
        "org_custom",
      ]);
      const res = await raw(custom.baseURL, "POST", "/service-account-token", {
        rawBody: "grant_type=client_credentials",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: basic("cid", "csecret"),
        },
      });
      expect(res.status).toBe(200);
      expect(custom.tokensIssued).toBe(1);
    } finally {
      await custom.close();
    }
  });
});
