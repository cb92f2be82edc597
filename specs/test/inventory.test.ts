import { describe, expect, it } from "vitest";
import {
  bundleSpec,
  isObject,
  type JsonObject,
  type OperationEntry,
  operationsOf,
  SPEC_NAMES,
  type SpecName,
} from "./support.js";

/**
 * One row per operation, pinned to reference/api-facts.md (and to the decisions written in the specs).
 * - success: the 2xx status; errors: every other declared status, sorted.
 * - security: the effective requirement, `scheme[scopes]`.
 * - params: `in:name` of every parameter, path-level first, in declaration order.
 * - positional / pagination / idempotent: the x-sdk-* extensions (absent when not set).
 */
interface InventoryRow {
  method: string;
  path: string;
  operationId: string;
  success: string;
  errors: string;
  security: string;
  params: string;
  resource: string;
  sdkMethod: string;
  positional?: string | false;
  pagination?: string;
  idempotent?: true;
}

const CF = "/accounts/{account_id}/sso_connectors";
const CF_ONE = `${CF}/{sso_connector_id}`;
const CF_PARAMS = "path:account_id";
const CF_ONE_PARAMS = "path:account_id path:sso_connector_id";

const LOGTO_ONE = "/api/sso-connectors/{id}";
const LOGTO_KEYS = `${LOGTO_ONE}/signing-keys`;
const LOGTO_IDP = `${LOGTO_ONE}/idp-initiated-auth-config`;
const LOGTO_JIT = "/api/organizations/{id}/jit/sso-connectors";
const LOGTO_ALL = "OAuth2[all]";
const LOGTO_PAGED = "page-number(page,page_size,max=100)";

const KC = "/organizations/{organization_id}/sso-connection";
const KC_PARAMS = "path:organization_id header:X-Client-Request-ID";

const EXPECTED: Record<SpecName, InventoryRow[]> = {
  cloudflare: [
    {
      method: "GET",
      path: CF,
      operationId: "get-all-sso-connectors",
      success: "200",
      errors: "4XX",
      security: "api_token[]",
      params: CF_PARAMS,
      resource: "iam.sso",
      sdkMethod: "list",
      positional: false,
      pagination: "single",
    },
    {
      method: "POST",
      path: CF,
      operationId: "init-new-sso-connector",
      success: "200",
      errors: "4XX",
      security: "api_token[]",
      params: CF_PARAMS,
      resource: "iam.sso",
      sdkMethod: "create",
      positional: false,
    },
    {
      method: "GET",
      path: CF_ONE,
      operationId: "get-sso-connector",
      success: "200",
      errors: "4XX",
      security: "api_token[]",
      params: CF_ONE_PARAMS,
      resource: "iam.sso",
      sdkMethod: "get",
    },
    {
      method: "PATCH",
      path: CF_ONE,
      operationId: "update-sso-connector-state",
      success: "200",
      errors: "4XX",
      security: "api_token[]",
      params: CF_ONE_PARAMS,
      resource: "iam.sso",
      sdkMethod: "update",
      idempotent: true,
    },
    {
      method: "DELETE",
      path: CF_ONE,
      operationId: "delete-sso-connector",
      success: "200",
      errors: "4XX",
      security: "api_token[]",
      params: CF_ONE_PARAMS,
      resource: "iam.sso",
      sdkMethod: "delete",
    },
    {
      method: "POST",
      path: `${CF_ONE}/begin_verification`,
      operationId: "begin-sso-connector-verification",
      success: "200",
      errors: "4XX",
      security: "api_token[]",
      params: CF_ONE_PARAMS,
      resource: "iam.sso",
      sdkMethod: "beginVerification",
    },
  ],
  logto: [
    {
      method: "GET",
      path: "/api/sso-connector-providers",
      operationId: "ListSsoConnectorProviders",
      success: "200",
      errors: "401,403,500",
      security: LOGTO_ALL,
      params: "",
      resource: "ssoConnectorProviders",
      sdkMethod: "list",
      pagination: "single",
    },
    {
      method: "GET",
      path: "/api/sso-connectors",
      operationId: "ListSsoConnectors",
      success: "200",
      errors: "400,401,403,500",
      security: LOGTO_ALL,
      params: "query:page query:page_size",
      resource: "ssoConnectors",
      sdkMethod: "list",
      pagination: LOGTO_PAGED,
    },
    {
      method: "POST",
      path: "/api/sso-connectors",
      operationId: "CreateSsoConnector",
      success: "200",
      errors: "400,401,403,409,422,500",
      security: LOGTO_ALL,
      params: "",
      resource: "ssoConnectors",
      sdkMethod: "create",
    },
    {
      method: "GET",
      path: LOGTO_ONE,
      operationId: "GetSsoConnector",
      success: "200",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors",
      sdkMethod: "get",
    },
    {
      method: "PATCH",
      path: LOGTO_ONE,
      operationId: "UpdateSsoConnector",
      success: "200",
      errors: "400,401,403,404,409,422,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors",
      sdkMethod: "update",
      idempotent: true,
    },
    {
      method: "DELETE",
      path: LOGTO_ONE,
      operationId: "DeleteSsoConnector",
      success: "204",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors",
      sdkMethod: "delete",
    },
    {
      method: "GET",
      path: LOGTO_KEYS,
      operationId: "ListSsoConnectorSigningKeys",
      success: "200",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors.signingKeys",
      sdkMethod: "list",
      pagination: "single",
    },
    {
      method: "POST",
      path: LOGTO_KEYS,
      operationId: "CreateSsoConnectorSigningKey",
      success: "201",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors.signingKeys",
      sdkMethod: "create",
    },
    {
      method: "PATCH",
      path: `${LOGTO_KEYS}/{keyId}`,
      operationId: "UpdateSsoConnectorSigningKey",
      success: "200",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id path:keyId",
      resource: "ssoConnectors.signingKeys",
      sdkMethod: "update",
      idempotent: true,
    },
    {
      method: "DELETE",
      path: `${LOGTO_KEYS}/{keyId}`,
      operationId: "DeleteSsoConnectorSigningKey",
      success: "204",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id path:keyId",
      resource: "ssoConnectors.signingKeys",
      sdkMethod: "delete",
    },
    {
      method: "GET",
      path: LOGTO_IDP,
      operationId: "ListSsoConnectorIdpInitiatedAuthConfig",
      success: "200",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors.idpInitiatedAuthConfig",
      sdkMethod: "get",
    },
    {
      method: "PUT",
      path: LOGTO_IDP,
      operationId: "ReplaceSsoConnectorIdpInitiatedAuthConfig",
      success: "200",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors.idpInitiatedAuthConfig",
      sdkMethod: "set",
    },
    {
      method: "DELETE",
      path: LOGTO_IDP,
      operationId: "DeleteSsoConnectorIdpInitiatedAuthConfig",
      success: "204",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "ssoConnectors.idpInitiatedAuthConfig",
      sdkMethod: "delete",
    },
    {
      method: "GET",
      path: LOGTO_JIT,
      operationId: "ListOrganizationJitSsoConnectors",
      success: "200",
      errors: "400,401,403,404,500",
      security: LOGTO_ALL,
      params: "path:id query:page query:page_size",
      resource: "organizations.jitSsoConnectors",
      sdkMethod: "list",
      pagination: LOGTO_PAGED,
    },
    {
      method: "POST",
      path: LOGTO_JIT,
      operationId: "CreateOrganizationJitSsoConnector",
      success: "201",
      errors: "400,401,403,422,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "organizations.jitSsoConnectors",
      sdkMethod: "add",
    },
    {
      method: "PUT",
      path: LOGTO_JIT,
      operationId: "ReplaceOrganizationJitSsoConnectors",
      success: "204",
      errors: "400,401,403,422,500",
      security: LOGTO_ALL,
      params: "path:id",
      resource: "organizations.jitSsoConnectors",
      sdkMethod: "replace",
    },
    {
      method: "DELETE",
      path: `${LOGTO_JIT}/{ssoConnectorId}`,
      operationId: "DeleteOrganizationJitSsoConnector",
      success: "204",
      errors: "400,401,403,422,500",
      security: LOGTO_ALL,
      params: "path:id path:ssoConnectorId",
      resource: "organizations.jitSsoConnectors",
      sdkMethod: "delete",
    },
  ],
  keycard: [
    {
      method: "POST",
      path: KC,
      operationId: "enableSSOConnection",
      success: "201",
      errors: "400,401,403,409,422,429,500,default",
      security: "OAuth2[]",
      params: KC_PARAMS,
      resource: "organizations.ssoConnection",
      sdkMethod: "enable",
    },
    {
      method: "GET",
      path: KC,
      operationId: "getSSOConnection",
      success: "200",
      errors: "400,401,403,404,429,500,default",
      security: "OAuth2[]",
      params: `${KC_PARAMS} query:expand`,
      resource: "organizations.ssoConnection",
      sdkMethod: "retrieve",
    },
    {
      method: "PATCH",
      path: KC,
      operationId: "updateSSOConnection",
      success: "200",
      errors: "400,401,403,404,422,429,500,default",
      security: "OAuth2[]",
      params: KC_PARAMS,
      resource: "organizations.ssoConnection",
      sdkMethod: "update",
      idempotent: true,
    },
    {
      method: "DELETE",
      path: KC,
      operationId: "disableSSOConnection",
      success: "204",
      errors: "401,403,404,429,500,default",
      security: "OAuth2[]",
      params: KC_PARAMS,
      resource: "organizations.ssoConnection",
      sdkMethod: "disable",
    },
  ],
};

function describeSecurity(requirements: unknown): string {
  if (!Array.isArray(requirements)) return "(none)";
  return requirements
    .map((requirement) =>
      isObject(requirement)
        ? Object.entries(requirement)
            .map(([scheme, scopes]) => `${scheme}[${Array.isArray(scopes) ? scopes.join(",") : "?"}]`)
            .join("+")
        : "?",
    )
    .join(" | ");
}

function describeParameter(parameter: unknown, doc: JsonObject): string {
  if (!isObject(parameter)) return "?";
  let resolved: unknown = parameter;
  if (typeof parameter.$ref === "string") {
    const name = parameter.$ref.replace("#/components/parameters/", "");
    const components = isObject(doc.components) ? doc.components : {};
    const parameters = isObject(components.parameters) ? components.parameters : {};
    resolved = parameters[name];
  }
  return isObject(resolved) ? `${String(resolved.in)}:${String(resolved.name)}` : "?";
}

function describePagination(pagination: unknown): string | undefined {
  if (!isObject(pagination)) return undefined;
  if (pagination.style === "page-number") {
    return `page-number(${String(pagination.page)},${String(pagination.pageSize)},max=${String(pagination.maxPageSize)})`;
  }
  return String(pagination.style);
}

function rowOf({ method, path, operation, pathItem }: OperationEntry, doc: JsonObject): InventoryRow {
  const statuses = Object.keys(isObject(operation.responses) ? operation.responses : {});
  const success = statuses.filter((status) => /^2\d\d$/.test(status)).sort();
  const parameters = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ];
  const row: InventoryRow = {
    method: method.toUpperCase(),
    path,
    operationId: String(operation.operationId),
    success: success.join(","),
    errors: statuses
      .filter((status) => !success.includes(status))
      .sort()
      .join(","),
    security: describeSecurity(operation.security ?? doc.security),
    params: parameters.map((parameter) => describeParameter(parameter, doc)).join(" "),
    resource: String(operation["x-sdk-resource"]),
    sdkMethod: String(operation["x-sdk-method"]),
  };
  const positional = operation["x-sdk-positional"];
  if (positional === false || typeof positional === "string") row.positional = positional;
  const pagination = describePagination(operation["x-sdk-pagination"]);
  if (pagination !== undefined) row.pagination = pagination;
  if (operation["x-sdk-idempotent"] === true) row.idempotent = true;
  return row;
}

const byKey = (row: InventoryRow): string => `${row.path} ${row.method}`;

it("has a table for every spec in specs/", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...SPEC_NAMES]);
});

describe.each(Object.entries(EXPECTED) as [SpecName, InventoryRow[]][])(
  "%s operation inventory",
  (name, expected) => {
    const actual = bundleSpec(name).then(
      ({ doc }) => new Map(operationsOf(doc).map((entry) => [byKey(rowOf(entry, doc)), rowOf(entry, doc)])),
    );

    it.each(expected.map((row) => [`${row.method} ${row.path}`, row] as const))("%s", async (_label, row) => {
      expect((await actual).get(byKey(row))).toEqual(row);
    });

    it("has no operation beyond the table", async () => {
      expect([...(await actual).keys()].sort()).toEqual(expected.map(byKey).sort());
    });
  },
);
