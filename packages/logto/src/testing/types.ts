/** The public types of `@sso/logto/testing`, built on the spec's generated types so a spec change reaches them. */
import type { Exchange, FakeHttpServer, FakeServerOptions } from "@sso/core/testing";
import type { components } from "../generated/schema.js";

export type { Exchange, FakeServerOptions };

type Schemas = components["schemas"];

export type ProviderName = Schemas["SsoProviderName"];
export type ProviderType = Schemas["SsoProviderType"];
export type ProviderDetail = Schemas["SsoConnectorProviderDetail"];
/** A connector row as the fake stores it and create returns it. */
export type FakeSsoConnector = Schemas["SsoConnector"];
/** A SAML SP signing key as the API returns it (no private key). */
export type FakeSigningKey = Schemas["SsoConnectorSigningKey"];
export type FakeIdpInitiatedAuthConfig = Schemas["SsoConnectorIdpInitiatedAuthConfig"];

/** Logto's application types; only `MachineToMachine` apps get tokens from `/oidc/token`. */
export type ApplicationType = "MachineToMachine" | "Traditional" | "SPA" | "Native" | "SAML";

export interface FakeOrganization {
  id: string;
  name: string;
}

export interface FakeApplication {
  clientId: string;
  clientSecret: string;
  /** Management API scopes granted to the app's role (`all` for full access; M2M apps only). */
  scopes: string[];
  type: ApplicationType;
  /** Registered OIDC redirect URIs (web apps). */
  redirectUris: string[];
  isThirdParty: boolean;
}

/** An application to seed or add; everything defaults (an M2M app with no scopes, random credentials). */
export interface SeedApplication {
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  type?: ApplicationType;
  redirectUris?: string[];
  isThirdParty?: boolean;
}

export interface SeedConnector {
  providerName: ProviderName;
  connectorName: string;
  id?: string;
  config?: FakeSsoConnector["config"];
  domains?: string[];
  branding?: FakeSsoConnector["branding"];
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
}

export interface LogtoFakeOptions extends FakeServerOptions {
  /** The M2M app whose tokens carry scope `all` (defaults: random). */
  clientId?: string;
  clientSecret?: string;
  /** More applications: M2M apps (e.g. one without `all`, to provoke 403) or web apps for IdP-initiated sign-in. */
  applications?: SeedApplication[];
  /** The API indicator a token request must name as `resource` (default `https://default.logto.app/api`). */
  resource?: string;
  tenantId?: string;
  /** Access token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Organizations to seed in addition to the default one. */
  organizations?: Array<{ id?: string; name: string }>;
  connectors?: SeedConnector[];
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

export interface LogtoFakeServer extends FakeHttpServer {
  /** The fake's origin: pass it to the client as `endpoint` (or `baseURL`). */
  readonly baseURL: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API indicator tokens are issued for. */
  readonly resource: string;
  readonly tenantId: string;
  /** `${baseURL}/oidc/token`. */
  readonly tokenURL: string;
  /** An organization that exists in the fake. */
  readonly organizationId: string;
  /** A first-party Traditional web app (redirect URI `https://app.acme.example/callback`), for IdP-initiated sign-in. */
  readonly applicationId: string;
  /** Every access token issued so far stops working now (the next call gets 401 `auth.unauthorized`). */
  expireTokens(): void;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenTtl(seconds: number): void;
  /** How many tokens `/oidc/token` has issued. */
  readonly tokensIssued: number;
  /** Issues a token directly (for clients built with `{ accessToken }`); default scope `all`. */
  issueAccessToken(options?: { scope?: string }): string;
  /** Registers another application; default an M2M app with scopes `[]` (its tokens get 403). */
  addApplication(options?: Omit<SeedApplication, "clientId" | "clientSecret">): FakeApplication;
  addOrganization(name: string, id?: string): FakeOrganization;
  /** Copies of every connector, oldest first. */
  connectors(): FakeSsoConnector[];
  /** Connector ids linked to an organization for JIT provisioning. */
  jitConnectorIds(organizationId: string): string[];
  /** A copy of a connector's IdP-initiated auth config, if it has one. */
  idpInitiatedAuthConfig(connectorId: string): FakeIdpInitiatedAuthConfig | undefined;
}
