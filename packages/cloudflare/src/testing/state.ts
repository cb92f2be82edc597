/** The fake's accounts and their connectors. Reads return copies; writes happen only in a reply's commit. */
import { randomHex } from "@sso/core/testing";
import type { FakeSSOConnector, SeedSSOConnector, VerificationStatus } from "./types.js";

const HEX32 = /^[0-9a-f]{32}$/;

export class CloudflareState {
  /** account id -> connector id -> connector (a Map keeps insertion order: oldest first). */
  readonly #accounts = new Map<string, Map<string, FakeSSOConnector>>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The current time as the API writes it. */
  iso(): string {
    return new Date(this.#now()).toISOString();
  }

  addAccount(id: string = randomHex(32)): string {
    if (!HEX32.test(id)) throw new Error(`account ids are 32 lowercase hex characters: ${id}`);
    if (!this.#accounts.has(id)) this.#accounts.set(id, new Map());
    return id;
  }

  hasAccount(id: string): boolean {
    return this.#accounts.has(id);
  }

  /** Copies of an account's connectors, oldest first (none for an unknown account). */
  list(accountId: string): FakeSSOConnector[] {
    return [...(this.#accounts.get(accountId)?.values() ?? [])].map(copy);
  }

  /** True when a connector of the account passes `test` (reads the rows in place: checked on every create). */
  some(accountId: string, test: (connector: Readonly<FakeSSOConnector>) => boolean): boolean {
    for (const connector of this.#accounts.get(accountId)?.values() ?? []) if (test(connector)) return true;
    return false;
  }

  find(accountId: string, connectorId: string): FakeSSOConnector | undefined {
    const found = this.#accounts.get(accountId)?.get(connectorId);
    return found ? copy(found) : undefined;
  }

  /** A new connector, not stored yet: `put` it in a commit. */
  build(seed: SeedSSOConnector, beginVerification: boolean): FakeSSOConnector {
    const id = seed.id ?? randomHex(32);
    const at = this.iso();
    const status: VerificationStatus =
      seed.verification_status ?? (beginVerification ? "pending" : "awaiting");
    return {
      id,
      email_domain: seed.email_domain,
      enabled: seed.enabled ?? false,
      use_fedramp_language: seed.use_fedramp_language ?? false,
      verification: { code: `cloudflare_dashboard_sso=${id}`, status },
      created_on: at,
      updated_on: at,
    };
  }

  put(accountId: string, connector: FakeSSOConnector): void {
    this.#accounts.get(this.addAccount(accountId))?.set(connector.id, copy(connector));
  }

  remove(accountId: string, connectorId: string): void {
    this.#accounts.get(accountId)?.delete(connectorId);
  }
}

function copy(connector: FakeSSOConnector): FakeSSOConnector {
  return { ...connector, verification: { ...connector.verification } };
}
