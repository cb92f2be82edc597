/** The public types of `@sso/keycard/testing`, built on the spec's generated types so a spec change reaches them. */
import type { Exchange, FakeHttpServer, FakeServerOptions } from "@sso/core/testing";
import type { components } from "../generated/schema.js";

export type { Exchange, FakeServerOptions };

type Schemas = components["schemas"];

export type Permissions = Schemas["SSOConnectionPermissions"];

/** A connection as the API returns it without `expand`: the spec's `SSOConnection`, `protocols` always present. */
export type FakeSSOConnection = Required<Omit<Schemas["SSOConnection"], "permissions">>;

/** A connection as the fake stores it: the secret is kept, but never returned. */
export type StoredSSOConnection = FakeSSOConnection & { client_secret: string | null };

export interface FakeOrganization {
  id: string;
  label: string;
  /** The service account may not manage it: every call answers 403. */
  forbidden: boolean;
}

export interface SeedSSOConnection {
  /** An organization id or label (default: the default organization). */
  organization?: string;
  identifier: string;
  client_id: string | null;
  client_secret?: string | null;
  protocols?: Schemas["SSOConnectionProtocol"] | null;
}

export interface KeycardFakeOptions extends FakeServerOptions {
  /** The service account's credentials (defaults: random). */
  clientId?: string;
  clientSecret?: string;
  /** The id of the default organization (default: random `org_...`); its label is `acme`. */
  organizationId?: string;
  /** More organizations. */
  organizations?: Array<{ id?: string; label: string; forbidden?: boolean }>;
  /** SSO connections to seed, per organization (id or label; default: the default organization). */
  connections?: SeedSSOConnection[];
  /** What `expand=permissions` returns (default: organizations read/update, users read/list). */
  permissions?: Permissions;
  /** Access token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

export interface KeycardFakeServer extends FakeHttpServer {
  readonly clientId: string;
  readonly clientSecret: string;
  /** An organization that exists in the fake (label `acme`). */
  readonly organizationId: string;
  /** `${baseURL}/service-account-token`. */
  readonly tokenURL: string;
  /** How many tokens `/service-account-token` has issued. */
  readonly tokensIssued: number;
  /** Every access token issued so far stops working now (the next call gets 401). */
  expireTokens(): void;
  setTokenTtl(seconds: number): void;
  /** Issues a token directly (for clients built with `{ accessToken }`). */
  issueAccessToken(): string;
  addOrganization(label: string, options?: { id?: string; forbidden?: boolean }): FakeOrganization;
  /** A copy of an organization's connection as stored, including whether a secret is set; undefined when disabled. */
  connection(organizationId: string): StoredSSOConnection | undefined;
}
