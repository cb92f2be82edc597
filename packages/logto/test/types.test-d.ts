/** Type tests of the generated client: what compiles, what must not, and what calls resolve to. */
import { describe, expectTypeOf, it } from "vitest";
import {
  type APIPromise,
  Logto,
  type Page,
  type PagePromise,
  type SsoConnector,
  type SsoConnectorProviderDetail,
  type SsoConnectorSigningKey,
  type SsoConnectorWithProviderConfig,
  type SsoProviderName,
} from "../src/index.js";

declare const logto: Logto;

describe("@sso/logto types", () => {
  it("create requires providerName and connectorName, and keys config by provider", () => {
    logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "Acme" });
    logto.ssoConnectors.create({
      providerName: "SAML",
      connectorName: "Acme SAML",
      config: { metadataUrl: "https://idp.acme.example/saml/metadata" },
    });
    // @ts-expect-error connectorName is required
    logto.ssoConnectors.create({ providerName: "OIDC" });
    // @ts-expect-error not a provider
    logto.ssoConnectors.create({ providerName: "Auth0", connectorName: "Acme" });
  });

  it("enums reject wrong strings", () => {
    expectTypeOf<SsoProviderName>().toEqualTypeOf<
      "OIDC" | "SAML" | "AzureAD" | "GoogleWorkspace" | "Okta" | "AzureAdOidc"
    >();
    // @ts-expect-error not a provider name
    const name: SsoProviderName = "oidc";
    void name;
  });

  it("the positional id is required; the rest is optional where the spec says so", () => {
    // @ts-expect-error the id is required
    logto.ssoConnectors.get();
    logto.ssoConnectors.update("id");
    logto.ssoConnectors.update("id", { domains: ["acme.example"], syncProfile: true });
    // @ts-expect-error the connector id and active are required
    logto.ssoConnectors.signingKeys.update("keyId", {});
    logto.ssoConnectors.signingKeys.update("keyId", { id: "connectorId", active: true });
    logto.organizations.jitSsoConnectors.add("orgId", { ssoConnectorIds: ["a"] });
    // @ts-expect-error ssoConnectorIds is an array
    logto.organizations.jitSsoConnectors.replace("orgId", { ssoConnectorIds: "a" });
  });

  it("resolves to the spec's models", () => {
    expectTypeOf(logto.ssoConnectors.get("id")).toEqualTypeOf<APIPromise<SsoConnectorWithProviderConfig>>();
    expectTypeOf(logto.ssoConnectors.create({ providerName: "Okta", connectorName: "x" })).toEqualTypeOf<
      APIPromise<SsoConnector>
    >();
    expectTypeOf(logto.ssoConnectors.delete("id")).toEqualTypeOf<APIPromise<void>>();
    expectTypeOf(logto.ssoConnectors.signingKeys.create("id")).toEqualTypeOf<
      APIPromise<SsoConnectorSigningKey>
    >();
  });

  it("lists are pages, and for await yields the item type", async () => {
    const list = logto.ssoConnectors.list({ page_size: 50 });
    expectTypeOf(list).toEqualTypeOf<PagePromise<SsoConnectorWithProviderConfig>>();
    expectTypeOf(await list).toEqualTypeOf<Page<SsoConnectorWithProviderConfig>>();
    for await (const connector of list)
      expectTypeOf(connector).toEqualTypeOf<SsoConnectorWithProviderConfig>();
    for await (const provider of logto.ssoConnectorProviders.list()) {
      expectTypeOf(provider).toEqualTypeOf<SsoConnectorProviderDetail>();
    }
    for await (const row of logto.organizations.jitSsoConnectors.list("orgId")) {
      expectTypeOf(row).toEqualTypeOf<SsoConnector>();
    }
    // @ts-expect-error page_size is a number
    logto.ssoConnectors.list({ page_size: "50" });
  });

  it("takes the pinned options", () => {
    new Logto({ endpoint: "http://localhost:3001", clientId: "id", clientSecret: "secret" });
    new Logto({ tenantId: "abc", clientId: "id", clientSecret: "secret", apiResource: "https://x/api" });
    new Logto({ endpoint: "http://localhost:3001", accessToken: "t", timeout: 1, maxRetries: 0 });
    // @ts-expect-error not an option
    new Logto({ secret: "s" });
  });

  it("the IdP-initiated auth config body is the union on autoSendAuthorizationRequest", () => {
    const config = logto.ssoConnectors.idpInitiatedAuthConfig;
    config.set("id", { autoSendAuthorizationRequest: true, defaultApplicationId: "app", redirectUri: null });
    config.set("id", {
      autoSendAuthorizationRequest: false,
      defaultApplicationId: "app",
      clientIdpInitiatedAuthCallbackUri: "https://app.acme.example/callback",
    });
    // @ts-expect-error without the automatic request, the callback URI is required
    config.set("id", { autoSendAuthorizationRequest: false, defaultApplicationId: "app" });
  });

  it("ensure takes the create body and says whether it created", () => {
    expectTypeOf(
      logto.ssoConnectors.ensure({ providerName: "OIDC", connectorName: "Acme" }),
    ).resolves.toEqualTypeOf<{
      connector: SsoConnector;
      created: boolean;
    }>();
    // @ts-expect-error the name is the natural key
    logto.ssoConnectors.ensure({ providerName: "OIDC" });
  });
});
