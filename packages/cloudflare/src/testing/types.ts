/** The public types of `@sso/cloudflare/testing`, built on the spec's generated types so a spec change reaches them. */
import type { Exchange, FakeHttpServer, FakeServerOptions } from "@sso/core/testing";
import type { components } from "../generated/schema.js";

export type { Exchange, FakeServerOptions };

type Schemas = components["schemas"];

export type VerificationStatus = Schemas["SSOConnectorVerificationStatus"];

/** A connector as the fake stores and returns it: the spec's `SSOConnector` with every field present. */
export type FakeSSOConnector = Required<Omit<Schemas["SSOConnector"], "verification">> & {
  verification: Required<Schemas["SSOConnectorVerification"]>;
};

/** A connector to seed the fake with. */
export interface SeedSSOConnector {
  /** Default: the fake's `accountId`. The account is created if it does not exist. */
  account_id?: string;
  email_domain: string;
  id?: string;
  enabled?: boolean;
  use_fedramp_language?: boolean;
  verification_status?: VerificationStatus;
}

export interface CloudflareFakeOptions extends FakeServerOptions {
  /** The API token the fake accepts (default: a random 40-character token). */
  apiToken?: string;
  /** The account that exists in the fake (default: random 32 hex). */
  accountId?: string;
  /** More accounts the token can reach. */
  accounts?: string[];
  connectors?: SeedSSOConnector[];
  /** Domains whose DNS check fails: their second `begin_verification` ends in `failed`. */
  unverifiableDomains?: string[];
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

export interface CloudflareFakeServer extends FakeHttpServer {
  /** Pass as `new Cloudflare({ apiToken, baseURL })`. */
  readonly apiToken: string;
  /** A 32-hex account that exists in the fake. */
  readonly accountId: string;
  /** Copies of the connectors of an account (default: `accountId`), oldest first. */
  connectors(accountId?: string): FakeSSOConnector[];
  /** Adds an account the token can reach; returns its id. */
  addAccount(accountId?: string): string;
  /**
   * Concludes (or restarts) a connector's DNS ownership check, as Cloudflare does on its own time: for tests of
   * code that waits for verification. Throws for an unknown connector.
   */
  setVerificationStatus(connectorId: string, status: VerificationStatus, accountId?: string): void;
}
