/**
 * The fake's IdP-initiated auth config, through the generated client (`ssoConnectors.idpInitiatedAuthConfig`)
 * and over raw HTTP for the errors a client would never send: Logto's checks in Logto's order.
 */
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BadRequestError,
  Logto,
  NotFoundError,
  type SsoConnectorIdpInitiatedAuthConfig,
} from "../src/index.js";
import type { LogtoFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: LogtoFakeServer;
let logto: Logto;
let samlId: string;
let n = 0;
const path = (id: string) => `/api/sso-connectors/${id}/idp-initiated-auth-config`;
const call = (method: string, url: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, url, { token: fake.issueAccessToken(), ...options });

async function saml(): Promise<string> {
  return (await logto.ssoConnectors.create({ providerName: "SAML", connectorName: `SAML ${++n}` })).id;
}

beforeAll(async () => {
  const spa = { clientId: "spa-app", type: "SPA" as const, redirectUris: ["https://spa.example/cb"] };
  fake = await startCheckedFake({
    applications: [spa, { clientId: "third-party", type: "Traditional", isThirdParty: true }],
  });
  logto = new Logto({
    endpoint: fake.baseURL,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    logLevel: "off",
  });
  samlId = await saml();
});
afterAll(() => fake.close());

describe("through the client", () => {
  it("sets (Logto sends the request), gets, replaces (the application's page does), and deletes", async () => {
    const auto = await logto.ssoConnectors.idpInitiatedAuthConfig.set(samlId, {
      autoSendAuthorizationRequest: true,
      defaultApplicationId: fake.applicationId,
      redirectUri: "https://app.acme.example/callback",
      authParameters: { scope: "openid email", prompt: "login" },
    });
    expect(auto).toEqual({
      tenantId: "default",
      connectorId: samlId,
      defaultApplicationId: fake.applicationId,
      redirectUri: "https://app.acme.example/callback",
      authParameters: { scope: "openid email", prompt: "login" },
      autoSendAuthorizationRequest: true,
      clientIdpInitiatedAuthCallbackUri: null,
      createdAt: expect.any(Number),
    } satisfies SsoConnectorIdpInitiatedAuthConfig);
    expect(await logto.ssoConnectors.idpInitiatedAuthConfig.get(samlId)).toEqual(auto);

    const client = await logto.ssoConnectors.idpInitiatedAuthConfig.set(samlId, {
      autoSendAuthorizationRequest: false,
      defaultApplicationId: "spa-app",
      clientIdpInitiatedAuthCallbackUri: "https://spa.example/sso",
    });
    expect(client).toMatchObject({
      defaultApplicationId: "spa-app",
      redirectUri: null,
      authParameters: {},
      autoSendAuthorizationRequest: false,
      clientIdpInitiatedAuthCallbackUri: "https://spa.example/sso",
      createdAt: auto.createdAt,
    });
    expect(fake.idpInitiatedAuthConfig(samlId)).toEqual(client);

    await logto.ssoConnectors.idpInitiatedAuthConfig.delete(samlId);
    expect(fake.idpInitiatedAuthConfig(samlId)).toBeUndefined();
    const gone = await logto.ssoConnectors.idpInitiatedAuthConfig.get(samlId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).error).toEqual({
      code: "entity.not_found",
      message: "The resource does not exist.",
    });
  });

  it("refuses an OIDC connector with 400 idp_initiated_authentication_not_supported", async () => {
    const oidc = await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: `OIDC ${++n}` });
    const err = await logto.ssoConnectors.idpInitiatedAuthConfig
      .set(oidc.id, { autoSendAuthorizationRequest: true, defaultApplicationId: fake.applicationId })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).error).toEqual({
      code: "single_sign_on.idp_initiated_authentication_not_supported",
      message: "IdP-initiated authentication is exclusively supported for SAML connectors.",
    });
  });

  it("answers 404 entity.not_exists_with_id for an unknown application, and sets nothing", async () => {
    const id = await saml();
    const err = await logto.ssoConnectors.idpInitiatedAuthConfig
      .set(id, {
        autoSendAuthorizationRequest: false,
        defaultApplicationId: "nope",
        clientIdpInitiatedAuthCallbackUri: "x",
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).error).toEqual({
      code: "entity.not_exists_with_id",
      message: "The applications with ID `nope` does not exist.",
    });
    expect(fake.idpInitiatedAuthConfig(id)).toBeUndefined();
  });
});

describe("Logto's other checks", () => {
  it("answers 404 entity.not_found for GET and DELETE when none is set (also for an unknown connector)", async () => {
    const id = await saml();
    for (const target of [id, "no-such-connector"]) {
      for (const method of ["GET", "DELETE"]) {
        const res = await call(method, path(target));
        expect(res.status, `${method} ${target}`).toBe(404);
        expect(res.body).toEqual({ code: "entity.not_found", message: "The resource does not exist." });
      }
    }
  });

  it("answers 404 entity.not_exists_with_id on PUT for an unknown connector", async () => {
    const res = await call("PUT", path("no-such-connector"), {
      body: { autoSendAuthorizationRequest: true, defaultApplicationId: fake.applicationId },
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: "entity.not_exists_with_id",
      message: "The sso_connectors with ID `no-such-connector` does not exist.",
    });
  });

  it("checks the application's type for each variant, and that redirectUri is registered", async () => {
    const body = (autoSend: boolean, defaultApplicationId: string, extra: Record<string, unknown> = {}) =>
      autoSend
        ? { autoSendAuthorizationRequest: true, defaultApplicationId, ...extra }
        : {
            autoSendAuthorizationRequest: false,
            defaultApplicationId,
            clientIdpInitiatedAuthCallbackUri: "https://x.example",
          };
    const cases: Array<[string, Record<string, unknown>, number, string | undefined]> = [
      [
        "an SPA when Logto sends the request",
        body(true, "spa-app"),
        400,
        "Invalid application type. Only Traditional, SAML applications are allowed.",
      ],
      ["an SPA when its page starts it", body(false, "spa-app"), 200, undefined],
      [
        "an M2M app",
        body(false, fake.clientId),
        400,
        "Invalid application type. Only Traditional, SPA, SAML applications are allowed.",
      ],
      [
        "a third-party web app",
        body(true, "third-party"),
        400,
        "Invalid application type. Only Traditional, SAML applications are allowed.",
      ],
      [
        "an unregistered redirect URI",
        body(true, fake.applicationId, { redirectUri: "https://elsewhere.example/cb" }),
        400,
        "The redirect_uri is not registered. Please check the application settings.",
      ],
      ["no redirect URI (the app's first one is used)", body(true, fake.applicationId), 200, undefined],
    ];
    for (const [label, payload, status, message] of cases) {
      const res = await call("PUT", path(samlId), { body: payload });
      expect(res.status, label).toBe(status);
      if (message) expect(res.body.message, label).toBe(message);
    }
  });

  it("answers 400 guard.invalid_input with the details of the variant the body names", async () => {
    await contract.offSpec(async () => {
      const missing = await call("PUT", path(samlId), {
        body: { autoSendAuthorizationRequest: false, defaultApplicationId: "x" },
      });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({
        code: "guard.invalid_input",
        message: "The request body is invalid.",
        details: 'Error in key path "clientIdpInitiatedAuthCallbackUri": (invalid_type) Required',
      });
      const long = await call("PUT", path(samlId), {
        body: { autoSendAuthorizationRequest: true, defaultApplicationId: "a".repeat(22) },
      });
      expect(long.body.details).toBe(
        'Error in key path "defaultApplicationId": (too_big) String must contain at most 21 character(s)',
      );
      const neither = await call("PUT", path(samlId), {
        body: { autoSendAuthorizationRequest: "yes", defaultApplicationId: "x" },
      });
      expect(neither.body.details).toBe('Error in key path "": (invalid_union) Invalid input');
    });
  });

  it("deletes a connector's config with the connector", async () => {
    const id = await saml();
    await call("PUT", path(id), {
      body: { autoSendAuthorizationRequest: true, defaultApplicationId: fake.applicationId },
    });
    expect(fake.idpInitiatedAuthConfig(id)).toBeDefined();
    expect((await call("DELETE", `/api/sso-connectors/${id}`)).status).toBe(204);
    expect(fake.idpInitiatedAuthConfig(id)).toBeUndefined();
  });

  it("seeds applications from options and adds more at run time", async () => {
    const web = fake.addApplication({ type: "Traditional", redirectUris: ["https://web.example/cb"] });
    expect(web).toMatchObject({
      type: "Traditional",
      isThirdParty: false,
      redirectUris: ["https://web.example/cb"],
    });
    const res = await call("PUT", path(samlId), {
      body: {
        autoSendAuthorizationRequest: true,
        defaultApplicationId: web.clientId,
        redirectUri: "https://web.example/cb",
      },
    });
    expect(res.status).toBe(200);
  });

  it("gives tokens to M2M applications only", async () => {
    const res = await raw(fake.baseURL, "POST", "/oidc/token", {
      rawBody: new URLSearchParams({
        grant_type: "client_credentials",
        resource: fake.resource,
        scope: "all",
      }).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from("spa-app:wrong").toString("base64")}`,
      },
    });
    expect(res.status).toBe(401);
    const web = fake.addApplication({ type: "Traditional" });
    const denied = await raw(fake.baseURL, "POST", "/oidc/token", {
      rawBody: new URLSearchParams({
        grant_type: "client_credentials",
        resource: fake.resource,
        client_id: web.clientId,
        client_secret: web.clientSecret,
      }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(denied.status).toBe(400);
    expect(denied.body.error).toBe("unauthorized_client");
  });
});
