/**
 * End to end over real HTTP: the generated `Logto` client (client credentials against the fake's
 * /oidc/token) and every pinned method, the documented errors, token refresh, pagination across pages and
 * retries under injected faults. No fetch mocking; every exchange is contract-checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  Logto,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "../src/index.js";
import type { LogtoFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: LogtoFakeServer;
let logto: Logto;
let n = 0;
const name = (label: string) => `${label} ${++n}`;
const count = (method: string, path: string | RegExp) =>
  fake.exchanges.filter(
    (e) =>
      e.request.method === method &&
      (typeof path === "string" ? e.request.path === path : path.test(e.request.path)),
  ).length;

function client(overrides: Partial<ConstructorParameters<typeof Logto>[0]> = {}): Logto {
  return new Logto({
    endpoint: fake.baseURL,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    logLevel: "off",
    ...overrides,
  });
}

beforeAll(async () => {
  fake = await startCheckedFake();
  logto = client();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.clear();
  fake.clearExchanges();
});

describe("every pinned method", () => {
  it("ssoConnectorProviders.list", async () => {
    const providers = await logto.ssoConnectorProviders.list();
    expect(providers.items.map((p) => p.providerName)).toEqual([
      "OIDC",
      "SAML",
      "AzureAD",
      "GoogleWorkspace",
      "Okta",
      "AzureAdOidc",
    ]);
  });

  it("ssoConnectors: create (bare row) -> get -> list -> update -> delete -> get 404", async () => {
    const connectorName = name("Acme OIDC");
    const created = await logto.ssoConnectors.create({
      providerName: "OIDC",
      connectorName,
      config: { clientId: "acme", clientSecret: "s3cr3t", issuer: "https://idp.acme.example" },
      domains: ["ACME.example"],
    });
    expect(created).toMatchObject({
      connectorName,
      providerName: "OIDC",
      domains: ["acme.example"],
      tenantId: "default",
    });
    expect(created).not.toHaveProperty("providerType");

    const got = await logto.ssoConnectors.get(created.id);
    expect(got).toMatchObject({ ...created, providerType: "oidc", name: "OIDC" });
    expect(got.providerConfig).toMatchObject({ authorizationEndpoint: "https://idp.acme.example/authorize" });

    const ids: string[] = [];
    for await (const connector of logto.ssoConnectors.list()) ids.push(connector.id);
    expect(ids).toContain(created.id);

    const updated = await logto.ssoConnectors.update(created.id, {
      syncProfile: true,
      branding: { displayName: "Acme" },
    });
    expect(updated).toMatchObject({ id: created.id, syncProfile: true, branding: { displayName: "Acme" } });

    await expect(logto.ssoConnectors.delete(created.id)).resolves.toBeUndefined();
    const err = await logto.ssoConnectors.get(created.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).error).toEqual({
      code: "entity.not_exists_with_id",
      message: `The sso_connectors with ID \`${created.id}\` does not exist.`,
    });
  });

  it("ssoConnectors.signingKeys: create -> list -> update -> delete", async () => {
    const saml = await logto.ssoConnectors.create({ providerName: "SAML", connectorName: name("Keys") });
    const staged = await logto.ssoConnectors.signingKeys.create(saml.id);
    expect(staged).toMatchObject({
      active: false,
      fingerprints: { sha256: { formatted: expect.any(String) } },
    });
    const active = await logto.ssoConnectors.signingKeys.create(saml.id, { active: true });
    expect((await logto.ssoConnectors.signingKeys.list(saml.id)).items.map((k) => k.active)).toEqual([
      false,
      true,
    ]);
    const switched = await logto.ssoConnectors.signingKeys.update(staged.id, { id: saml.id, active: true });
    expect(switched.active).toBe(true);
    await expect(logto.ssoConnectors.signingKeys.delete(active.id, { id: saml.id })).resolves.toBeUndefined();
    const err = await logto.ssoConnectors.signingKeys
      .delete(staged.id, { id: saml.id })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).error).toMatchObject({
      code: "single_sign_on.can_not_delete_active_signing_key",
    });
  });

  it("organizations.jitSsoConnectors: add -> list -> replace -> delete", async () => {
    const org = fake.organizationId;
    const a = await logto.ssoConnectors.create({ providerName: "Okta", connectorName: name("JIT a") });
    const b = await logto.ssoConnectors.create({ providerName: "SAML", connectorName: name("JIT b") });
    await expect(
      logto.organizations.jitSsoConnectors.add(org, { ssoConnectorIds: [a.id, b.id] }),
    ).resolves.toBeUndefined();
    expect((await logto.organizations.jitSsoConnectors.list(org)).items.map((c) => c.id)).toEqual([
      a.id,
      b.id,
    ]);
    await logto.organizations.jitSsoConnectors.replace(org, { ssoConnectorIds: [b.id] });
    expect(fake.jitConnectorIds(org)).toEqual([b.id]);
    await logto.organizations.jitSsoConnectors.delete(b.id, { id: org });
    expect(fake.jitConnectorIds(org)).toEqual([]);
    const err = await logto.organizations.jitSsoConnectors.delete(b.id, { id: org }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
  });
});

describe("documented errors", () => {
  it("UnprocessableEntityError connector.not_found for an unknown providerName", async () => {
    await contract.offSpec(async () => {
      const err = await logto.ssoConnectors
        .create({ providerName: "NoSuchProvider" as "OIDC", connectorName: name("Unknown") })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnprocessableEntityError);
      expect((err as UnprocessableEntityError).error).toEqual({
        code: "connector.not_found",
        message: "Cannot find any available connector for type: NoSuchProvider.",
      });
    });
  });

  it("UnprocessableEntityError for public and already-used domains, with the domains in error.data.data", async () => {
    const publicErr = await logto.ssoConnectors
      .create({ providerName: "OIDC", connectorName: name("Public"), domains: ["gmail.com"] })
      .catch((e: unknown) => e);
    expect(publicErr).toBeInstanceOf(UnprocessableEntityError);
    expect((publicErr as UnprocessableEntityError).error).toMatchObject({
      code: "single_sign_on.forbidden_domains",
      data: { data: ["gmail.com"] },
    });
    await logto.ssoConnectors.create({
      providerName: "OIDC",
      connectorName: name("Owner"),
      domains: ["owned-e2e.example"],
    });
    const usedErr = await logto.ssoConnectors
      .create({ providerName: "OIDC", connectorName: name("Second"), domains: ["owned-e2e.example"] })
      .catch((e: unknown) => e);
    expect((usedErr as UnprocessableEntityError).error).toMatchObject({
      code: "single_sign_on.duplicated_domains",
    });
  });

  it("ConflictError for a duplicate connectorName", async () => {
    const connectorName = name("Twice");
    await logto.ssoConnectors.create({ providerName: "OIDC", connectorName });
    const err = await logto.ssoConnectors
      .create({ providerName: "SAML", connectorName })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).error).toMatchObject({ code: "single_sign_on.duplicate_connector_name" });
  });

  it("BadRequestError for a config the provider rejects", async () => {
    const err = await logto.ssoConnectors
      .create({
        providerName: "SAML",
        connectorName: name("Signed"),
        config: { metadataUrl: "https://idp.example/m", signAuthnRequest: true },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).error).toMatchObject({
      code: "single_sign_on.active_signing_key_required",
    });
  });

  it("PermissionDeniedError auth.forbidden for an app whose token lacks scope all", async () => {
    const app = fake.addApplication({ scopes: [] });
    const limited = client({ clientId: app.clientId, clientSecret: app.clientSecret });
    const err = await limited.ssoConnectors.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).error).toMatchObject({ code: "auth.forbidden" });
  });

  it("AuthenticationError for a wrong client secret, without leaking it", async () => {
    const wrong = client({ clientSecret: "definitely-wrong-secret" });
    const err = await wrong.ssoConnectors.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(String((err as Error).message)).not.toContain("definitely-wrong-secret");
  });

  it("works with a static access token, and AuthenticationError once it is expired", async () => {
    const token = fake.issueAccessToken();
    const static_ = new Logto({ endpoint: fake.baseURL, accessToken: token, logLevel: "off" });
    await expect(static_.ssoConnectorProviders.list()).resolves.toBeDefined();
    fake.expireTokens();
    const err = await static_.ssoConnectorProviders.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).error).toMatchObject({ code: "auth.unauthorized" });
  });
});

describe("tokens", () => {
  it("fetches one token for many concurrent calls, and reuses it", async () => {
    const fresh = client();
    await Promise.all(Array.from({ length: 20 }, () => fresh.ssoConnectorProviders.list()));
    await fresh.ssoConnectorProviders.list();
    expect(count("POST", "/oidc/token")).toBe(1);
    expect(count("GET", "/api/sso-connector-providers")).toBe(21);
  });

  it("refreshes exactly once after the server expires its tokens", async () => {
    const fresh = client();
    await fresh.ssoConnectorProviders.list();
    fake.expireTokens();
    fake.clearExchanges();
    await fresh.ssoConnectorProviders.list();
    await fresh.ssoConnectorProviders.list();
    expect(count("POST", "/oidc/token")).toBe(1);
    expect(fake.exchanges.map((e) => `${e.request.method} ${e.request.path} ${e.response?.status}`)).toEqual([
      "GET /api/sso-connector-providers 401",
      "POST /oidc/token 200",
      "GET /api/sso-connector-providers 200",
      "GET /api/sso-connector-providers 200",
    ]);
  });

  it("sends the client credentials as form fields with the OSS resource and scope all", async () => {
    await client().ssoConnectorProviders.list();
    const tokenExchange = fake.exchanges.find((e) => e.request.path === "/oidc/token");
    expect(tokenExchange?.request.body).toMatchObject({
      grant_type: "client_credentials",
      client_id: fake.clientId,
      resource: "https://default.logto.app/api",
      scope: "all",
    });
    expect(tokenExchange?.request.headers.authorization).toBeUndefined();
  });
});

describe("pagination", () => {
  it("walks 250 connectors with for await in 3 requests of 100", async () => {
    const paged = await startCheckedFake();
    try {
      const c = new Logto({
        endpoint: paged.baseURL,
        clientId: paged.clientId,
        clientSecret: paged.clientSecret,
        logLevel: "off",
      });
      const names = Array.from({ length: 250 }, (_, i) => `Bulk ${String(i).padStart(3, "0")}`);
      for (let i = 0; i < names.length; i += 25) {
        await Promise.all(
          names
            .slice(i, i + 25)
            .map((connectorName) => c.ssoConnectors.create({ providerName: "OIDC", connectorName })),
        );
      }
      paged.clearExchanges();
      const seen: string[] = [];
      for await (const connector of c.ssoConnectors.list()) seen.push(connector.connectorName);
      expect(seen).toHaveLength(250);
      expect(new Set(seen)).toEqual(new Set(names));
      const lists = paged.exchanges.filter((e) => e.request.path === "/api/sso-connectors");
      expect(lists.map((e) => e.request.query)).toEqual([
        { page: ["1"], page_size: ["100"] },
        { page: ["2"], page_size: ["100"] },
        { page: ["3"], page_size: ["100"] },
      ]);
    } finally {
      await paged.close();
    }
  });

  it("pages by hand with hasNextPage and getNextPage", async () => {
    for (let i = 0; i < 5; i++)
      await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: name("Hand") });
    const total = fake.connectors().length;
    let page = await logto.ssoConnectors.list({ page_size: 2 });
    let items = page.items.length;
    let pages = 1;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      items += page.items.length;
      pages++;
    }
    expect(items).toBe(total);
    expect(pages).toBe(Math.ceil(total / 2));
  });
});

describe("retries under injected faults", () => {
  it("a GET that fails twice with 503 succeeds on the third try", async () => {
    await logto.ssoConnectorProviders.list(); // token cached first, so the faults hit the API call
    fake.clearExchanges();
    fake.faults.failNext(2, { status: 503, match: { path: "/api/sso-connectors" } });
    await logto.ssoConnectors.list();
    expect(fake.exchanges.map((e) => e.response?.status)).toEqual([503, 503, 200]);
  });

  it("does not repeat a create whose connection dropped after the server acted", async () => {
    const connectorName = name("Dropped");
    await logto.ssoConnectorProviders.list();
    fake.faults.dropNext({ when: "after", match: { method: "POST", path: "/api/sso-connectors" } });
    const err = await logto.ssoConnectors
      .create({ providerName: "OIDC", connectorName })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(count("POST", "/api/sso-connectors")).toBe(1);
    expect(fake.connectors().filter((c) => c.connectorName === connectorName)).toHaveLength(1);
  });

  it("retries a token request that failed with 503", async () => {
    fake.faults.failNext(1, { status: 503, retryAfterMs: 10, match: { path: "/oidc/token" } });
    await client().ssoConnectorProviders.list();
    expect(fake.exchanges.map((e) => `${e.request.path} ${e.response?.status}`)).toEqual([
      "/oidc/token 503",
      "/oidc/token 200",
      "/api/sso-connector-providers 200",
    ]);
  });
});

/** A throwaway HTTP server on 127.0.0.1 that answers with `handler` and remembers what reached it. */
const hostiles: Server[] = [];
afterEach(async () => {
  await Promise.all(
    hostiles.splice(0).map((server) => {
      server.closeAllConnections(); // a stalled exchange must not keep the server open
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});
async function hostile(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => unknown,
): Promise<{ url: string; hits: { method?: string; url?: string; body: string }[] }> {
  const hits: { method?: string; url?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      hits.push({ method: req.method, url: req.url, body });
      void handler(req, res, body);
    });
  });
  server.keepAliveTimeout = 1;
  hostiles.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}
const TOKEN = JSON.stringify({
  access_token: "at-hostile",
  token_type: "Bearer",
  expires_in: 3600,
  scope: "all",
});
const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(200, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const connector = (i: number) => ({
  id: `c${i}`,
  tenantId: "default",
  providerName: "OIDC",
  connectorName: `C ${i}`,
  config: {},
  domains: [],
  branding: {},
  syncProfile: false,
  enableTokenStorage: false,
  createdAt: 0,
  name: "OIDC",
  providerType: "oidc",
  providerLogo: "",
  providerLogoDark: "",
  providerConfig: {},
});
const hostileClient = (url: string, overrides: Partial<ConstructorParameters<typeof Logto>[0]> = {}) =>
  new Logto({
    endpoint: url,
    clientId: "app",
    clientSecret: "the-client-secret-9",
    logLevel: "off",
    ...overrides,
  });

describe("a server that cannot be trusted", () => {
  it("a token request redirected to another origin sends the client secret nowhere else", async () => {
    const elsewhere = await hostile((_req, res) => res.writeHead(200).end(TOKEN));
    const server = await hostile((_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/oidc/token` }).end(),
    );
    const err = await hostileClient(server.url)
      .ssoConnectors.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as Error).message).toBe(
      `POST /oidc/token -> 307 redirect to ${elsewhere.url} not followed: token requests never follow redirects`,
    );
    expect(elsewhere.hits).toEqual([]);
    expect(server.hits.map((h) => `${h.method} ${h.url}`)).toEqual(["POST /oidc/token"]);
  });

  it("a create redirected to another origin does not replay its body (with the IdP secret) there", async () => {
    const elsewhere = await hostile((_req, res) => json(res, connector(1)));
    const server = await hostile((req, res) => {
      if (req.url === "/oidc/token")
        return void res.writeHead(200, { "content-type": "application/json" }).end(TOKEN);
      res.writeHead(308, { location: `${elsewhere.url}${req.url}` }).end();
    });
    const err = await hostileClient(server.url)
      .ssoConnectors.create({
        providerName: "OIDC",
        connectorName: "x",
        config: { clientId: "idp", clientSecret: "idp-secret-77", issuer: "https://idp.example" },
      })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /-> 308 redirect to http:\/\/127\.0\.0\.1:\d+ not followed: it leaves/,
    );
    expect(elsewhere.hits).toEqual([]);
  });

  it("a server that ignores ?page while claiming a huge Total-Number is stopped after one repeated page", async () => {
    const page = Array.from({ length: 100 }, (_, i) => connector(i));
    const server = await hostile((req, res) => {
      if (req.url === "/oidc/token")
        return void res.writeHead(200, { "content-type": "application/json" }).end(TOKEN);
      json(res, page, { "Total-Number": "100000" });
    });
    let seen = 0;
    const err = await (async () => {
      for await (const _ of hostileClient(server.url).ssoConnectors.list()) seen++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as Error).message).toMatch(/page 2 repeats the items of the previous page \(by id\)/);
    expect(seen).toBe(100);
    expect(server.hits.filter((h) => h.url?.startsWith("/api/sso-connectors"))).toHaveLength(2);
  });

  it("when Total-Number and Link cannot be read (a browser without CORS exposure), the walk goes on and ends on the first short page", async () => {
    for (let i = 0; i < 5; i++)
      await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: name("Hidden") });
    const total = fake.connectors().length;
    // A proxy in front of the fake that drops the count headers, as a browser hides unexposed headers.
    const proxy = await hostile(async (req, res, body) => {
      const upstream = await fetch(`${fake.baseURL}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            ([k]) => k !== "host" && k !== "connection" && k !== "content-length",
          ),
        ) as Record<string, string>,
        ...(body ? { body } : {}),
      });
      const headers = Object.fromEntries(
        [...upstream.headers].filter(
          ([k]) =>
            !/^(total-number|link|content-length|content-encoding|transfer-encoding|connection|keep-alive)$/i.test(
              k,
            ),
        ),
      );
      res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
    });
    let seen = 0;
    for await (const _ of hostileClient(proxy.url, {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    }).ssoConnectors.list({ page_size: 2 }))
      seen++;
    expect(seen).toBe(total);
    const lists = proxy.hits.filter((h) => h.url?.startsWith("/api/sso-connectors"));
    expect(lists).toHaveLength(Math.floor(total / 2) + 1);
  });

  it("page and page_size outside the spec's bounds are refused before any request", async () => {
    for (const params of [{ page_size: 0 }, { page_size: 101 }, { page: 0 }, { page: 1.5 }]) {
      const err = await logto.ssoConnectors.list(params).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
    }
    expect(count("GET", "/api/sso-connectors")).toBe(0);
  });

  it("a plain-text 404 from a Logto that lacks the route says the server does not serve the endpoint", async () => {
    // The stock Logto 1.42.0 release answers routes it does not have with a plain-text 404.
    const server = await hostile((req, res) => {
      if (req.url === "/oidc/token")
        return void res.writeHead(200, { "content-type": "application/json" }).end(TOKEN);
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not Found");
    });
    const err = await hostileClient(server.url)
      .ssoConnectors.signingKeys.list("c1")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(
      /^GET \/api\/sso-connectors\/\{id\}\/signing-keys -> 404 this server does not serve the endpoint \(served by Logto Cloud, .+\); it answered non-JSON body \(text\/plain\): Not Found$/,
    );
  });

  it("a per-call timeout bounds the token request the call waits for", async () => {
    const server = await hostile(() => {}); // accepts, never answers
    const client = hostileClient(server.url, { timeout: 60_000 });
    const err = await client.ssoConnectors
      .list(undefined, { timeout: 300, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect((err as Error).message).toBe(
      "GET /api/sso-connectors: timed out after 300 ms waiting for the access token",
    );
  });
});
