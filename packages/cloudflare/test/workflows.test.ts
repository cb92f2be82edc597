/**
 * The hand-written workflows over real HTTP against the fake: `ensure` creates, leaves alone or updates only what
 * differs, and survives a create whose answer was lost; `waitForVerification` follows a check to verified, to
 * failed, to its deadline, and stops on the caller's signal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APIUserAbortError, Cloudflare, VerificationError } from "../src/index.js";
import type { CloudflareFakeServer, Exchange } from "../src/testing/index.js";
import { startCheckedFake } from "./support/contract.js";

let fake: CloudflareFakeServer;
let cf: Cloudflare;
let account_id: string;
let n = 0;
/** What a test does when the fake answers a read (flip a verification after a few polls, say). */
let onRead: ((exchange: Exchange) => void) | undefined;
const domain = (label: string) => `${label}-${++n}.example`;
const writes = () => fake.exchanges.filter((e) => e.request.method !== "GET").map((e) => e.request.method);

beforeAll(async () => {
  fake = await startCheckedFake({
    onExchange: (exchange) => {
      if (exchange.request.method === "GET") onRead?.(exchange);
    },
  });
  account_id = fake.accountId;
  cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL, logLevel: "off" });
});
afterAll(() => fake.close());
beforeEach(() => {
  onRead = undefined;
  fake.faults.clear();
  fake.clearExchanges();
});

describe("ensure", () => {
  it("creates the connector when its domain is absent, then writes nothing when nothing differs", async () => {
    const email_domain = domain("new");
    const first = await cf.iam.sso.ensure({ account_id, email_domain });
    expect(first.created).toBe(true);
    expect(first.connector).toMatchObject({ email_domain, enabled: false });
    expect(writes()).toEqual(["POST"]);

    fake.clearExchanges();
    // The domain is matched without regard to case.
    const again = await cf.iam.sso.ensure({ account_id, email_domain: email_domain.toUpperCase() });
    expect(again).toEqual({ connector: first.connector, created: false });
    expect(writes()).toEqual([]);
  });

  it("updates only the fields that differ", async () => {
    const email_domain = domain("update");
    await cf.iam.sso.create({ account_id, email_domain, use_fedramp_language: true });
    fake.clearExchanges();
    const { connector, created } = await cf.iam.sso.ensure({
      account_id,
      email_domain,
      enabled: true,
      use_fedramp_language: true,
    });
    expect(created).toBe(false);
    expect(connector).toMatchObject({ enabled: true, use_fedramp_language: true });
    const patches = fake.exchanges.filter((e) => e.request.method === "PATCH");
    expect(patches.map((e) => e.request.body)).toEqual([{ enabled: true }]);
  });

  it("creates and then sets what create cannot (enabled)", async () => {
    const { connector, created } = await cf.iam.sso.ensure({
      account_id,
      email_domain: domain("on"),
      enabled: true,
    });
    expect(created).toBe(true);
    expect(connector.enabled).toBe(true);
    expect(writes()).toEqual(["POST", "PATCH"]);
  });

  it("after a create whose answer was lost, finds the connector instead of making a second one", async () => {
    const email_domain = domain("dropped");
    fake.faults.dropNext({ when: "after", match: { method: "POST" } });
    const { connector, created } = await cf.iam.sso.ensure({ account_id, email_domain });
    expect(created).toBe(true);
    expect(connector.email_domain).toBe(email_domain);
    expect(fake.connectors().filter((c) => c.email_domain === email_domain)).toHaveLength(1);
    // One create reached the fake; the SDK did not send it again.
    expect(writes()).toEqual(["POST"]);
  });
});

describe("waitForVerification", () => {
  it("polls a pending connector until it is verified, and resolves with it", async () => {
    const { id } = await cf.iam.sso.create({ account_id, email_domain: domain("verify") });
    let reads = 0;
    onRead = () => {
      if (++reads === 2) fake.setVerificationStatus(id as string, "verified");
    };
    const connector = await cf.iam.sso.waitForVerification(id as string, { account_id }, { interval: 1 });
    expect(connector.verification?.status).toBe("verified");
    expect(reads).toBe(3);
  });

  it("rejects with VerificationError carrying the connector when the check fails", async () => {
    const { id } = await cf.iam.sso.create({ account_id, email_domain: domain("fail") });
    onRead = () => fake.setVerificationStatus(id as string, "failed");
    const error = await cf.iam.sso
      .waitForVerification(id as string, { account_id }, { interval: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).message).toMatch(/verification failed/);
    expect((error as VerificationError<{ id?: string }>).connector.id).toBe(id);
  });

  it("rejects with VerificationError once the deadline passes, with the last status in the message", async () => {
    const { id } = await cf.iam.sso.create({ account_id, email_domain: domain("slow") });
    const error = await cf.iam.sso
      .waitForVerification(id as string, { account_id }, { timeout: 0, interval: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as Error).message).toMatch(/not verified within 0 ms \(status pending\)/);
  });

  it("stops when the caller's signal aborts", async () => {
    const { id } = await cf.iam.sso.create({ account_id, email_domain: domain("abort") });
    const controller = new AbortController();
    onRead = () => controller.abort();
    const error = await cf.iam.sso
      .waitForVerification(id as string, { account_id }, { interval: 60_000, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });
});
