import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assertNoViolations, ContractChecker, type ExchangeLike, formatViolations } from "../src/index.js";

const ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR = "9a7806061c88ada191ed06f989cc3dac";

let seq = 0;
function exchange(
  method: string,
  path: string,
  options: {
    query?: Record<string, string[]>;
    headers?: Record<string, string>;
    body?: unknown;
    status?: number;
    responseBody?: unknown;
    responseHeaders?: Record<string, string>;
    fault?: { kind: string; synthetic: boolean };
    handlerError?: string;
  } = {},
): ExchangeLike {
  const rawBody = options.body === undefined ? "" : JSON.stringify(options.body);
  const responseRaw = options.responseBody === undefined ? "" : JSON.stringify(options.responseBody);
  return {
    seq: ++seq,
    request: {
      method,
      path,
      query: options.query ?? {},
      headers: { ...(rawBody ? { "content-type": "application/json" } : {}), ...options.headers },
      rawBody,
      body: options.body,
    },
    ...(options.status !== undefined
      ? {
          response: {
            status: options.status,
            headers: {
              ...(responseRaw ? { "content-type": "application/json; charset=utf-8" } : {}),
              ...options.responseHeaders,
            },
            rawBody: responseRaw,
            body: options.responseBody,
          },
        }
      : {}),
    ...(options.fault ? { fault: options.fault } : {}),
    ...(options.handlerError ? { handlerError: options.handlerError } : {}),
  };
}

const connector = {
  id: CONNECTOR,
  email_domain: "acme.example",
  enabled: false,
  use_fedramp_language: false,
  verification: { code: `cloudflare_dashboard_sso=${CONNECTOR}`, status: "pending" },
  created_on: "2026-01-01T00:00:00.000Z",
  updated_on: "2026-01-01T00:00:00.000Z",
};

describe("ContractChecker (cloudflare spec)", () => {
  const checker = new ContractChecker("cloudflare");

  it("knows the spec's six operations", () => {
    expect(checker.operations.map((o) => o.id).sort()).toEqual([
      "begin-sso-connector-verification",
      "delete-sso-connector",
      "get-all-sso-connectors",
      "get-sso-connector",
      "init-new-sso-connector",
      "update-sso-connector-state",
    ]);
  });

  it("accepts a request and response that follow the spec", () => {
    const violations = checker.check(
      exchange("POST", `/accounts/${ACCOUNT}/sso_connectors`, {
        body: { email_domain: "acme.example" },
        status: 200,
        responseBody: { success: true, errors: [], messages: [], result: connector },
      }),
    );
    expect(violations).toEqual([]);
  });

  it("catches a response body that does not match the schema", () => {
    const violations = checker.check(
      exchange("GET", `/accounts/${ACCOUNT}/sso_connectors/${CONNECTOR}`, {
        status: 200,
        responseBody: {
          success: true,
          errors: [],
          messages: [],
          result: { ...connector, id: "short", enabled: "yes" },
        },
      }),
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ side: "response", status: 200 });
    const text = formatViolations(violations);
    expect(text).toContain("get-sso-connector");
    expect(text).toContain("body/result/id must NOT have fewer than 32 characters");
    expect(text).toContain("body/result/enabled must be boolean");
  });

  it("catches a failure envelope with success: true and a code below 1000", () => {
    const violations = checker.check(
      exchange("GET", `/accounts/${ACCOUNT}/sso_connectors`, {
        status: 404,
        responseBody: { success: true, errors: [{ code: 7, message: "x" }], messages: [], result: null },
      }),
    );
    const text = formatViolations(violations);
    expect(text).toContain("body/success must be equal to constant: false");
    expect(text).toContain("body/errors/0/code must be >= 1000");
  });

  it("catches a status the operation does not declare", () => {
    const violations = checker.check(
      exchange("GET", `/accounts/${ACCOUNT}/sso_connectors`, { status: 500, responseBody: {} }),
    );
    expect(violations[0]?.problems[0]).toMatch(/status 500 is not declared \(declared: 200, 4XX\)/);
  });

  it("catches request bodies that break the schema, and missing required bodies", () => {
    const wrongType = checker.check(
      exchange("POST", `/accounts/${ACCOUNT}/sso_connectors`, { body: { email_domain: 42 } }),
    );
    expect(formatViolations(wrongType)).toContain("body/email_domain must be string");
    const missing = checker.check(exchange("POST", `/accounts/${ACCOUNT}/sso_connectors`));
    expect(formatViolations(missing)).toContain("the request body is required but none was sent");
    const undeclared = checker.check(
      exchange("DELETE", `/accounts/${ACCOUNT}/sso_connectors/${CONNECTOR}`, { body: {} }),
    );
    expect(formatViolations(undeclared)).toContain("declares no request body");
  });

  it("catches path parameters that break their schema and undeclared query parameters", () => {
    const violations = checker.check(
      exchange("GET", "/accounts/abc/sso_connectors", { query: { page: ["2"] } }),
    );
    const text = formatViolations(violations);
    expect(text).toContain('path parameter "account_id" must NOT have fewer than 32 characters');
    expect(text).toContain('query parameter "page" is not declared by the spec');
  });

  it("reports unknown routes and methods", () => {
    expect(checker.check(exchange("GET", "/user/tokens"))[0]).toMatchObject({ side: "route" });
    expect(checker.check(exchange("PUT", `/accounts/${ACCOUNT}/sso_connectors`))[0]?.problems[0]).toContain(
      "has GET, POST",
    );
  });

  it("skips responses a fault injected, but not tampered ones", () => {
    const html = exchange("GET", `/accounts/${ACCOUNT}/sso_connectors`, {
      status: 502,
      fault: { kind: "html", synthetic: true },
    });
    expect(checker.check(html)).toEqual([]);
    const tampered = exchange("GET", `/accounts/${ACCOUNT}/sso_connectors`, {
      status: 200,
      responseBody: { success: true },
      fault: { kind: "tamper", synthetic: false },
    });
    expect(checker.check(tampered)).toHaveLength(1);
  });

  it("skips the 413 to a body over the size limit, which no operation declares", () => {
    const logto = new ContractChecker("logto");
    const oversized = (bodyTooLarge: boolean): ExchangeLike => ({
      seq: ++seq,
      request: {
        method: "POST",
        path: "/api/sso-connectors",
        query: {},
        headers: { "content-type": "application/json" },
        rawBody: "",
        body: undefined,
        ...(bodyTooLarge ? { bodyTooLarge: true } : {}),
      },
      response: {
        status: 413,
        headers: { "content-type": "application/json" },
        rawBody: '{"code":"request.general"}',
        body: { code: "request.general" },
      },
    });
    expect(logto.check(oversized(true))).toEqual([]);
    expect(logto.check(oversized(false)).map((v) => v.side)).toEqual(["request", "response"]);
  });

  it("reports a crash of the fake's handler", () => {
    const violations = checker.check(
      exchange("GET", `/accounts/${ACCOUNT}/sso_connectors`, {
        handlerError: "TypeError: boom\n  at x",
        status: 500,
      }),
    );
    expect(violations.map((v) => v.side)).toContain("fake");
  });

  it("collects through onExchange, ignores request violations inside offSpec, and take() empties", async () => {
    const c = new ContractChecker("cloudflare");
    await c.offSpec(() =>
      c.onExchange(exchange("POST", `/accounts/${ACCOUNT}/sso_connectors`, { body: { email_domain: 1 } })),
    );
    expect(c.take()).toEqual([]);
    c.onExchange(exchange("POST", `/accounts/${ACCOUNT}/sso_connectors`, { body: { email_domain: 1 } }));
    const taken = c.take();
    expect(taken).toHaveLength(1);
    expect(() => assertNoViolations(taken)).toThrow(/1 contract violation/);
    expect(c.take()).toEqual([]);
  });
});

describe("ContractChecker (logto spec)", () => {
  const checker = new ContractChecker("logto");

  it("skips the token endpoint named by the OAuth2 flow", () => {
    expect(checker.tokenPaths).toEqual(["/oidc/token"]);
    expect(
      checker.check(exchange("POST", "/oidc/token", { status: 200, responseBody: { access_token: "x" } })),
    ).toEqual([]);
  });

  it("validates query parameters with their types and limits", () => {
    const ok = checker.check(
      exchange("GET", "/api/sso-connectors", {
        query: { page: ["1"], page_size: ["100"] },
        status: 200,
        responseBody: [],
        responseHeaders: { "total-number": "0", link: '<http://x/api/sso-connectors?page=1>; rel="first"' },
      }),
    );
    expect(ok).toEqual([]);
    const tooBig = checker.check(exchange("GET", "/api/sso-connectors", { query: { page_size: ["101"] } }));
    expect(formatViolations(tooBig)).toContain('query parameter "page_size" must be <= 100');
    const repeated = checker.check(exchange("GET", "/api/sso-connectors", { query: { page: ["1", "2"] } }));
    expect(formatViolations(repeated)).toContain("is repeated");
  });

  it("validates response headers", () => {
    const violations = checker.check(
      exchange("GET", "/api/sso-connectors", {
        query: { page: ["1"] },
        status: 200,
        responseBody: [],
        responseHeaders: { "total-number": "many" },
      }),
    );
    expect(formatViolations(violations)).toContain('header "Total-Number" must be integer');
  });

  it("checks error bodies on every status and 204s without a body", () => {
    const badError = checker.check(
      exchange("GET", "/api/sso-connectors/abc", { status: 404, responseBody: { message: "nope" } }),
    );
    expect(formatViolations(badError)).toContain("must have required property 'code'");
    const noContent = checker.check(exchange("DELETE", "/api/sso-connectors/abc", { status: 204 }));
    expect(noContent).toEqual([]);
    const bodyOn204 = checker.check(
      exchange("DELETE", "/api/sso-connectors/abc", { status: 204, responseBody: {} }),
    );
    expect(formatViolations(bodyOn204)).toContain("declares no body");
  });

  it("redacts secrets in reports", () => {
    const violations = checker.check(
      exchange("POST", "/api/sso-connectors", {
        body: { providerName: "OIDC", connectorName: "x" },
        status: 200,
        responseBody: { config: { clientSecret: "hunter2" } },
      }),
    );
    const text = formatViolations(violations);
    expect(text).toContain('"clientSecret":"[redacted]"');
    expect(text).not.toContain("hunter2");
  });
});

describe("ContractChecker (keycard spec)", () => {
  const checker = new ContractChecker("keycard");

  it("validates header parameters (X-Client-Request-ID is a uuid) and array query parameters", () => {
    const bad = checker.check(
      exchange("GET", "/organizations/acme/sso-connection", {
        headers: { "x-client-request-id": "not-a-uuid" },
        query: { expand: ["permissions", "everything"] },
      }),
    );
    const text = formatViolations(bad);
    expect(text).toContain('header parameter "X-Client-Request-ID" must match format "uuid"');
    expect(text).toContain('query parameter "expand"/1 must be equal to one of the allowed values');
    const good = checker.check(
      exchange("GET", "/organizations/acme/sso-connection", {
        headers: { "x-client-request-id": "3f1c2b9e-6a4d-4e8f-9b1a-2c7d5e0f8a31" },
        query: { expand: ["permissions"] },
      }),
    );
    expect(good).toEqual([]);
  });

  it("rejects response properties the spec does not declare (a leaked client_secret), but not in requests", () => {
    const connection = {
      id: "ssoc_1",
      identifier: "https://idp.example",
      client_id: "c",
      client_secret_set: true,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    };
    const leaked = checker.check(
      exchange("GET", "/organizations/acme/sso-connection", {
        status: 200,
        responseBody: {
          ...connection,
          client_secret: "s3cr3t",
          protocols: { oauth2: { jwks_uri: null, extra: 1 } },
        },
      }),
    );
    const text = formatViolations(leaked);
    expect(text).toContain("body must NOT have unevaluated properties: client_secret");
    expect(text).toContain("body/protocols/oauth2 must NOT have unevaluated properties: extra");
    expect(text).not.toContain("s3cr3t");
    const lenient = new ContractChecker("keycard", { strictResponses: false });
    expect(
      lenient.check(
        exchange("GET", "/organizations/acme/sso-connection", {
          status: 200,
          responseBody: { ...connection, x: 1 },
        }),
      ),
    ).toEqual([]);
    const request = checker.check(
      exchange("PATCH", "/organizations/acme/sso-connection", {
        body: { identifier: "https://x.example", unknown: true },
      }),
    );
    expect(request).toEqual([]);
  });

  it("falls back to the default response for undeclared statuses", () => {
    const violations = checker.check(
      exchange("POST", "/organizations/acme/sso-connection", {
        body: { identifier: "https://idp.example", client_id: "c" },
        status: 404,
        responseBody: {
          message: "Organization not found or SSO not enabled",
          code: "not_found",
          status: 404,
        },
      }),
    );
    expect(violations).toEqual([]);
  });
});

describe("ContractChecker (a spec file of its own)", () => {
  const specFile = fileURLToPath(new URL("fixtures/open-objects.openapi.yaml", import.meta.url));

  it("keeps an object that writes `additionalProperties: true` open under strictResponses", () => {
    const checker = new ContractChecker("keycard", { specFile });
    expect(checker.operations).toEqual([{ id: "get-thing", method: "GET", template: "/things/{id}" }]);
    const violations = checker.check(
      exchange("GET", "/things/t1", {
        status: 200,
        responseBody: { id: "t1", closed: { a: "x", b: 1 }, open: { a: "x", b: 1 } },
      }),
    );
    const text = formatViolations(violations);
    expect(text).toContain("body/closed must NOT have unevaluated properties: b");
    expect(text).not.toContain("body/open");
  });
});
