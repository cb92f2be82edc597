/**
 * The Logto fake's documented behaviour, over raw HTTP (no client). Every exchange is checked against
 * specs/logto.openapi.yaml by the contract checker (test/support/setup.ts).
 */
import { X509Certificate } from "node:crypto";
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RESOURCE, type LogtoFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: LogtoFakeServer;
let token: string;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function tokenRequest(
  target: LogtoFakeServer,
  fields: Record<string, string>,
  basic?: { id: string; secret: string },
) {
  return raw(target.baseURL, "POST", "/oidc/token", {
    rawBody: form(fields),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(basic
        ? { authorization: `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString("base64")}` }
        : {}),
    },
  });
}

const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token, ...options });

async function createConnector(body: Record<string, unknown>) {
  const res = await call("POST", "/api/sso-connectors", { body });
  expect(res.status, res.text).toBe(200);
  return res.body as { id: string; [key: string]: unknown };
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

beforeAll(async () => {
  fake = await startCheckedFake();
  const res = await tokenRequest(fake, {
    grant_type: "client_credentials",
    client_id: fake.clientId,
    client_secret: fake.clientSecret,
    resource: DEFAULT_RESOURCE,
    scope: "all",
  });
  token = res.body.access_token;
});
afterAll(() => fake.close());

describe("/oidc/token", () => {
  const grant = () => ({ grant_type: "client_credentials", resource: fake.resource, scope: "all" });

  it("issues a token for client credentials sent as form fields", async () => {
    const res = await tokenRequest(fake, {
      ...grant(),
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: "Bearer",
      scope: "all",
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("issues a token for client credentials sent as HTTP Basic", async () => {
    const res = await tokenRequest(fake, grant(), { id: fake.clientId, secret: fake.clientSecret });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe("all");
  });

  it("rejects credentials sent both ways at once with 400 invalid_request", async () => {
    const res = await tokenRequest(
      fake,
      { ...grant(), client_id: fake.clientId, client_secret: fake.clientSecret },
      { id: fake.clientId, secret: fake.clientSecret },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "oidc.invalid_request", error: "invalid_request" });
  });

  it("rejects a wrong secret with 401 oidc.invalid_client and WWW-Authenticate", async () => {
    const res = await tokenRequest(fake, { ...grant(), client_id: fake.clientId, client_secret: "wrong" });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: "oidc.invalid_client",
      message: "An OIDC error occurred: oidc.invalid_client.",
      error: "invalid_client",
      error_description: "client authentication failed",
    });
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("rejects a resource that is not the API indicator, and a wrong grant type", async () => {
    const creds = { client_id: fake.clientId, client_secret: fake.clientSecret };
    const target = await tokenRequest(fake, { ...grant(), ...creds, resource: "https://other.example/api" });
    expect(target.status).toBe(400);
    expect(target.body.error).toBe("invalid_target");
    const noGrant = await tokenRequest(fake, { ...creds, resource: fake.resource });
    expect(noGrant.body.error).toBe("invalid_request");
    const password = await tokenRequest(fake, { ...grant(), ...creds, grant_type: "password" });
    expect(password.body.error).toBe("unsupported_grant_type");
  });

  it("issues a token without scope when none is requested, which the API then refuses with 403", async () => {
    const res = await tokenRequest(
      fake,
      { grant_type: "client_credentials", resource: fake.resource },
      {
        id: fake.clientId,
        secret: fake.clientSecret,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.scope).toBeUndefined();
    const api = await call("GET", "/api/sso-connectors", { token: res.body.access_token });
    expect(api.status).toBe(403);
    expect(api.body).toEqual({
      code: "auth.forbidden",
      message: "Forbidden. Please check your user roles and permissions.",
    });
  });

  it("gives an app without the all scope a token the API refuses with 403", async () => {
    const app = fake.addApplication({ scopes: [] });
    const res = await tokenRequest(fake, {
      ...grant(),
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    expect(res.body.scope).toBeUndefined();
    expect((await call("GET", "/api/sso-connectors", { token: res.body.access_token })).status).toBe(403);
  });
});

describe("API authentication", () => {
  it("answers 401 auth.authorization_header_missing without a token, and no WWW-Authenticate", async () => {
    const res = await call("GET", "/api/sso-connectors", { token: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: "auth.authorization_header_missing",
      message: "Authorization header is missing.",
    });
    expect(res.headers.get("www-authenticate")).toBeNull();
    expect(res.headers.get("logto-core-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 401 for another scheme and for a bad token", async () => {
    const basic = await call("GET", "/api/sso-connectors", {
      token: null,
      headers: { authorization: "Basic Zm9vOmJhcg==" },
    });
    expect(basic.body.code).toBe("auth.authorization_token_type_not_supported");
    const bad = await call("GET", "/api/sso-connectors", { token: "a.b.c" });
    expect(bad.body).toEqual({
      code: "auth.unauthorized",
      message: "Unauthorized. Please check credentials and its scope.",
    });
  });

  it("expires every token on expireTokens(), and tokens after their TTL", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const short = await startCheckedFake({ tokenTtlSeconds: 60, now: () => clock });
    try {
      const issued = await tokenRequest(
        short,
        { grant_type: "client_credentials", resource: short.resource, scope: "all" },
        { id: short.clientId, secret: short.clientSecret },
      );
      expect(issued.body.expires_in).toBe(60);
      const get = () => raw(short.baseURL, "GET", "/api/sso-connectors", { token: issued.body.access_token });
      clock += 59_999;
      expect((await get()).status).toBe(200);
      clock += 1;
      expect((await get()).body.code).toBe("auth.unauthorized");
      short.setTokenTtl(3600);
      const fresh = short.issueAccessToken();
      expect((await raw(short.baseURL, "GET", "/api/sso-connectors", { token: fresh })).status).toBe(200);
      short.expireTokens();
      expect((await raw(short.baseURL, "GET", "/api/sso-connectors", { token: fresh })).status).toBe(401);
      expect(short.tokensIssued).toBe(2);
    } finally {
      await short.close();
    }
  });
});

describe("SSO connectors", () => {
  it("creates: 200 with the bare row, a 12-char id, epoch-ms createdAt and lower-cased domains", async () => {
    const before = Date.now();
    const name = unique("Acme OIDC");
    const row = await createConnector({
      providerName: "OIDC",
      connectorName: name,
      config: { clientId: "acme", clientSecret: "s3cr3t", issuer: "https://idp.acme.example" },
      domains: ["Acme.Example", "ACME-corp.example"],
    });
    expect(row).toEqual({
      tenantId: "default",
      id: expect.stringMatching(/^[a-z0-9]{12}$/),
      providerName: "OIDC",
      connectorName: name,
      config: { clientId: "acme", clientSecret: "s3cr3t", issuer: "https://idp.acme.example" },
      domains: ["acme.example", "acme-corp.example"],
      branding: {},
      syncProfile: false,
      enableTokenStorage: false,
      createdAt: expect.any(Number),
    });
    expect(row.createdAt as number).toBeGreaterThanOrEqual(before);
  });

  it("gets with the provider fields and an OIDC providerConfig derived from the issuer", async () => {
    const row = await createConnector({
      providerName: "Okta",
      connectorName: unique("Okta"),
      config: { clientId: "okta", clientSecret: "s", issuer: "https://acme.okta.com/" },
    });
    const res = await call("GET", `/api/sso-connectors/${row.id}`);
    expect(res.body).toMatchObject({
      ...row,
      name: "Okta",
      providerType: "oidc",
      providerLogo: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      providerLogoDark: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      providerConfig: {
        issuer: "https://acme.okta.com/",
        scope: "openid profile email",
        authorizationEndpoint: "https://acme.okta.com/authorize",
        jwksUri: "https://acme.okta.com/jwks",
      },
    });
    const saml = await createConnector({ providerName: "SAML", connectorName: unique("SAML") });
    const samlRes = await call("GET", `/api/sso-connectors/${saml.id}`);
    expect(samlRes.body).toMatchObject({ providerType: "saml", config: {} });
    expect(samlRes.body.providerConfig).toBeUndefined();
  });

  it("answers 404 entity.not_exists_with_id for a missing id", async () => {
    for (const [method, options] of [
      ["GET", {}],
      ["PATCH", { body: {} }],
      ["DELETE", {}],
    ] as const) {
      const res = await call(method, "/api/sso-connectors/nope", options);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        code: "entity.not_exists_with_id",
        message: "The sso_connectors with ID `nope` does not exist.",
      });
    }
  });

  it("rejects an unknown providerName with 422 connector.not_found", async () => {
    await contract.offSpec(async () => {
      const res = await call("POST", "/api/sso-connectors", {
        body: { providerName: "NoSuchProvider", connectorName: "x" },
      });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        code: "connector.not_found",
        message: "Cannot find any available connector for type: NoSuchProvider.",
      });
    });
  });

  it("rejects a body that fails the guard with 400 guard.invalid_input and details", async () => {
    await contract.offSpec(async () => {
      const res = await call("POST", "/api/sso-connectors", { body: { providerName: "OIDC" } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: "guard.invalid_input",
        message: "The request body is invalid.",
        details: 'Error in key path "connectorName": (invalid_type) Required',
      });
    });
  });

  it("rejects a duplicate connectorName with 409, on create and on update", async () => {
    const name = unique("Taken");
    const first = await createConnector({ providerName: "OIDC", connectorName: name });
    const dup = await call("POST", "/api/sso-connectors", {
      body: { providerName: "SAML", connectorName: name },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({
      code: "single_sign_on.duplicate_connector_name",
      message: "Connector name already exists. Please choose a different name.",
    });
    const other = await createConnector({ providerName: "OIDC", connectorName: unique("Other") });
    expect(
      (await call("PATCH", `/api/sso-connectors/${other.id}`, { body: { connectorName: name } })).status,
    ).toBe(409);
    expect(
      (await call("PATCH", `/api/sso-connectors/${first.id}`, { body: { connectorName: name } })).status,
    ).toBe(200);
  });

  it("rejects public email domains and duplicated domains with 422 and the domains in data.data", async () => {
    const publicDomain = await call("POST", "/api/sso-connectors", {
      body: { providerName: "OIDC", connectorName: unique("Public"), domains: ["GMAIL.com", "acme.example"] },
    });
    expect(publicDomain.status).toBe(422);
    expect(publicDomain.body).toEqual({
      code: "single_sign_on.forbidden_domains",
      message: "Public email domains are not allowed.",
      data: { data: ["gmail.com"] },
    });
    const repeated = await call("POST", "/api/sso-connectors", {
      body: { providerName: "OIDC", connectorName: unique("Repeated"), domains: ["a.example", "A.example"] },
    });
    expect(repeated.body).toMatchObject({
      code: "single_sign_on.duplicated_domains",
      data: { data: ["a.example"] },
    });
    const owner = await createConnector({
      providerName: "OIDC",
      connectorName: unique("Owner"),
      domains: ["owned.example"],
    });
    const taken = await call("POST", "/api/sso-connectors", {
      body: { providerName: "OIDC", connectorName: unique("Thief"), domains: ["Owned.example"] },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.code).toBe("single_sign_on.duplicated_domains");
    const self = await call("PATCH", `/api/sso-connectors/${owner.id}`, {
      body: { domains: ["owned.example", "more.example"] },
    });
    expect(self.status).toBe(200);
  });

  it("validates config per provider with 400 connector.invalid_config", async () => {
    await contract.offSpec(async () => {
      const res = await call("POST", "/api/sso-connectors", {
        body: { providerName: "OIDC", connectorName: unique("Bad config"), config: { clientId: "x" } },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("connector.invalid_config");
      expect(res.body.details).toContain('"clientSecret"');
    });
    const saml = await call("POST", "/api/sso-connectors", {
      body: {
        providerName: "SAML",
        connectorName: unique("Signed"),
        config: { metadataUrl: "https://idp.example/metadata", signAuthnRequest: true },
      },
    });
    expect(saml.status).toBe(400);
    expect(saml.body.code).toBe("single_sign_on.active_signing_key_required");
  });

  it("updates partially: only the sent fields change; an empty body changes nothing", async () => {
    const row = await createConnector({
      providerName: "SAML",
      connectorName: unique("Patch"),
      domains: ["patch.example"],
    });
    const res = await call("PATCH", `/api/sso-connectors/${row.id}`, {
      body: {
        syncProfile: true,
        branding: { displayName: "Patch" },
        config: { metadataUrl: "https://idp.example/m" },
      },
    });
    expect(res.body).toMatchObject({
      id: row.id,
      connectorName: row.connectorName,
      domains: ["patch.example"],
      syncProfile: true,
      branding: { displayName: "Patch" },
      config: { metadataUrl: "https://idp.example/m" },
      providerType: "saml",
    });
    const empty = await call("PATCH", `/api/sso-connectors/${row.id}`, { body: {} });
    expect(empty.body).toEqual(res.body);
  });

  it("rejects token storage on a SAML connector", async () => {
    await contract.offSpec(async () => {
      const res = await call("POST", "/api/sso-connectors", {
        body: { providerName: "SAML", connectorName: unique("Storage"), enableTokenStorage: true },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("connector.token_storage_not_supported");
    });
  });

  it("deletes with 204, then answers 404", async () => {
    const row = await createConnector({ providerName: "OIDC", connectorName: unique("Delete") });
    const res = await call("DELETE", `/api/sso-connectors/${row.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await call("GET", `/api/sso-connectors/${row.id}`)).status).toBe(404);
  });

  it("lists the providers", async () => {
    const res = await call("GET", "/api/sso-connector-providers");
    expect(
      res.body.map(
        (p: { providerName: string; providerType: string }) => `${p.providerName}:${p.providerType}`,
      ),
    ).toEqual([
      "OIDC:oidc",
      "SAML:saml",
      "AzureAD:saml",
      "GoogleWorkspace:oidc",
      "Okta:oidc",
      "AzureAdOidc:oidc",
    ]);
  });
});

describe("pagination", () => {
  let paged: LogtoFakeServer;
  let pagedToken: string;
  const list = (query: string) =>
    raw(paged.baseURL, "GET", `/api/sso-connectors${query}`, { token: pagedToken });

  beforeAll(async () => {
    paged = await startCheckedFake({
      connectors: Array.from({ length: 5 }, (_, i) => ({
        providerName: "OIDC" as const,
        connectorName: `Paged ${i}`,
      })),
    });
    pagedToken = paged.issueAccessToken();
  });
  afterAll(() => paged.close());

  it("returns every connector and no paging headers when neither page nor page_size is sent", async () => {
    const res = await list("");
    expect(res.body).toHaveLength(5);
    expect(res.headers.get("total-number")).toBeNull();
    expect(res.headers.get("link")).toBeNull();
  });

  it("pages with Total-Number and Link when page or page_size is sent", async () => {
    const first = await list("?page_size=2");
    expect(first.body.map((c: { connectorName: string }) => c.connectorName)).toEqual(["Paged 0", "Paged 1"]);
    expect(first.headers.get("total-number")).toBe("5");
    const base = `${paged.baseURL}/api/sso-connectors`;
    expect(first.headers.get("link")).toBe(
      `<${base}?page_size=2&page=1>; rel="first", <${base}?page_size=2&page=3>; rel="last", <${base}?page_size=2&page=2>; rel="next"`,
    );
    const last = await list("?page=3&page_size=2");
    expect(last.body.map((c: { connectorName: string }) => c.connectorName)).toEqual(["Paged 4"]);
    expect(last.headers.get("link")).toContain('rel="prev"');
    expect(last.headers.get("link")).not.toContain('rel="next"');
    const onlyPage = await list("?page=2");
    expect(onlyPage.body).toEqual([]);
    expect(onlyPage.headers.get("total-number")).toBe("5");
  });

  it("rejects invalid pagination and page_size above 100 with 400 guard.invalid_pagination", async () => {
    await contract.offSpec(async () => {
      for (const query of ["?page_size=101", "?page=0", "?page=abc", "?page_size=-1", "?page=1.5"]) {
        const res = await list(query);
        expect(res.status, query).toBe(400);
        expect(res.body).toEqual({
          code: "guard.invalid_pagination",
          message: "The request pagination value is invalid.",
        });
      }
    });
  });
});

describe("SAML signing keys", () => {
  it("are only for SAML connectors", async () => {
    const oidc = await createConnector({ providerName: "OIDC", connectorName: unique("No keys") });
    const res = await call("GET", `/api/sso-connectors/${oidc.id}/signing-keys`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("connector.not_found");
    expect((await call("GET", "/api/sso-connectors/missing/signing-keys")).body.code).toBe(
      "entity.not_exists_with_id",
    );
  });

  it("create (inactive by default, real certificate), activate, rotate, and delete only inactive keys", async () => {
    const saml = await createConnector({ providerName: "AzureAD", connectorName: unique("Keys") });
    const keys = `/api/sso-connectors/${saml.id}/signing-keys`;
    const first = await call("POST", keys, { body: {} });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.stringMatching(/^[a-z0-9]{21}$/), active: false });
    expect(first.body.privateKey).toBeUndefined();
    const cert = new X509Certificate(first.body.certificate);
    expect(cert.fingerprint256).toBe(first.body.fingerprints.sha256.formatted);
    expect(first.body.fingerprints.sha256.unformatted).toBe(cert.fingerprint256.replaceAll(":", ""));
    expect(first.body.expiresAt - first.body.createdAt).toBe(3 * 365 * 86_400_000);

    const activated = await call("PATCH", `${keys}/${first.body.id}`, { body: { active: true } });
    expect(activated.body.active).toBe(true);
    const second = await call("POST", keys, { body: { active: true } });
    expect(second.body.active).toBe(true);
    const listed = await call("GET", keys);
    expect(listed.body.map((k: { id: string; active: boolean }) => [k.id, k.active])).toEqual([
      [first.body.id, false],
      [second.body.id, true],
    ]);

    const deleteActive = await call("DELETE", `${keys}/${second.body.id}`);
    expect(deleteActive.status).toBe(400);
    expect(deleteActive.body.code).toBe("single_sign_on.can_not_delete_active_signing_key");
    expect((await call("DELETE", `${keys}/${first.body.id}`)).status).toBe(204);
    const missing = await call("PATCH", `${keys}/${first.body.id}`, { body: { active: true } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(
      `The saml_sso_connector_signing_keys with ID \`${first.body.id}\` does not exist.`,
    );
  });

  it("lets a SAML connector sign requests once it has an active key", async () => {
    const saml = await createConnector({
      providerName: "SAML",
      connectorName: unique("Sign"),
      config: { metadataUrl: "https://idp.example/metadata" },
    });
    const enable = () =>
      call("PATCH", `/api/sso-connectors/${saml.id}`, {
        body: { config: { metadataUrl: "https://idp.example/metadata", signAuthnRequest: true } },
      });
    expect((await enable()).status).toBe(400);
    const key = await call("POST", `/api/sso-connectors/${saml.id}/signing-keys`, { body: { active: true } });
    expect((await enable()).status).toBe(200);
    const deactivate = await call("PATCH", `/api/sso-connectors/${saml.id}/signing-keys/${key.body.id}`, {
      body: { active: false },
    });
    expect(deactivate.status).toBe(400);
  });
});

describe("organization JIT SSO connectors", () => {
  it("adds (201, no body), lists bare rows, replaces (204) and removes (204)", async () => {
    const jit = `/api/organizations/${fake.organizationId}/jit/sso-connectors`;
    const a = await createConnector({ providerName: "OIDC", connectorName: unique("JIT a") });
    const b = await createConnector({ providerName: "SAML", connectorName: unique("JIT b") });
    expect((await call("GET", jit)).body).toEqual([]);
    const added = await call("POST", jit, { body: { ssoConnectorIds: [a.id, b.id] } });
    expect(added.status).toBe(201);
    expect(added.text).toBe("");
    const listed = await call("GET", jit);
    expect(listed.body).toEqual([a, b]);
    expect(listed.body[0].providerType).toBeUndefined();
    expect((await call("GET", `${jit}?page=1&page_size=1`)).headers.get("total-number")).toBe("2");
    expect((await call("PUT", jit, { body: { ssoConnectorIds: [b.id] } })).status).toBe(204);
    expect(fake.jitConnectorIds(fake.organizationId)).toEqual([b.id]);
    expect((await call("DELETE", `${jit}/${b.id}`)).status).toBe(204);
    expect(fake.jitConnectorIds(fake.organizationId)).toEqual([]);
  });

  it("answers 422 for unknown connectors, unknown organizations and unlinked connectors", async () => {
    const jit = `/api/organizations/${fake.organizationId}/jit/sso-connectors`;
    const add = await call("POST", jit, { body: { ssoConnectorIds: ["missing"] } });
    expect(add.status).toBe(422);
    expect(add.body.code).toBe("entity.relation_foreign_key_not_found");
    expect((await call("PUT", jit, { body: { ssoConnectorIds: ["missing"] } })).status).toBe(422);
    const a = await createConnector({ providerName: "OIDC", connectorName: unique("JIT orphan") });
    const org = await call("POST", "/api/organizations/no-such-org/jit/sso-connectors", {
      body: { ssoConnectorIds: [a.id] },
    });
    expect(org.status).toBe(422);
    expect((await call("DELETE", `${jit}/${a.id}`)).status).toBe(422);
  });

  it("removes a deleted connector from every organization", async () => {
    const jit = `/api/organizations/${fake.organizationId}/jit/sso-connectors`;
    const a = await createConnector({ providerName: "OIDC", connectorName: unique("JIT gone") });
    await call("POST", jit, { body: { ssoConnectorIds: [a.id] } });
    await call("DELETE", `/api/sso-connectors/${a.id}`);
    expect(fake.jitConnectorIds(fake.organizationId)).not.toContain(a.id);
  });

  it("seeds more organizations from options", async () => {
    const seeded = await startCheckedFake({ organizations: [{ id: "org-two", name: "Two" }] });
    try {
      const res = await raw(seeded.baseURL, "GET", "/api/organizations/org-two/jit/sso-connectors", {
        token: seeded.issueAccessToken(),
      });
      expect(res.status).toBe(200);
      expect(seeded.addOrganization("Three").id).toMatch(/^[a-z0-9]{12}$/);
    } finally {
      await seeded.close();
    }
  });

  it("answers 404 entity.not_exists_with_id for the JIT list of an unknown organization", async () => {
    const res = await call("GET", "/api/organizations/no-such-org/jit/sso-connectors");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: "entity.not_exists_with_id",
      message: "The organizations with ID `no-such-org` does not exist.",
    });
  });
});
