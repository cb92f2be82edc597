import { describe, expect, it } from "vitest";
import { bumpFor } from "../src/bump.ts";
import type { JsonObject, Severity } from "../src/diff/types.ts";
import { reportLines } from "../src/report.ts";
import { base, diffSpecs, variant, without, yaml } from "./helpers.ts";

/** One rule: the spec after the change, and the single line the diff must report for it. */
interface Rule {
  name: string;
  after: JsonObject;
  severity: Severity;
  line: string;
}

const doc = (...edits: [string, string][]) => yaml(variant(...edits));

const RULES: Rule[] = [
  // Breaking: something old code relies on is gone.
  {
    name: "removed operation",
    after: without("paths", "/api/sso-connectors", "post"),
    severity: "breaking",
    line: "operation `POST /api/sso-connectors` (`ssoConnectors.create()`) removed",
  },
  {
    name: "removed path",
    after: without("paths", "/api/sso-connector-providers"),
    severity: "breaking",
    line: "path `/api/sso-connector-providers` removed (`ssoConnectorProviders.list()`)",
  },
  {
    name: "removed parameter",
    after: without("paths", "/api/sso-connectors", "get", "parameters"),
    severity: "breaking",
    line: "`ssoConnectors.list()`: `page_size` query parameter removed",
  },
  {
    name: "removed response field",
    after: without("components", "schemas", "SsoConnector", "properties", "domains"),
    severity: "breaking",
    line: "response field `SsoConnector.domains` removed",
  },
  {
    name: "removed response enum value",
    after: doc(["enum: [active, inactive]", "enum: [active]"]),
    severity: "breaking",
    line: 'response field `SsoConnector.status` is never `"inactive"` anymore',
  },
  {
    name: "response field may now be absent",
    after: doc(["required: [id, providerName, status]", "required: [id, providerName]"]),
    severity: "breaking",
    line: "response field `SsoConnector.status` may now be absent",
  },
  {
    name: "response field may now be null",
    after: doc(["id: { type: string }", 'id: { type: [string, "null"] }']),
    severity: "breaking",
    line: "response field `SsoConnector.id` may now be `null`",
  },
  // Breaking: a request that passed may now be rejected.
  {
    name: "parameter became required",
    after: doc(["required: false", "required: true"]),
    severity: "breaking",
    line: "`ssoConnectors.list()`: `page_size` query parameter is now required",
  },
  {
    name: "required parameter added",
    after: doc([
      "      parameters:\n",
      "      parameters:\n        - { name: tenant, in: query, required: true, schema: { type: string } }\n",
    ]),
    severity: "breaking",
    line: "`ssoConnectors.list()`: `tenant` query parameter added and required",
  },
  {
    name: "request field became required",
    after: doc([
      "CreateSsoConnector:\n      type: object\n      required: [providerName]",
      "CreateSsoConnector:\n      type: object\n      required: [providerName, connectorName]",
    ]),
    severity: "breaking",
    line: "request field `CreateSsoConnector.connectorName` is now required",
  },
  {
    name: "required request field added",
    after: doc([
      "required: [providerName]\n      properties:\n        providerName: { type: string }\n        connectorName",
      "required: [providerName, tenant]\n      properties:\n        tenant: { type: string }\n        providerName: { type: string }\n        connectorName",
    ]),
    severity: "breaking",
    line: "request field `CreateSsoConnector.tenant` added and required",
  },
  {
    name: "narrowed type: type change",
    after: doc(["connectorName: { type: string }", "connectorName: { type: integer }"]),
    severity: "breaking",
    line: "request field `CreateSsoConnector.connectorName` changed type from `string` to `integer`",
  },
  {
    name: "narrowed type: lower maximum",
    after: doc(["maximum: 200", "maximum: 100"]),
    severity: "breaking",
    line: "`ssoConnectors.list()`: `page_size` query parameter now rejects values above 100 (was 200)",
  },
  {
    name: "narrowed type: new maximum",
    after: doc(["minimum: 1, maximum: 200", "minimum: 1"]),
    severity: "additive",
    line: "`ssoConnectors.list()`: `page_size` query parameter no longer has a maximum (was 200)",
  },
  {
    name: "narrowed type: higher minimum",
    after: doc(["minimum: 1", "minimum: 10"]),
    severity: "breaking",
    line: "`ssoConnectors.list()`: `page_size` query parameter now rejects values below 10 (was 1)",
  },
  {
    name: "narrowed type: new maxLength",
    after: doc(["connectorName: { type: string }", "connectorName: { type: string, maxLength: 64 }"]),
    severity: "breaking",
    line: "request field `CreateSsoConnector.connectorName` now rejects values longer than 64 characters",
  },
  {
    name: "narrowed type: new pattern",
    after: doc(["connectorName: { type: string }", "connectorName: { type: string, pattern: '^[a-z-]+$' }"]),
    severity: "breaking",
    line: "request field `CreateSsoConnector.connectorName` must now match `^[a-z-]+$`",
  },
  {
    name: "narrowed type: added enum restriction",
    after: doc(["connectorName: { type: string }", "connectorName: { type: string, enum: [main, backup] }"]),
    severity: "breaking",
    line: 'request field `CreateSsoConnector.connectorName` now only accepts `"main"` and `"backup"`',
  },
  {
    name: "removed request enum value",
    after: doc(["enum: [oidc, saml]", "enum: [oidc]"]),
    severity: "breaking",
    line: 'request field `CreateSsoConnector.kind` no longer accepts `"saml"`',
  },
  {
    name: "renamed SDK method",
    after: doc([
      "x-sdk-method: list\n      description: Lists connectors.",
      "x-sdk-method: all\n      description: Lists connectors.",
    ]),
    severity: "breaking",
    line: "`ssoConnectors.list()` is now `ssoConnectors.all()`",
  },
  {
    name: "renamed operationId (the exported `operations` type is keyed by it)",
    after: doc(["operationId: ListSsoConnectors\n", "operationId: ListConnectors\n"]),
    severity: "breaking",
    line: 'operation id of `ssoConnectors.list()` changed from `"ListSsoConnectors"` to `"ListConnectors"`: the exported `operations` type is keyed by it',
  },
  {
    name: "authentication now required",
    after: doc([
      "      x-sdk-method: create\n",
      "      x-sdk-method: create\n      security: [{ bearer: [] }]\n",
    ]),
    severity: "breaking",
    line: "authentication of `ssoConnectors.create()` changed to `bearer` (was anonymous access)",
  },
  {
    name: "pagination style changed",
    after: doc([
      "x-sdk-method: list\n      description: Lists connectors.",
      "x-sdk-method: list\n      x-sdk-pagination: { style: single }\n      description: Lists connectors.",
    ]),
    severity: "breaking",
    line: "pagination of `ssoConnectors.list()` changed: it returns a different page type",
  },
  // Widening: responses may hold values the released types did not allow.
  {
    name: "added response enum value",
    after: doc(["enum: [active, inactive]", "enum: [active, inactive, pending]"]),
    severity: "widening",
    line: 'response field `SsoConnector.status` may now be `"pending"`: an exhaustive `switch` over it needs a new case',
  },
  // Additive.
  {
    name: "added optional parameter",
    after: doc([
      "      parameters:\n",
      "      parameters:\n        - { name: page, in: query, schema: { type: integer } }\n",
    ]),
    severity: "additive",
    line: "`ssoConnectors.list()`: `page` query parameter added (optional)",
  },
  {
    name: "added optional request field",
    after: doc([
      "connectorName: { type: string }",
      "connectorName: { type: string }\n        branding: { type: object }",
    ]),
    severity: "additive",
    line: "request field `CreateSsoConnector.branding` added (optional)",
  },
  {
    name: "added response field",
    after: doc([
      "providerLogo: { type: string, description: Logo URL. }",
      "providerLogo: { type: string, description: Logo URL. }\n        providerLogoDark: { type: string }",
    ]),
    severity: "additive",
    line: "response field `SsoConnectorProvider.providerLogoDark` added",
  },
  {
    name: "added operation",
    after: doc([
      "    post:\n      operationId: CreateSsoConnector",
      "    delete:\n      x-sdk-resource: ssoConnectors\n      x-sdk-method: deleteAll\n      responses: { '204': { description: Gone } }\n    post:\n      operationId: CreateSsoConnector",
    ]),
    severity: "additive",
    line: "operation `DELETE /api/sso-connectors` (`ssoConnectors.deleteAll()`) added",
  },
  {
    name: "raised maximum",
    after: doc(["maximum: 200", "maximum: 500"]),
    severity: "additive",
    line: "`ssoConnectors.list()`: `page_size` query parameter now accepts values up to 500 (was 200)",
  },
  {
    name: "added request enum value",
    after: doc(["enum: [oidc, saml]", "enum: [oidc, saml, google]"]),
    severity: "additive",
    line: 'request field `CreateSsoConnector.kind` now also accepts `"google"`',
  },
  {
    name: "deprecated operation",
    after: doc([
      "x-sdk-method: list\n      description: Lists connectors.",
      "x-sdk-method: list\n      deprecated: true\n      description: Lists connectors.",
    ]),
    severity: "additive",
    line: "`ssoConnectors.list()` is now deprecated",
  },
  // Patch: documentation only.
  {
    name: "description only",
    after: doc(["description: Lists connectors.", "description: Lists every SSO connector of the tenant."]),
    severity: "patch",
    line: "description of `ssoConnectors.list()` updated",
  },
  {
    name: "example only",
    after: doc([
      "providerLogo: { type: string, description: Logo URL. }",
      "providerLogo: { type: string, description: Logo URL., example: 'https://logo.example/a.svg' }",
    ]),
    severity: "patch",
    line: "example of response field `SsoConnectorProvider.providerLogo` updated",
  },
];

describe("classification rules", () => {
  it.each(RULES.map((r) => [r.name, r] as const))("%s", async (_, rule) => {
    const lines = reportLines(await diffSpecs(base(), rule.after));
    expect(lines).toEqual([{ severity: rule.severity, text: rule.line }]);
  });
});

describe("diffing", () => {
  it("finds nothing between a spec and itself, whatever the key order", async () => {
    const reordered = JSON.parse(JSON.stringify(base(), Object.keys(base()).reverse())) as JsonObject;
    expect(await diffSpecs(base(), base())).toEqual([]);
    expect(await diffSpecs(base(), { ...reordered, ...base() })).toEqual([]);
  });

  it("matches renamed path parameters by position: a positional rename is a patch, another is breaking", async () => {
    const path = (a: string, b: string) =>
      yaml(
        variant([
          "  /api/sso-connector-providers:\n",
          `  /api/orgs/{${a}}/keys/{${b}}:\n    get:\n      x-sdk-resource: orgs.keys\n      x-sdk-method: get\n      parameters:\n        - { name: ${a}, in: path, required: true, schema: { type: string } }\n        - { name: ${b}, in: path, required: true, schema: { type: string } }\n      responses: { "200": { description: OK } }\n  /api/sso-connector-providers:\n`,
        ]),
      );
    expect(reportLines(await diffSpecs(path("org", "key"), path("org", "keyId")))).toEqual([
      {
        severity: "patch",
        text: "`orgs.keys.get()`: `key` path parameter renamed to `keyId` path parameter (passed positionally, calls are unchanged)",
      },
    ]);
    expect(reportLines(await diffSpecs(path("org", "key"), path("orgId", "key")))).toEqual([
      {
        severity: "breaking",
        text: "`orgs.keys.get()`: `org` path parameter renamed to `orgId` path parameter",
      },
    ]);
  });

  it("reports a change in a component reached from several operations once", async () => {
    // SsoConnector is the item of list() and the body of create()'s response.
    const after = doc(["enum: [active, inactive]", "enum: [active]"]);
    expect(reportLines(await diffSpecs(base(), after))).toHaveLength(1);
  });

  it("names every operation that shares a change outside components", async () => {
    const shared = (max: number) =>
      yaml(
        variant(
          [
            "      parameters:\n        - name: page_size\n          in: query\n          required: false\n          schema: { type: integer, minimum: 1, maximum: 200 }\n",
            "",
          ],
          [
            "  /api/sso-connectors:\n",
            `  /api/sso-connectors:\n    parameters:\n      - { name: page_size, in: query, schema: { type: integer, maximum: ${max} } }\n`,
          ],
        ),
      );
    expect(reportLines(await diffSpecs(shared(200), shared(100)))).toEqual([
      {
        severity: "breaking",
        text: "`ssoConnectors.list()`, `ssoConnectors.create()`: `page_size` query parameter now rejects values above 100 (was 200)",
      },
    ]);
  });

  it("names fields of inline array items by their path", async () => {
    const before = yaml(
      variant([
        'items: { $ref: "#/components/schemas/SsoConnectorProvider" }',
        "items: { type: object, properties: { a: { type: string } } }",
      ]),
    );
    const after = yaml(
      variant([
        'items: { $ref: "#/components/schemas/SsoConnectorProvider" }',
        "items: { type: object, properties: { a: { type: string }, b: { type: string } } }",
      ]),
    );
    expect(reportLines(await diffSpecs(before, after))).toContainEqual({
      severity: "additive",
      text: "`ssoConnectorProviders.list()`: response field `[].b` added",
    });
  });

  it("follows $refs through parameters, request bodies and responses", async () => {
    const shared = (max: number) =>
      yaml(
        variant(
          [
            "      parameters:\n        - name: page_size\n          in: query\n          required: false\n          schema: { type: integer, minimum: 1, maximum: 200 }",
            "      parameters:\n        - $ref: '#/components/parameters/PageSize'",
          ],
          [
            "components:\n",
            `components:\n  parameters:\n    PageSize: { name: page_size, in: query, schema: { $ref: '#/components/schemas/Size' } }\n`,
          ],
          ["  schemas:\n", `  schemas:\n    Size: { type: integer, maximum: ${max} }\n`],
        ),
      );
    expect(reportLines(await diffSpecs(shared(200), shared(100)))).toEqual([
      {
        severity: "breaking",
        text: "`ssoConnectors.list()`: `page_size` query parameter now rejects values above 100 (was 200)",
      },
    ]);
  });

  it("terminates on recursive schemas and still reports changes inside them", async () => {
    const tree = (extra: string) =>
      yaml(
        variant([
          "        domains: { type: array, items: { type: string } }\n    CreateSsoConnector",
          `        domains: { type: array, items: { type: string } }\n        children: { type: array, items: { $ref: '#/components/schemas/SsoConnector' } }\n        parent: { $ref: '#/components/schemas/SsoConnector' }${extra}\n    CreateSsoConnector`,
        ]),
      );
    const lines = reportLines(await diffSpecs(tree(""), tree("\n        depth: { type: integer }")));
    expect(lines).toEqual([{ severity: "additive", text: "response field `SsoConnector.depth` added" }]);
  });

  it("merges allOf members before comparing", async () => {
    const envelope = (extra: string) =>
      yaml(
        variant([
          'schema: { $ref: "#/components/schemas/SsoConnector" }',
          `schema: { allOf: [{ $ref: "#/components/schemas/SsoConnector" }, { type: object, properties: { meta: { type: string }${extra} } }] }`,
        ]),
      );
    expect(reportLines(await diffSpecs(envelope(""), envelope(", trace: { type: string }")))).toEqual([
      { severity: "additive", text: "`ssoConnectors.create()`: response field `trace` added" },
    ]);
  });

  it("treats a removed request body media type as breaking (a body has one, so it comes with its successor)", async () => {
    const after = doc([
      '          application/json:\n            schema: { $ref: "#/components/schemas/CreateSsoConnector" }',
      '          application/merge-patch+json:\n            schema: { $ref: "#/components/schemas/CreateSsoConnector" }',
    ]);
    expect(reportLines(await diffSpecs(base(), after))).toEqual([
      {
        severity: "breaking",
        text: "`ssoConnectors.create()`: request body no longer accepts `application/json`",
      },
      {
        severity: "additive",
        text: "`ssoConnectors.create()`: request body now also accepts `application/merge-patch+json`",
      },
    ]);
  });

  it("compares the scopes an operation asks for", async () => {
    const scoped = (scope: string) =>
      doc([
        "      x-sdk-method: create\n",
        `      x-sdk-method: create\n      security: [{ bearer: [${scope}] }]\n`,
      ]);
    expect(reportLines(await diffSpecs(scoped("connectors.read"), scoped("connectors.write")))).toEqual([
      {
        severity: "breaking",
        text: "authentication of `ssoConnectors.create()` changed to `bearer` with scopes `connectors.write` (was `bearer` with scopes `connectors.read`)",
      },
    ]);
  });

  it("sees every media type of a response, not only the one the client reads", async () => {
    const after = doc([
      '        "201":\n          description: Created\n          content:\n',
      '        "201":\n          description: Created\n          content:\n            text/plain: { schema: { type: string } }\n',
    ]);
    expect(reportLines(await diffSpecs(base(), after))).toEqual([
      {
        severity: "widening",
        text: "`ssoConnectors.create()`: response body may now be sent as `text/plain`",
      },
    ]);
  });

  it("treats a new success status as widening and a new error status as additive", async () => {
    const after = doc([
      '        "201":\n          description: Created',
      '        "202":\n          description: Accepted\n        "409":\n          description: Conflict\n        "201":\n          description: Created',
    ]);
    expect(reportLines(await diffSpecs(base(), after))).toEqual([
      { severity: "widening", text: "`ssoConnectors.create()`: may now answer with status `202`" },
      { severity: "additive", text: "`ssoConnectors.create()`: now documents a `409` error" },
    ]);
  });

  it("diffs against an empty document when a package has no baseline: everything is added", async () => {
    const lines = reportLines(await diffSpecs({}, base()));
    expect(lines.every((l) => l.severity === "additive" || l.severity === "patch")).toBe(true);
    expect(lines.map((l) => l.text)).toContain(
      "operation `GET /api/sso-connectors` (`ssoConnectors.list()`) added",
    );
  });
});

describe("bumps", () => {
  it.each([
    ["breaking", "0.3.1", "minor"],
    ["widening", "0.3.1", "minor"],
    ["additive", "0.3.1", "patch"],
    ["patch", "0.3.1", "patch"],
    ["breaking", "1.2.0", "major"],
    ["widening", "1.2.0", "minor"],
    ["additive", "1.2.0", "minor"],
    ["patch", "1.2.0", "patch"],
  ] as const)("%s at %s is a %s", (severity, version, bump) => {
    expect(bumpFor(severity, version)).toBe(bump);
  });
});

describe("workflows and renamed types", () => {
  const withWorkflow = (summary: string) =>
    doc([
      "x-sdk-client: { name: Logto",
      `x-sdk-workflows: { ssoConnectors: { ensure: ${summary} } }\nx-sdk-client: { name: Logto`,
    ]);

  it("a workflow added is additive, removed is breaking, re-described is a patch", async () => {
    const added = await diffSpecs(base(), withWorkflow("Make sure it exists."));
    expect(reportLines(added).map((l) => [l.severity, l.text])).toEqual([
      ["additive", "workflow `ssoConnectors.ensure()` added"],
    ]);
    const removed = await diffSpecs(withWorkflow("Make sure it exists."), base());
    expect(reportLines(removed).map((l) => [l.severity, l.text])).toEqual([
      ["breaking", "workflow `ssoConnectors.ensure()` removed"],
    ]);
    const redescribed = await diffSpecs(
      withWorkflow("Make sure it exists."),
      withWorkflow("Create or update it."),
    );
    expect(reportLines(redescribed).map((l) => [l.severity, l.text])).toEqual([
      ["patch", "summary of workflow `ssoConnectors.ensure()` updated"],
    ]);
  });

  it("renaming an exported type with x-sdk-name is breaking: users import it by that name", async () => {
    const renamed = doc([
      "    SsoConnector:\n      type: object",
      "    SsoConnector:\n      x-sdk-name: Connector\n      type: object",
    ]);
    const lines = reportLines(await diffSpecs(base(), renamed));
    expect(lines.map((l) => [l.severity, l.text])).toEqual([
      ["breaking", "exported type `SsoConnector` renamed to `Connector` (`x-sdk-name`)"],
    ]);
  });
});
