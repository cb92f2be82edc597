import { describe, expect, it } from "vitest";
import {
  bundleSpec,
  getByPointer,
  isObject,
  type JsonObject,
  operationsOf,
  SPEC_NAMES,
  type SpecName,
} from "./support.js";

/** Field-level facts from reference/api-facts.md, as JSON pointers into the bundled (not dereferenced) spec. */
const FACTS: Record<SpecName, [pointer: string, expected: unknown][]> = {
  cloudflare: [
    ["#/servers/0/url", "https://api.cloudflare.com/client/v4"],
    ["#/components/securitySchemes/api_token/type", "http"],
    ["#/components/securitySchemes/api_token/scheme", "bearer"],
    ["#/components/schemas/Identifier/type", "string"],
    ["#/components/schemas/Identifier/minLength", 32],
    ["#/components/schemas/Identifier/maxLength", 32],
    ["#/components/parameters/AccountId/schema/$ref", "#/components/schemas/Identifier"],
    ["#/components/parameters/SSOConnectorId/schema/$ref", "#/components/schemas/Identifier"],
    ["#/components/schemas/SSOConnector/properties/id/$ref", "#/components/schemas/Identifier"],
    ["#/components/schemas/SSOConnector/required", undefined],
    ["#/components/schemas/SSOConnector/properties/created_on/format", "date-time"],
    ["#/components/schemas/SSOConnector/properties/use_fedramp_language/default", false],
    ["#/components/schemas/SSOConnectorCreateRequest/required", ["email_domain"]],
    ["#/components/schemas/SSOConnectorCreateRequest/properties/begin_verification/default", true],
    ["#/components/schemas/SSOConnectorCreateRequest/properties/use_fedramp_language/default", false],
    ["#/components/schemas/SSOConnectorUpdateRequest/required", undefined],
    [
      "#/components/schemas/SSOConnectorVerificationStatus/enum",
      ["awaiting", "pending", "failed", "verified"],
    ],
    ["#/components/schemas/ResponseInfo/required", ["code", "message"]],
    ["#/components/schemas/ResponseInfo/properties/code", { type: "integer", minimum: 1000 }],
    ["#/components/schemas/ResponseInfo/properties/source/properties/pointer/type", "string"],
    ["#/components/schemas/ResultInfo/properties/count/type", "number"],
    ["#/components/schemas/ResultInfo/properties/page/type", "number"],
    ["#/components/schemas/ResultInfo/properties/per_page/type", "number"],
    ["#/components/schemas/ResultInfo/properties/total_count/type", "number"],
    ["#/components/schemas/ResultInfo/properties/total_pages", undefined],
    ["#/components/schemas/APIResponseCommon/properties/result", undefined],
    ["#/components/schemas/APIResponseCommonFailure/properties/errors/minItems", 1],
    ["#/components/schemas/APIResponseCommonFailure/properties/errors/minLength", undefined],
    [
      "#/components/schemas/SSOConnectorCollectionResponse/properties/result_info/$ref",
      "#/components/schemas/ResultInfo",
    ],
    [
      "#/components/schemas/SSOConnectorCollectionResponse/properties/result/items/$ref",
      "#/components/schemas/SSOConnector",
    ],
    ["#/components/schemas/SSOConnectorDeleteResult/required", ["id"]],
    [
      "#/components/schemas/SSOConnectorDeleteResponse/properties/result/oneOf",
      [{ $ref: "#/components/schemas/SSOConnectorDeleteResult" }, { type: "null" }],
    ],
    [
      "#/paths/~1accounts~1{account_id}~1sso_connectors~1{sso_connector_id}~1begin_verification/post/responses/200/content/application~1json/schema/$ref",
      "#/components/schemas/APIResponseCommon",
    ],
  ],
  logto: [
    ["#/servers/0/url", "https://{tenantId}.logto.app"],
    ["#/security", [{ OAuth2: ["all"] }]],
    ["#/components/securitySchemes/OAuth2/type", "oauth2"],
    ["#/components/securitySchemes/OAuth2/flows/clientCredentials/tokenUrl", "/oidc/token"],
    ["#/components/securitySchemes/OAuth2/flows/clientCredentials/scopes", { all: "All scopes" }],
    ["#/components/parameters/Page/schema", { type: "integer", minimum: 1, default: 1 }],
    ["#/components/parameters/PageSize/schema", { type: "integer", minimum: 1, maximum: 100, default: 20 }],
    ["#/components/headers/TotalNumber/schema/type", "integer"],
    [
      "#/components/schemas/SsoProviderName/enum",
      ["OIDC", "SAML", "AzureAD", "GoogleWorkspace", "Okta", "AzureAdOidc"],
    ],
    ["#/components/schemas/SsoProviderType/enum", ["oidc", "saml"]],
    ["#/components/schemas/LogtoError/required", ["code", "message"]],
    ["#/components/schemas/LogtoServerError/required", ["message"]],
    ["#/components/schemas/SsoConnector/properties/createdAt/type", "number"],
    ["#/components/schemas/SsoConnector/properties/tenantId/maxLength", 21],
    ["#/components/schemas/SsoConnector/properties/connectorName/maxLength", 128],
    ["#/components/schemas/OidcSsoConnectorConfig/required", ["clientId", "clientSecret", "issuer"]],
    ["#/components/schemas/OidcSsoConnectorConfig/properties/trustUnverifiedEmail/default", false],
    ["#/components/schemas/SsoConnectorCreateRequest/discriminator/propertyName", "providerName"],
    ["#/components/schemas/OidcSsoConnectorCreateRequest/required", ["providerName", "connectorName"]],
    ["#/components/schemas/SsoConnectorUpdateRequest/properties/providerName", undefined],
    ["#/components/schemas/SsoConnectorSigningKeyCreateRequest/properties/active/default", false],
    ["#/components/schemas/SsoConnectorSigningKeyUpdateRequest/required", ["active"]],
    ["#/components/schemas/SsoConnectorSigningKey/properties/privateKey", undefined],
    [
      "#/paths/~1api~1sso-connectors/post/responses/200/content/application~1json/schema/$ref",
      "#/components/schemas/SsoConnector",
    ],
    [
      "#/paths/~1api~1sso-connectors/get/responses/200/content/application~1json/schema/items/$ref",
      "#/components/schemas/SsoConnectorWithProviderConfig",
    ],
    [
      "#/paths/~1api~1sso-connectors~1{id}/get/responses/200/content/application~1json/schema/$ref",
      "#/components/schemas/SsoConnectorWithProviderConfig",
    ],
    [
      "#/paths/~1api~1sso-connectors~1{id}/patch/responses/200/content/application~1json/schema/$ref",
      "#/components/schemas/SsoConnectorWithProviderConfig",
    ],
    ["#/paths/~1api~1sso-connectors~1{id}/delete/responses/204/content", undefined],
  ],
  keycard: [
    ["#/servers/0/url", "https://api.keycard.ai"],
    ["#/security", [{ OAuth2: [] }]],
    ["#/components/securitySchemes/OAuth2/type", "oauth2"],
    ["#/components/securitySchemes/OAuth2/flows/clientCredentials/tokenUrl", "/service-account-token"],
    ["#/components/parameters/XClientRequestId/name", "X-Client-Request-ID"],
    ["#/components/parameters/XClientRequestId/in", "header"],
    ["#/components/parameters/XClientRequestId/required", false],
    ["#/components/parameters/XClientRequestId/schema", { type: "string", format: "uuid" }],
    ["#/components/parameters/Expand/in", "query"],
    ["#/components/parameters/Expand/style", "form"],
    ["#/components/parameters/Expand/explode", true],
    ["#/components/parameters/Expand/schema/type", "array"],
    ["#/components/schemas/SSOConnectionExpand/enum", ["permissions", "total_count"]],
    ["#/components/schemas/OrganizationIdOrLabel/minLength", 1],
    ["#/components/schemas/OrganizationIdOrLabel/maxLength", 255],
    [
      "#/components/schemas/SSOConnection/required",
      ["id", "identifier", "client_id", "client_secret_set", "created_at", "updated_at"],
    ],
    ["#/components/schemas/SSOConnection/properties/client_id/type", ["string", "null"]],
    ["#/components/schemas/SSOConnection/properties/identifier/maxLength", 2048],
    ["#/components/schemas/SSOConnection/properties/created_at/format", "date-time"],
    [
      "#/components/schemas/SSOConnectionPermissions/additionalProperties",
      { type: "object", additionalProperties: { type: "boolean" } },
    ],
    ["#/components/schemas/SSOConnectionOAuth2Protocol/properties/jwks_uri/type", ["string", "null"]],
    ["#/components/schemas/SSOConnectionOAuth2Protocol/properties/jwks_uri/format", "uri"],
    ["#/components/schemas/SSOConnectionOpenIDProtocol/properties/userinfo_endpoint/format", "uri"],
    ["#/components/schemas/SSOConnectionCreate/required", ["identifier", "client_id"]],
    ["#/components/schemas/SSOConnectionCreate/properties/identifier/minLength", 1],
    ["#/components/schemas/SSOConnectionCreate/properties/identifier/maxLength", 2048],
    ["#/components/schemas/SSOConnectionUpdate/required", undefined],
    ["#/components/schemas/SSOConnectionUpdate/properties/client_id/type", ["string", "null"]],
    ["#/components/schemas/SSOConnectionUpdate/properties/client_secret/type", ["string", "null"]],
    ["#/components/schemas/KeycardError/required", ["message", "code", "status"]],
  ],
};

/** The schema every error status must declare, by spec (and status). */
const ERROR_SCHEMA: Record<SpecName, (status: string) => string> = {
  cloudflare: () => "APIResponseCommonFailure",
  logto: (status) => (status === "500" ? "LogtoServerError" : "LogtoError"),
  keycard: () => "KeycardError",
};

const docs = new Map<SpecName, JsonObject>();
for (const name of SPEC_NAMES) docs.set(name, (await bundleSpec(name)).doc);

function resolveResponse(doc: JsonObject, response: unknown): unknown {
  if (isObject(response) && typeof response.$ref === "string") return getByPointer(doc, response.$ref);
  return response;
}

it("has facts for every spec in specs/", () => {
  expect(Object.keys(FACTS).sort()).toEqual([...SPEC_NAMES]);
  expect(Object.keys(ERROR_SCHEMA).sort()).toEqual([...SPEC_NAMES]);
});

describe.each(SPEC_NAMES)("%s facts", (name) => {
  const doc = docs.get(name) ?? {};

  it.each(FACTS[name] ?? [])("%s", (pointer, expected) => {
    expect(getByPointer(doc, pointer)).toEqual(expected);
  });

  it("declares a JSON body with the error schema on every error status", () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of operationsOf(doc)) {
      const responses = isObject(operation.responses) ? operation.responses : {};
      for (const [status, raw] of Object.entries(responses)) {
        if (/^2/.test(status)) continue;
        const schema = getByPointer(resolveResponse(doc, raw), "#/content/application~1json/schema/$ref");
        const expected = `#/components/schemas/${ERROR_SCHEMA[name]?.(status)}`;
        if (schema !== expected) wrong.push(`${method.toUpperCase()} ${path} ${status}: ${String(schema)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("logto create body", () => {
  const doc = docs.get("logto") ?? {};

  it("maps every provider name to a create variant whose providerName allows it", () => {
    const providers = getByPointer(doc, "#/components/schemas/SsoProviderName/enum");
    const mapping = getByPointer(doc, "#/components/schemas/SsoConnectorCreateRequest/discriminator/mapping");
    expect(isObject(mapping)).toBe(true);
    expect(Object.keys(isObject(mapping) ? mapping : {}).sort()).toEqual([...(providers as string[])].sort());
    for (const [provider, ref] of Object.entries(isObject(mapping) ? mapping : {})) {
      const variantEnum = getByPointer(doc, `${String(ref)}/properties/providerName/enum`);
      expect(variantEnum, provider).toContain(provider);
    }
  });

  it("lists each mapped variant in oneOf exactly once", () => {
    const oneOf = getByPointer(doc, "#/components/schemas/SsoConnectorCreateRequest/oneOf");
    const mapping = getByPointer(doc, "#/components/schemas/SsoConnectorCreateRequest/discriminator/mapping");
    const refs = (Array.isArray(oneOf) ? oneOf : []).map((entry) =>
      isObject(entry) ? entry.$ref : undefined,
    );
    expect([...new Set(refs)]).toEqual(refs);
    expect([...new Set(Object.values(isObject(mapping) ? mapping : {}))].sort()).toEqual([...refs].sort());
  });

  it("declares the paging headers on both paginated lists", () => {
    for (const path of ["/api/sso-connectors", "/api/organizations/{id}/jit/sso-connectors"]) {
      const headers = getByPointer(doc, `#/paths/${path.replaceAll("/", "~1")}/get/responses/200/headers`);
      expect(Object.keys(isObject(headers) ? headers : {}), path).toEqual([
        "Total-Number",
        "Total-Number-Is-Capped",
        "Link",
      ]);
    }
  });
});
