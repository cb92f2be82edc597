/** Realistic response bodies, shaped like the examples of specs/*.openapi.yaml, served by the stub fetch. */

export const accountId = "023e105f4ecef8ad9ca31a8372d0c353";
export const cloudflareConnectorId = "5f8e1c2d3b4a59687f0e1d2c3b4a5968";
export const logtoConnectorId = "k2x9q7m4p1w8z5v3";
export const organizationId = "org_01hzy7k3d8w2m5q9";

const cloudflareConnector = {
  id: cloudflareConnectorId,
  email_domain: "acme.example",
  enabled: true,
  created_on: "2025-01-01T12:21:02.0000Z",
  updated_on: "2025-01-01T12:21:02.0000Z",
  use_fedramp_language: false,
  verification: { code: `cloudflare_dashboard_sso=${cloudflareConnectorId}`, status: "verified" },
};

export const cloudflareEnvelope = { success: true, errors: [], messages: [], result: cloudflareConnector };

export const logtoConnector = {
  tenantId: "default",
  id: logtoConnectorId,
  providerName: "OIDC",
  connectorName: "acme-oidc",
  config: { clientId: "acme-client", issuer: "https://idp.acme.example", scope: "openid profile email" },
  domains: ["acme.example"],
  branding: { displayName: "Acme" },
  syncProfile: false,
  enableTokenStorage: false,
  createdAt: 1_735_734_062_000,
  name: "OIDC",
  providerType: "oidc",
  providerLogo: "data:image/svg+xml;base64,PHN2Zy8+",
  providerLogoDark: "data:image/svg+xml;base64,PHN2Zy8+",
};

export const keycardConnection = {
  id: "ssoc_01hzy7m2c4x8k1n6",
  identifier: "https://idp.acme.example",
  client_id: "acme-client",
  client_secret_set: true,
  created_at: "2025-01-01T12:21:02Z",
  updated_at: "2025-01-01T12:21:02Z",
  protocols: { openid: { userinfo_endpoint: "https://idp.acme.example/userinfo" } },
};

/**
 * A `fetch` that answers every call with `body` as JSON, resolved on `process.nextTick`: the cost measured
 * around it is the client's own (the method of bench/ANCHORS.md §3, after openapi-fetch's own benchmark).
 */
export function stubFetch(body: unknown): typeof fetch {
  const text = JSON.stringify(body);
  const init: ResponseInit = { status: 200, headers: { "content-type": "application/json" } };
  return ((_input: RequestInfo | URL, _init?: RequestInit) =>
    new Promise<Response>((resolve) => {
      process.nextTick(() => resolve(new Response(text, init)));
    })) as typeof fetch;
}
