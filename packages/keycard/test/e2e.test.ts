/**
 * End to end over real HTTP: the generated `Keycard` client (client credentials with HTTP Basic against the
 * fake's /service-account-token) and every pinned method, the documented errors, token refresh and retries
 * under injected faults. No fetch mocking; every exchange is contract-checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  ConflictError,
  InvalidArgumentError,
  Keycard,
  type Middleware,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../src/index.js";
import type { KeycardFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: KeycardFakeServer;
let keycard: Keycard;
let org: string;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const enableParams = {
  identifier: "https://idp.acme.example",
  client_id: "keycard-acme",
  client_secret: "s3cr3t-value",
};
const api = () => fake.exchanges.filter((e) => e.request.path !== "/service-account-token");

function client(overrides: Partial<ConstructorParameters<typeof Keycard>[0]> = {}): Keycard {
  return new Keycard({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    baseURL: fake.baseURL,
    logLevel: "off",
    ...overrides,
  });
}

beforeAll(async () => {
  fake = await startCheckedFake({ organizations: [{ id: "org_locked", label: "locked", forbidden: true }] });
  keycard = client();
  org = fake.organizationId;
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.faults.clear();
  if (fake.connection(org)) await keycard.organizations.ssoConnection.disable(org);
  fake.clearExchanges();
});

describe("every pinned method", () => {
  it("enable -> retrieve -> update -> disable -> retrieve 404", async () => {
    const enabled = await keycard.organizations.ssoConnection.enable(org, enableParams);
    expect(enabled).toMatchObject({
      identifier: enableParams.identifier,
      client_id: "keycard-acme",
      client_secret_set: true,
    });
    expect(enabled).not.toHaveProperty("client_secret");

    expect(await keycard.organizations.ssoConnection.retrieve(org)).toEqual(enabled);
    const expanded = await keycard.organizations.ssoConnection.retrieve(org, { expand: ["permissions"] });
    expect(expanded.permissions).toEqual({
      organizations: { read: true, update: true },
      users: { read: true, list: true },
    });
    expect(fake.exchanges.at(-1)?.request.query).toEqual({ expand: ["permissions"] });

    const updated = await keycard.organizations.ssoConnection.update(org, {
      client_secret: null,
      identifier: "https://idp2.example",
    });
    expect(updated).toMatchObject({
      id: enabled.id,
      identifier: "https://idp2.example",
      client_secret_set: false,
    });

    await expect(keycard.organizations.ssoConnection.disable(org)).resolves.toBeUndefined();
    const err = await keycard.organizations.ssoConnection.retrieve(org).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).error).toEqual({
      message: "Organization not found or SSO not enabled",
      code: "not_found",
      status: 404,
    });
  });

  it("addresses an organization by its label too", async () => {
    await keycard.organizations.ssoConnection.enable("acme", enableParams);
    expect((await keycard.organizations.ssoConnection.retrieve(org)).identifier).toBe(
      enableParams.identifier,
    );
  });

  it("sends a UUID X-Client-Request-ID on every call, or the caller's own", async () => {
    await keycard.organizations.ssoConnection.enable(org, enableParams);
    const mine = "3f1c2b9e-6a4d-4e8f-9b1a-2c7d5e0f8a31";
    const { response } = await keycard.organizations.ssoConnection
      .retrieve(org, { "X-Client-Request-ID": mine })
      .withResponse();
    expect(response.headers.get("x-client-request-id")).toBe(mine);
    const ids = api().map((e) => e.request.headers["x-client-request-id"]);
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toBe(mine);
  });
});

describe("documented errors", () => {
  it("ConflictError when SSO is already enabled", async () => {
    await keycard.organizations.ssoConnection.enable(org, enableParams);
    const err = await keycard.organizations.ssoConnection.enable(org, enableParams).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).error).toEqual({
      message: "SSO is already enabled for this organization",
      code: "conflict",
      status: 409,
    });
  });

  it("NotFoundError for update and disable when SSO is not enabled, and for an unknown organization", async () => {
    await expect(keycard.organizations.ssoConnection.update(org, { client_id: "x" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(keycard.organizations.ssoConnection.disable(org)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      keycard.organizations.ssoConnection.enable("org_missing", enableParams),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("UnprocessableEntityError for an identifier over 2048 characters", async () => {
    await contract.offSpec(async () => {
      const err = await keycard.organizations.ssoConnection
        .enable(org, { ...enableParams, identifier: `https://${"a".repeat(2050)}` })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnprocessableEntityError);
      expect((err as UnprocessableEntityError).error).toMatchObject({
        code: "validation_error",
        status: 422,
      });
    });
  });

  it("PermissionDeniedError for an organization the service account may not manage", async () => {
    const err = await keycard.organizations.ssoConnection.retrieve("org_locked").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
  });

  it("AuthenticationError for wrong credentials, without leaking the secret", async () => {
    const wrong = client({ clientSecret: "definitely-wrong-secret" });
    const err = await wrong.organizations.ssoConnection.retrieve(org).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).not.toContain("definitely-wrong-secret");
  });
});

describe("tokens", () => {
  it("authenticates the token request with HTTP Basic and a form body", async () => {
    await client().organizations.ssoConnection.enable(org, enableParams);
    const tokenExchange = fake.exchanges.find((e) => e.request.path === "/service-account-token");
    expect(tokenExchange?.request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString("base64")}`,
    );
    expect(tokenExchange?.request.body).toEqual({ grant_type: "client_credentials" });
  });

  it("refreshes exactly once after the server expires its tokens", async () => {
    const fresh = client();
    await fresh.organizations.ssoConnection.enable(org, enableParams);
    const before = fake.tokensIssued;
    fake.expireTokens();
    fake.clearExchanges();
    await fresh.organizations.ssoConnection.retrieve(org);
    await fresh.organizations.ssoConnection.retrieve(org);
    expect(fake.tokensIssued - before).toBe(1);
    expect(fake.exchanges.map((e) => `${e.request.method} ${e.request.path} ${e.response?.status}`)).toEqual([
      `GET /organizations/${org}/sso-connection 401`,
      "POST /service-account-token 200",
      `GET /organizations/${org}/sso-connection 200`,
      `GET /organizations/${org}/sso-connection 200`,
    ]);
  });

  it("works with a static access token", async () => {
    const static_ = client({
      accessToken: fake.issueAccessToken(),
      clientId: undefined,
      clientSecret: undefined,
    });
    await expect(static_.organizations.ssoConnection.enable(org, enableParams)).resolves.toMatchObject({
      client_secret_set: true,
    });
  });
});

describe("retries under injected faults", () => {
  it("a GET that fails twice with 503 succeeds on the third try, keeping one request id", async () => {
    await keycard.organizations.ssoConnection.enable(org, enableParams);
    fake.clearExchanges();
    fake.faults.failNext(2, { status: 503, match: { method: "GET" } });
    await keycard.organizations.ssoConnection.retrieve(org);
    expect(api().map((e) => e.response?.status)).toEqual([503, 503, 200]);
    expect(new Set(api().map((e) => e.request.headers["x-client-request-id"])).size).toBe(1);
  });

  it("honours Retry-After on 429 for enable, which the server refused without acting", async () => {
    await keycard.organizations.ssoConnection.disable(org).catch(() => undefined);
    await keycard.organizations.ssoConnection.retrieve(org).catch(() => undefined); // token first
    fake.clearExchanges();
    fake.faults.failNext(1, {
      status: 429,
      retryAfter: 1,
      match: { method: "POST", path: /sso-connection$/ },
    });
    const started = performance.now();
    await keycard.organizations.ssoConnection.enable(org, enableParams);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(api().map((e) => e.response?.status)).toEqual([429, 201]);
  });

  it("RateLimitError when 429 persists", async () => {
    await keycard.organizations.ssoConnection.retrieve(org).catch(() => undefined);
    fake.faults.failNext(3, { status: 429, retryAfterMs: 5 });
    await expect(keycard.organizations.ssoConnection.retrieve(org)).rejects.toBeInstanceOf(RateLimitError);
  });

  it("does not repeat an enable whose connection dropped after the server acted", async () => {
    await keycard.organizations.ssoConnection.retrieve(org).catch(() => undefined);
    fake.clearExchanges();
    fake.faults.dropNext({ when: "after", match: { method: "POST", path: /sso-connection$/ } });
    const err = await keycard.organizations.ssoConnection.enable(org, enableParams).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(api()).toHaveLength(1);
    expect(fake.connection(org)).toBeDefined();
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
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; hits: { method?: string; url?: string; auth?: string }[] }> {
  const hits: { method?: string; url?: string; auth?: string }[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push({ method: req.method, url: req.url, auth: req.headers.authorization });
      handler(req, res);
    });
  });
  server.keepAliveTimeout = 1;
  hostiles.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}
const TOKEN = JSON.stringify({ access_token: "at-hostile", token_type: "Bearer", expires_in: 3600 });

describe("a server that cannot be trusted", () => {
  it.each([
    [
      "{}",
      "{}",
      'the object lacks "id", "identifier", "client_id", "client_secret_set", "created_at", "updated_at"',
    ],
    ["null", "null", "expected object, got null"],
    ["[]", "[]", "expected object, got array"],
  ])("a retrieve answered 200 %s is an APIError with an excerpt", async (_, body, problem) => {
    const server = await hostile((req, res) => {
      if (req.url === "/service-account-token")
        return void res.writeHead(200, { "content-type": "application/json" }).end(TOKEN);
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    const client = new Keycard({
      clientId: "sa",
      clientSecret: "sa-secret-5",
      baseURL: server.url,
      logLevel: "off",
    });
    const err = await client.organizations.ssoConnection.retrieve("org_1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as Error).message).toBe(
      `GET /organizations/{organization_id}/sso-connection -> 200 unexpected body (${problem}): ${body}`,
    );
  });

  it("a token request redirected elsewhere sends the Basic credentials nowhere else", async () => {
    const elsewhere = await hostile((_req, res) => res.writeHead(200).end(TOKEN));
    const server = await hostile((_req, res) =>
      res.writeHead(302, { location: `${elsewhere.url}/token` }).end(),
    );
    const client = new Keycard({
      clientId: "sa",
      clientSecret: "sa-secret-5",
      baseURL: server.url,
      logLevel: "off",
    });
    const err = await client.organizations.ssoConnection.retrieve("org_1").catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `POST /service-account-token -> 302 redirect to ${elsewhere.url} not followed: token requests never follow redirects`,
    );
    expect(elsewhere.hits).toEqual([]);
  });
});

describe("callers' mistakes are caught before any request", () => {
  it.each([
    [
      "enable(org) without params",
      () => (keycard.organizations.ssoConnection.enable as (o: string) => unknown)(org),
      /missing required fields "identifier", "client_id"/,
    ],
    [
      "enable with a body that cannot be JSON",
      () => keycard.organizations.ssoConnection.enable(org, { ...enableParams, protocols: [10n] } as never),
      /cannot be sent as JSON \(it contains a BigInt\)/,
    ],
    [
      "a request id with CR/LF",
      () => keycard.organizations.ssoConnection.retrieve(org, { "X-Client-Request-ID": "a\r\nb" }),
      /header "X-Client-Request-ID" contains CR, LF or NUL/,
    ],
  ])("%s", async (_, call, message) => {
    const err = await Promise.resolve()
      .then(() => call() as PromiseLike<unknown>)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(message);
    expect(api()).toHaveLength(0);
  });
});

describe("escape hatches that keep the guarantees", () => {
  it("middleware sees each retry and the token refresh's retry, after auth", async () => {
    await keycard.organizations.ssoConnection.enable(org, enableParams);
    const seen: string[] = [];
    const tracing: Middleware = {
      onRequest: ({ request, schemaPath }) =>
        void seen.push(`${request.method} ${schemaPath} ${request.headers.has("authorization")}`),
      onResponse: ({ response }) => void seen.push(String(response.status)),
    };
    const traced = client({ middleware: [tracing] });
    fake.faults.failNext(1, { status: 503, match: { method: "GET" } });
    await traced.organizations.ssoConnection.retrieve(org);
    expect(seen).toEqual([
      "GET /organizations/{organization_id}/sso-connection true",
      "503",
      "GET /organizations/{organization_id}/sso-connection true",
      "200",
    ]);
  });

  it("raw goes through the token flow and the retry rule", async () => {
    await keycard.organizations.ssoConnection.enable(org, enableParams);
    fake.faults.failNext(1, { status: 503, match: { method: "GET", path: /sso-connection$/ } });
    const { data, error } = await client().raw.GET("/organizations/{organization_id}/sso-connection", {
      params: {
        path: { organization_id: org },
        header: { "X-Client-Request-ID": "7d9f3a52-4b1e-4c8a-9f2d-3e6b5a1c0d47" },
      },
    });
    expect(error).toBeUndefined();
    expect(data?.identifier).toBe(enableParams.identifier);
    const mine = api().filter(
      (e) => e.request.headers["x-client-request-id"] === "7d9f3a52-4b1e-4c8a-9f2d-3e6b5a1c0d47",
    );
    expect(
      mine.map((e) => `${e.request.headers.authorization?.split(" ")[0]} ${e.response?.status}`),
    ).toEqual(["Bearer 503", "Bearer 200"]);
  });
});
