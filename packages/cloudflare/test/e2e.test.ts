/**
 * End to end over real HTTP: the generated `Cloudflare` client against the fake, every pinned method, the
 * documented errors, and retries under injected faults. No fetch mocking; every exchange is contract-checked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
