/**
 * Every row `pnpm bench` prints, per section. The suites build their rows from these labels and the smoke
 * test checks that each one is printed, so a row cannot silently disappear.
 */
export const rows = {
  bundle: {
    ssoCloudflare: "@sso/cloudflare",
    ssoLogto: "@sso/logto",
    ssoKeycard: "@sso/keycard",
    ssoAll: "@sso/* all three in one program",
    openapiFetch: "openapi-fetch (bare)",
    logtoApi: "@logto/api/management",
    cloudflareTreeShakable: "cloudflare/tree-shakable + BaseSSO",
    cloudflareFull: "cloudflare (full)",
    checksCost: "cost of the checks: @sso/cloudflare shape + limits",
  },
  overhead: {
    floor: "stub fetch alone (floor)",
    openapiFetch: "openapi-fetch GET",
    ssoCloudflare: "@sso/cloudflare iam.sso.get",
    checksOn: "@sso/cloudflare get, descriptor as generated",
    checksOff: "@sso/cloudflare get, descriptor without checks",
    ssoLogto: "@sso/logto ssoConnectors.get",
    ssoKeycard: "@sso/keycard ssoConnection.retrieve",
    cloudflare: "cloudflare iam.sso.get",
    logtoApi: "@logto/api apiClient.GET",
  },
  loopback: {
    rawCloudflare: "raw fetch → cloudflare fake",
    ssoCloudflare: "@sso/cloudflare iam.sso.list",
    cloudflare: "cloudflare iam.sso.list",
    rawLogto: "raw fetch → logto fake",
    ssoLogto: "@sso/logto ssoConnectors.list",
    logtoApi: "@logto/api apiClient.GET list",
    rawKeycard: "raw fetch → keycard fake",
    ssoKeycard: "@sso/keycard ssoConnection.retrieve",
  },
  typecheck: {
    baseline: "no import (baseline)",
    sso: "@sso/* all three",
    cloudflareFull: "cloudflare (full)",
    cloudflareTreeShakable: "cloudflare/tree-shakable + BaseSSO",
    logtoApi: "@logto/api",
  },
  footprint: {
    ssoCore: "@sso/core",
    ssoCloudflare: "@sso/cloudflare",
    ssoLogto: "@sso/logto",
    ssoKeycard: "@sso/keycard",
    ssoMcp: "@sso/mcp",
    cloudflare: "cloudflare@7.3.0",
    logtoApi: "@logto/api@1.42.0",
    openapiFetch: "openapi-fetch@0.17.0",
  },
  generate: {
    ssoAllCold: "sso-codegen generate, 3 specs (cold)",
    ssoNoop: "sso-codegen generate (no-op)",
    ssoStartup: "sso-codegen --help (startup floor)",
    ssoCloudflare: "sso-codegen --spec cloudflare",
    ssoLogto: "sso-codegen --spec logto",
    ssoKeycard: "sso-codegen --spec keycard",
    ssoSynthetic: "sso-codegen --spec synthetic, 800 operations (cold)",
    openapiTsCloudflare: "openapi-typescript cloudflare",
    openapiTsLogto: "openapi-typescript logto",
    openapiTsKeycard: "openapi-typescript keycard",
    heyApiCloudflare: "@hey-api/openapi-ts cloudflare",
    heyApiLogto: "@hey-api/openapi-ts logto",
    heyApiKeycard: "@hey-api/openapi-ts keycard",
    heyApiSynthetic: "@hey-api/openapi-ts synthetic, 800 operations",
  },
  mcp: {
    floor: "node -e 0 (startup floor)",
    listTools: "sso-mcp --list-tools",
    stdio: "sso-mcp stdio: spawn to tools/list answered",
  },
} as const;

export type SectionId = keyof typeof rows;
export const sectionIds = Object.keys(rows) as SectionId[];
