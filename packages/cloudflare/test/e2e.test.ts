/**
 * End to end over real HTTP: the generated `Cloudflare` client against the fake, every pinned method, the
 * documented errors, and retries under injected faults. No fetch mocking; every exchange is contract-checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  Cloudflare,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  type Middleware,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../src/index.js";
import type { CloudflareFakeServer } from "../src/testing/index.js";
import { startCheckedFake } from "./support/contract.js";

let fake: CloudflareFakeServer;
let cf: Cloudflare;
let account_id: string;
let n = 0;
const domain = (label: string) => `${label}-${++n}.example`;
const requests = (method: string, pathEnd: RegExp) =>
  fake.exchanges.filter((e) => e.request.method === method && pathEnd.test(e.request.path));

beforeAll(async () => {
  fake = await startCheckedFake();
  account_id = fake.accountId;
  cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL, logLevel: "off" });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.clear();
  fake.clearExchanges();
});

describe("every pinned method", () => {
  it("create -> get -> list -> update -> beginVerification -> delete", async () => {
    const email_domain = domain("crud");
    const created = await cf.iam.sso.create({ account_id, email_domain });
    expect(created).toMatchObject({ email_domain, enabled: false, verification: { status: "pending" } });
    const id = created.id as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    expect(await cf.iam.sso.get(id, { account_id })).toEqual(created);

    const page = await cf.iam.sso.list({ account_id });
    expect(page.items.map((c) => c.id)).toContain(id);
    expect(page.hasNextPage()).toBe(false);

    const updated = await cf.iam.sso.update(id, { account_id, enabled: true, use_fedramp_language: true });
    expect(updated).toMatchObject({ id, enabled: true, use_fedramp_language: true });

    const begun = await cf.iam.sso.beginVerification(id, { account_id });
    expect(begun).toMatchObject({ success: true, errors: [], messages: [] });
    expect((await cf.iam.sso.get(id, { account_id })).verification?.status).toBe("verified");

    expect(await cf.iam.sso.delete(id, { account_id })).toEqual({ id });
    await expect(cf.iam.sso.get(id, { account_id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("create with begin_verification: false starts awaiting; withResponse exposes the HTTP response", async () => {
    const { data, response } = await cf.iam.sso
      .create({ account_id, email_domain: domain("awaiting"), begin_verification: false })
      .withResponse();
    expect(data.verification?.status).toBe("awaiting");
    expect(response.status).toBe(200);
    expect(response.headers.get("cf-ray")).toMatch(/-FAKE$/);
  });

  it("for await walks every connector of the single page in one request", async () => {
    for (let i = 0; i < 3; i++) await cf.iam.sso.create({ account_id, email_domain: domain("walk") });
    fake.clearExchanges();
    const ids: string[] = [];
    for await (const connector of cf.iam.sso.list({ account_id })) ids.push(connector.id as string);
    expect(ids).toEqual(fake.connectors().map((c) => c.id));
    expect(fake.exchanges).toHaveLength(1);
  });
});

describe("documented errors", () => {
  it("NotFoundError for an unknown connector, with the failure envelope in err.error", async () => {
    const err = await cf.iam.sso.get("f".repeat(32), { account_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      status: 404,
      error: {
        success: false,
        errors: [{ code: 1004, message: "SSO connector not found" }],
        messages: [],
        result: null,
      },
    });
    expect((err as Error).message).toContain("SSO connector not found");
  });

  it("NotFoundError (7003) for an unknown account", async () => {
    const err = await cf.iam.sso.list({ account_id: "0".repeat(32) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).error).toMatchObject({ errors: [{ code: 7003 }] });
  });

  it("ConflictError for a second connector on the same email domain", async () => {
    const email_domain = domain("conflict");
    await cf.iam.sso.create({ account_id, email_domain });
    const err = await cf.iam.sso.create({ account_id, email_domain }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).error).toMatchObject({ errors: [{ code: 1002 }] });
  });

  it("BadRequestError for an email_domain that is not a domain", async () => {
    const err = await cf.iam.sso
      .create({ account_id, email_domain: "not a domain" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).status).toBe(400);
  });

  it("PermissionDeniedError for a token the API does not accept", async () => {
    const wrong = new Cloudflare({ apiToken: "wrong-token", baseURL: fake.baseURL, logLevel: "off" });
    const err = await wrong.iam.sso.list({ account_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).error).toMatchObject({
      errors: [{ code: 10000, message: "Authentication error" }],
    });
    expect((err as Error).message).not.toContain("wrong-token");
  });

  it("AuthenticationError when the Authorization header does not reach the API", async () => {
    const stripping: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete("authorization");
      return fetch(input, { ...init, headers });
    };
    const noAuth = new Cloudflare({
      apiToken: "t",
      baseURL: fake.baseURL,
      fetch: stripping,
      logLevel: "off",
    });
    const err = await noAuth.iam.sso.list({ account_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).status).toBe(401);
  });
});

describe("retries under injected faults", () => {
  it("a GET that fails twice with 503 succeeds on the third try", async () => {
    fake.faults.failNext(2, { status: 503, match: { method: "GET" } });
    const page = await cf.iam.sso.list({ account_id });
    expect(page.items.length).toBeGreaterThanOrEqual(0);
    expect(requests("GET", /sso_connectors$/).map((e) => e.response?.status)).toEqual([503, 503, 200]);
  });

  it("gives up after maxRetries with InternalServerError", async () => {
    fake.faults.failNext(2, { status: 500, retryAfterMs: 10 });
    const err = await cf.iam.sso.list({ account_id }, { maxRetries: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(fake.exchanges).toHaveLength(2);
  });

  it("honours Retry-After on 429, and retries a create the server refused without acting", async () => {
    const email_domain = domain("ratelimited");
    fake.faults.failNext(1, { status: 429, retryAfter: 1, match: { method: "POST" } });
    const started = performance.now();
    const created = await cf.iam.sso.create({ account_id, email_domain });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(created.email_domain).toBe(email_domain);
    expect(requests("POST", /sso_connectors$/).map((e) => e.response?.status)).toEqual([429, 200]);
    expect(fake.connectors().filter((c) => c.email_domain === email_domain)).toHaveLength(1);
  });

  it("RateLimitError when 429 persists", async () => {
    fake.faults.failNext(3, { status: 429, retryAfterMs: 5 });
    await expect(cf.iam.sso.list({ account_id })).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.exchanges).toHaveLength(3);
  });

  it("does not repeat a create whose connection dropped after the server acted: exactly one connector", async () => {
    const email_domain = domain("dropped");
    fake.faults.dropNext({ when: "after", match: { method: "POST" } });
    const err = await cf.iam.sso.create({ account_id, email_domain }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(requests("POST", /sso_connectors$/)).toHaveLength(1);
    expect(fake.connectors().filter((c) => c.email_domain === email_domain)).toHaveLength(1);
  });

  it("does not repeat a create answered 503 without Retry-After (it may have acted)", async () => {
    fake.faults.failNext(1, { status: 503, match: { method: "POST" } });
    await expect(cf.iam.sso.create({ account_id, email_domain: domain("no-retry") })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(requests("POST", /sso_connectors$/)).toHaveLength(1);
  });

  it("retries a GET whose connection dropped, and an idempotent PATCH answered 502", async () => {
    const created = await cf.iam.sso.create({ account_id, email_domain: domain("idempotent") });
    const id = created.id as string;
    fake.clearExchanges();
    fake.faults.dropNext({ when: "after", match: { method: "GET" } });
    expect((await cf.iam.sso.get(id, { account_id })).id).toBe(id);
    expect(fake.exchanges.map((e) => e.dropped)).toEqual([true, false]);
    fake.faults.failNext(1, { status: 502, match: { method: "PATCH" } });
    expect((await cf.iam.sso.update(id, { account_id, enabled: true })).enabled).toBe(true);
    expect(requests("PATCH", /./).map((e) => e.response?.status)).toEqual([502, 200]);
  });

  it("turns an HTML error page into an APIError with an excerpt, not a SyntaxError", async () => {
    fake.faults.htmlNext({ status: 502, times: 3 });
    const err = await cf.iam.sso.list({ account_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as InternalServerError).status).toBe(502);
    expect((err as Error).message).toContain("502 Bad Gateway");
  });

  it("turns truncated JSON into an APIError", async () => {
    fake.faults.truncateNext({ times: 3 });
    const err = await cf.iam.sso.list({ account_id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(err).not.toBeInstanceOf(SyntaxError);
  });

  it("times out with APIConnectionTimeoutError, and aborts with APIUserAbortError", async () => {
    fake.faults.delayNext(1_000);
    await expect(cf.iam.sso.list({ account_id }, { timeout: 100, maxRetries: 0 })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    fake.faults.delayNext(1_000);
    const controller = new AbortController();
    const pending = cf.iam.sso.list({ account_id }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
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
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; hits: { method?: string; url?: string; body: string; auth?: string }[] }> {
  const hits: { method?: string; url?: string; body: string; auth?: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      hits.push({ method: req.method, url: req.url, body, auth: req.headers.authorization });
      handler(req, res, body);
    });
  });
  server.keepAliveTimeout = 1;
  hostiles.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}
const envelope = (result: unknown) => JSON.stringify({ success: true, errors: [], messages: [], result });
const ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

describe("a server that cannot be trusted", () => {
  it.each([
    ["null", null, "expected object, got null"],
    ['"OK"', "OK", "expected object, got string"],
    ["[]", [], "expected object, got array"],
    ["42", 42, "expected object, got integer"],
  ])("a get answered with result %s is an APIError, never a connector", async (_, result, problem) => {
    const server = await hostile((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(envelope(result)),
    );
    const client = new Cloudflare({ apiToken: "t0ken-abc", baseURL: server.url, logLevel: "off" });
    const err = await client.iam.sso.get("c1", { account_id: ACCOUNT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(200);
    expect((err as Error).message).toContain(`unexpected body (${problem})`);
  });

  it("a list answered with result: null is an APIError, never an empty page", async () => {
    const server = await hostile((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(envelope(null)),
    );
    const client = new Cloudflare({ apiToken: "t0ken-abc", baseURL: server.url, logLevel: "off" });
    await expect(client.iam.sso.list({ account_id: ACCOUNT })).rejects.toThrow(
      /unexpected body \(expected array, got null\)/,
    );
  });

  it("a create redirected to another origin sends its body and token nowhere else", async () => {
    const elsewhere = await hostile((_req, res) => res.writeHead(200).end(envelope({})));
    const server = await hostile((_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/steal` }).end(),
    );
    const client = new Cloudflare({ apiToken: "t0ken-abc", baseURL: server.url, logLevel: "off" });
    const err = await client.iam.sso
      .create({ account_id: ACCOUNT, email_domain: "acme.example" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as Error).message).toBe(
      `POST /accounts/{account_id}/sso_connectors -> 307 redirect to ${elsewhere.url} not followed: it leaves ${server.url}, and credentials and bodies are only sent there`,
    );
    expect(elsewhere.hits).toEqual([]);
    expect(server.hits).toHaveLength(1);
  });

  it("a same-origin redirect of a get is followed, with the token", async () => {
    const server = await hostile((req, res) => {
      if (req.url?.endsWith("/moved"))
        return res.writeHead(200, { "content-type": "application/json" }).end(envelope({ id: "c1" }));
      res.writeHead(308, { location: "/moved" }).end();
    });
    const client = new Cloudflare({ apiToken: "t0ken-abc", baseURL: server.url, logLevel: "off" });
    expect(await client.iam.sso.get("c1", { account_id: ACCOUNT })).toEqual({ id: "c1" });
    expect(server.hits.map((h) => h.auth)).toEqual(["Bearer t0ken-abc", "Bearer t0ken-abc"]);
  });

  it("a body that stalls mid-way times out; an endless one is cut off at maxResponseBytes", async () => {
    const stalling = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"success":true,"result":');
    });
    const slow = new Cloudflare({
      apiToken: "t",
      baseURL: stalling.url,
      logLevel: "off",
      timeout: 300,
      maxRetries: 0,
    });
    await expect(slow.iam.sso.get("c1", { account_id: ACCOUNT })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    let written = 0;
    const endless = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 32);
      const pump = () => {
        while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 64 * 1024 * 1024) res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const capped = new Cloudflare({
      apiToken: "t",
      baseURL: endless.url,
      logLevel: "off",
      maxResponseBytes: 1024 * 1024,
    });
    const err = await capped.iam.sso.get("c1", { account_id: ACCOUNT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as Error).message).toMatch(/larger than maxResponseBytes \(1048576\); cut off/);
    expect(written).toBeLessThan(64 * 1024 * 1024); // the client stopped reading long before the server stopped writing
  });

  it("a plain-text 404 from a server without the route says the server does not serve the endpoint", async () => {
    const server = await hostile((_req, res) =>
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found"),
    );
    const client = new Cloudflare({ apiToken: "t", baseURL: server.url, logLevel: "off" });
    const err = await client.iam.sso.get("c1", { account_id: ACCOUNT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(
      /-> 404 this server does not serve the endpoint.*404 page not found/,
    );
  });
});

describe("callers' mistakes are caught before any request", () => {
  it.each([
    ["list() without params", () => (cf.iam.sso.list as (p?: unknown) => unknown)()],
    ["get(id) without params", () => (cf.iam.sso.get as (id: string) => unknown)("c1")],
    ["create without email_domain", () => cf.iam.sso.create({ account_id } as never)],
    [
      "a header with CR/LF",
      () => cf.iam.sso.list({ account_id }, { headers: { "X-Trace": "a\r\nX-Evil: 1" } }),
    ],
  ])("%s", async (_, call) => {
    const err = await Promise.resolve()
      .then(() => call() as PromiseLike<unknown>)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(fake.exchanges).toHaveLength(0);
  });

  it("a baseURL without a scheme is refused with a hint", () => {
    expect(() => new Cloudflare({ apiToken: "t", baseURL: "localhost:8787" })).toThrow(
      'baseURL must be an http or https URL, got "localhost:8787"; did you mean "http://localhost:8787"?',
    );
  });
});

describe("escape hatches that keep the guarantees", () => {
  it("middleware sees each retry, with the token set", async () => {
    const seen: string[] = [];
    const tracing: Middleware = {
      onRequest: ({ request }) =>
        void seen.push(
          `${request.method} ${request.headers.get("authorization") ? "authorized" : "anonymous"}`,
        ),
      onResponse: ({ response }) => void seen.push(String(response.status)),
    };
    const traced = new Cloudflare({
      apiToken: fake.apiToken,
      baseURL: fake.baseURL,
      logLevel: "off",
      middleware: [tracing],
    });
    fake.faults.failNext(1, { status: 503, match: { method: "GET" } });
    await traced.iam.sso.list({ account_id });
    expect(seen).toEqual(["GET authorized", "503", "GET authorized", "200"]);
  });

  it("raw carries the token, is retried, and is typed by the spec's paths", async () => {
    fake.faults.failNext(1, { status: 503, match: { method: "GET" } });
    const { data, error } = await cf.raw.GET("/accounts/{account_id}/sso_connectors", {
      params: { path: { account_id } },
      headers: { "X-Test": "raw" }, // tells its exchanges from late ones of earlier tests
    });
    expect(error).toBeUndefined();
    expect(data?.success).toBe(true);
    expect(Array.isArray(data?.result)).toBe(true);
    const mine = fake.exchanges.filter((e) => e.request.headers["x-test"] === "raw");
    expect(mine.map((e) => `${e.request.headers.authorization} ${e.response?.status}`)).toEqual([
      `Bearer ${fake.apiToken} 503`,
      `Bearer ${fake.apiToken} 200`,
    ]);
  });

  it("asResponse gives the Response with its body unread", async () => {
    const created = await cf.iam.sso.create({ account_id, email_domain: domain("raw") });
    const response = await cf.iam.sso.get(created.id as string, { account_id }).asResponse();
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(false);
    expect(((await response.json()) as { result: { id: string } }).result.id).toBe(created.id);
  });

  it("50 calls sharing one signal print no listener warning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const { signal } = new AbortController();
      await Promise.all(Array.from({ length: 50 }, () => cf.iam.sso.list({ account_id }, { signal })));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });
});
