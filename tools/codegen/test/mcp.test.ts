/**
 * The MCP emitter, table by table: tool names, annotations, input schemas (one tiny spec per feature) and the
 * generated files. The end-to-end tests of `packages/mcp` run the result against the fakes.
 */
import { describe, expect, it } from "vitest";
import { emitContext } from "../src/emit/context.js";
import { toolAnnotations } from "../src/emit/mcp/annotations.js";
import { forTool, inputSchema } from "../src/emit/mcp/input-schema.js";
import { snakeCase, toolName } from "../src/emit/mcp/names.js";
import { emitMcp } from "../src/emit/mcp/package.js";
import { toolDescription, toolEntry } from "../src/emit/mcp/tool.js";
import { workflowEntry } from "../src/emit/mcp/workflows.js";
import type { ApiModel, OperationModel } from "../src/ir/model.js";
import { operationsOf, resourcesOf } from "../src/ir/walk.js";
import { context, type FixtureParts, fixture, model } from "./support/fixture.js";

const ok = (schema: string) =>
  `"200": { description: ok, content: { application/json: { schema: ${schema} } } }`;

async function modelOf(parts: FixtureParts, name = "fixture"): Promise<ApiModel> {
  return model(fixture(parts), name);
}

/** The one operation of a fixture spec, and the input schema the emitter gives it. */
async function schemaOf(parts: FixtureParts): Promise<Record<string, unknown>> {
  const m = await modelOf(parts);
  const [op] = [...operationsOf(m)];
  return inputSchema(op as OperationModel, emitContext(m, await context().formatter()).components) as Record<
    string,
    unknown
  >;
}

describe("names", () => {
  it.each([
    ["cloudflare", "iam.sso.create", "cloudflare_iam_sso_create"],
    ["cloudflare", "iam.sso.beginVerification", "cloudflare_iam_sso_begin_verification"],
    ["logto", "ssoConnectors.signingKeys.list", "logto_sso_connectors_signing_keys_list"],
    [
      "logto",
      "ssoConnectors.idpInitiatedAuthConfig.set",
      "logto_sso_connectors_idp_initiated_auth_config_set",
    ],
    ["logto", "organizations.jitSsoConnectors.add", "logto_organizations_jit_sso_connectors_add"],
    ["keycard", "organizations.ssoConnection.retrieve", "keycard_organizations_sso_connection_retrieve"],
    ["my-idp", "SAMLApps.getByID", "my_idp_saml_apps_get_by_id"],
  ])("%s %s -> %s", (provider, key, name) => {
    expect(toolName(provider, { key })).toBe(name);
  });

  it.each([
    ["ssoConnectors", "sso_connectors"],
    ["X-Client-Request-ID", "x_client_request_id"],
    ["already_snake", "already_snake"],
  ])("snakeCase(%s) = %s", (text, snake) => {
    expect(snakeCase(text)).toBe(snake);
  });
});

describe("annotations", () => {
  it.each([
    ["GET", "list", true, { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
    ["POST", "create", false, { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ["POST", "create", true, { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ["PATCH", "update", true, { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ["PUT", "replace", true, { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ["DELETE", "delete", true, { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ["DELETE", "remove", true, { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ["POST", "disable", false, { readOnlyHint: false, destructiveHint: true, idempotentHint: false }],
    ["GET", "delete", true, { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
  ] as const)("%s %s (idempotent: %s)", (httpMethod, name, idempotent, hints) => {
    expect(toolAnnotations({ httpMethod, name, idempotent })).toEqual({ ...hints, openWorldHint: true });
  });
});

describe("descriptions", () => {
  it.each([
    [{ summary: "Get a thing" }, "Get a thing"],
    [{ summary: "Get a thing", description: "Get a thing" }, "Get a thing"],
    [{ summary: "Get", description: "  It reads.\n" }, "Get\n\nIt reads."],
    [{ description: "Only prose." }, "Only prose."],
    [{ summary: "Get", servedBy: "Logto 1.43+" }, "Get\n\nServed by: Logto 1.43+"],
    [{ summary: "Get", deprecated: true }, "Get\n\nDeprecated."],
  ])("%j", (op, text) => {
    expect(toolDescription({ deprecated: false, ...op })).toBe(text);
  });
});

const THING = `
  Thing: { type: object, required: [id], properties: { id: { type: string }, name: { type: string } } }
`;

describe("input schemas", () => {
  it("holds the positional path parameter, the other parameters and the body fields, closed", async () => {
    const schema = await schemaOf({
      schemas: THING,
      paths: `
        /accounts/{account_id}/things/{thing_id}:
          patch:
            x-sdk-resource: things
            x-sdk-method: update
            parameters:
              - { name: account_id, in: path, required: true, description: The account., schema: { type: string } }
              - { name: thing_id, in: path, required: true, schema: {} }
              - { name: dry_run, in: query, schema: { type: boolean } }
            requestBody:
              required: true
              content:
                application/json:
                  schema:
                    type: object
                    required: [name]
                    properties: { name: { type: string, description: Its name. }, tags: { type: array, items: { type: string } } }
            responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} }
      `,
    });
    expect(schema).toEqual({
      type: "object",
      properties: {
        account_id: { type: "string", description: "The account." },
        thing_id: { type: "string" },
        dry_run: { type: "boolean" },
        name: { type: "string", description: "Its name." },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["account_id", "thing_id", "name"],
      additionalProperties: false,
    });
  });

  it("passes a body that is not an object as `body`", async () => {
    const schema = await schemaOf({
      paths: `
        /tags:
          put:
            x-sdk-resource: tags
            x-sdk-method: replace
            requestBody: { required: true, description: Every tag., content: { application/json: { schema: { type: array, items: { type: string } } } } }
            responses: { "204": { description: ok } }
      `,
    });
    expect(schema).toEqual({
      type: "object",
      properties: { body: { type: "array", items: { type: "string" }, description: "Every tag." } },
      required: ["body"],
      additionalProperties: false,
    });
  });

  const PETS = `
    Pet:
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }]
      discriminator: { propertyName: kind, mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } }
    Name: { type: string, minLength: 1, examples: [{ $ref: "not a reference", discriminator: "not a keyword" }] }
    Cat: { type: object, required: [kind, name], properties: { kind: { const: cat }, name: { $ref: "#/components/schemas/Name" } } }
    Dog: { type: object, required: [kind, name], properties: { kind: { const: dog }, name: { $ref: "#/components/schemas/Name" }, good: { type: boolean } } }
  `;

  it("keeps a required union body whole as allOf, with its components under $defs and no discriminator", async () => {
    const schema = await schemaOf({
      schemas: PETS,
      paths: `
        /owners/{owner_id}/pets:
          post:
            x-sdk-resource: pets
            x-sdk-method: add
            parameters: [{ name: owner_id, in: path, required: true, schema: { type: string } }]
            requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
            responses: { "204": { description: ok } }
      `,
    });
    expect(schema.allOf).toEqual([{ $ref: "#/$defs/Pet" }]);
    expect(schema.additionalProperties).toBeUndefined();
    expect(schema.required).toEqual(["owner_id"]);
    // The fields every variant has are named, typed by the variants only.
    expect(schema.properties).toEqual({ owner_id: { type: "string" }, kind: {}, name: {} });
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    expect(Object.keys(defs)).toEqual(["Cat", "Dog", "Name", "Pet"]);
    expect(defs.Pet).toEqual({ oneOf: [{ $ref: "#/$defs/Cat" }, { $ref: "#/$defs/Dog" }] });
    // Values are data, never rewritten: an example may hold any key.
    expect(defs.Name?.examples).toEqual([{ $ref: "not a reference", discriminator: "not a keyword" }]);
  });

  it("writes a component that several tools refer to once in the file, each tool's $defs pointing at it", async () => {
    const post = (method: string) =>
      `{ x-sdk-resource: pets, x-sdk-method: ${method}, parameters: [{ name: owner_id, in: path, required: true, schema: { type: string } }], requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }, responses: { "204": { description: ok } } }`;
    const m = await modelOf({
      schemas: PETS,
      paths: `
        /owners/{owner_id}/pets:
          post: ${post("add")}
          put: ${post("replace")}
      `,
    });
    const [file] = emitMcp([m], await context().formatter());
    const code = file?.content ?? "";
    expect(code.match(/^const definitions = \{$/gm)).toHaveLength(1);
    expect(
      code.match(/oneOf: \[\{ \$ref: "#\/\$defs\/Cat" \}, \{ \$ref: "#\/\$defs\/Dog" \}\]/g),
    ).toHaveLength(1);
    const defs =
      "$defs: { Cat: definitions.Cat, Dog: definitions.Dog, Name: definitions.Name, Pet: definitions.Pet }";
    expect(code.split(defs)).toHaveLength(3);
  });

  it("makes an optional union body an anyOf: one variant, or none of the body's fields", async () => {
    const schema = await schemaOf({
      schemas: PETS,
      paths: `
        /pets:
          post:
            x-sdk-resource: pets
            x-sdk-method: create
            requestBody: { required: false, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
            responses: { "204": { description: ok } }
      `,
    });
    expect(schema.anyOf).toEqual([
      { $ref: "#/$defs/Pet" },
      { not: { anyOf: [{ required: ["good"] }, { required: ["kind"] }, { required: ["name"] }] } },
    ]);
    expect(schema.allOf).toBeUndefined();
  });

  it.each([
    ["{ type: object, properties: { a: { type: string } } }", false],
    ["{ type: object, additionalProperties: true, properties: { a: { type: string } } }", true],
    [
      "{ type: object, additionalProperties: { type: integer }, properties: { a: { type: string } } }",
      { type: "integer" },
    ],
  ])("a body %s lets other keys be %j", async (body, extra) => {
    const schema = await schemaOf({
      paths: `
        /things:
          post:
            x-sdk-resource: things
            x-sdk-method: create
            requestBody: { required: true, content: { application/json: { schema: ${body} } } }
            responses: { "204": { description: ok } }
      `,
    });
    expect(schema.additionalProperties).toEqual(extra);
  });

  it("rewrites only reference keywords and drops only the discriminator keyword", () => {
    expect(
      forTool({
        properties: { discriminator: { $ref: "#/components/schemas/A" }, $ref: { type: "string" } },
        items: { $ref: "#/components/schemas/B~1C" },
        anyOf: [{ $ref: "#/components/schemas/D", discriminator: { propertyName: "x" } }],
        enum: [{ $ref: "#/components/schemas/E" }],
        default: { discriminator: 1 },
      }),
    ).toEqual({
      properties: { discriminator: { $ref: "#/$defs/A" }, $ref: { type: "string" } },
      items: { $ref: "#/$defs/B~1C" },
      anyOf: [{ $ref: "#/$defs/D" }],
      enum: [{ $ref: "#/components/schemas/E" }],
      default: { discriminator: 1 },
    });
  });
});

describe("tool entries and files", () => {
  const SPEC: FixtureParts = {
    schemas: THING,
    paths: `
      /things:
        get:
          summary: List things
          x-sdk-resource: things
          x-sdk-method: list
          x-sdk-pagination: { style: single }
          responses: { ${ok('{ type: array, items: { $ref: "#/components/schemas/Thing" } }')} }
      /things/{id}:
        get:
          summary: Get a thing
          x-sdk-resource: things
          x-sdk-method: get
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} }
        delete:
          summary: Delete a thing
          x-sdk-resource: things
          x-sdk-method: delete
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }, { name: force, in: query, schema: { type: boolean } }]
          responses: { "204": { description: ok } }
    `,
  };

  it("says how to call the SDK: resource path, method, positional, params, list", async () => {
    const m = await modelOf(SPEC);
    const { components } = emitContext(m, await context().formatter());
    const calls = [...operationsOf(m)].map((op) => toolEntry(m.name, op, components).call);
    expect(calls).toEqual([
      { resource: ["things"], method: "list", params: false, list: true },
      { resource: ["things"], method: "get", positional: "id", params: false, list: false },
      { resource: ["things"], method: "delete", positional: "id", params: true, list: false },
    ]);
  });

  it("writes one provider file per spec and an index, formatted, with the generated header", async () => {
    const files = emitMcp([await modelOf(SPEC, "fixture")], await context().formatter());
    expect(files.map((f) => f.path)).toEqual(["src/generated/fixture.ts", "src/generated/index.ts"]);
    const [provider, index] = files.map((f) => f.content);
    expect(provider).toContain(
      '// Generated by `pnpm generate` from specs/fixture.openapi.yaml: edit the spec or tools/codegen instead.\nimport { Fixture } from "@sso/fixture";\nimport type { Provider } from "../tool-definition.js";\n',
    );
    expect(provider).toContain("export const fixture: Provider<Fixture> = {");
    expect(provider).toContain('name: "fixture_things_delete",');
    expect(index).toContain('import { fixture } from "./fixture.js";');
    expect(index).toContain("export const providers = { fixture } as const;");
    expect(index).toContain("export type ProviderName = keyof typeof providers;");
  });

  it("refuses a spec whose tool names MCP clients would not accept", async () => {
    const long = "averyveryveryverylongresourcename";
    const m = await modelOf({
      paths: `
        /x:
          get:
            x-sdk-resource: ${long}.${long}
            x-sdk-method: list
            responses: { "204": { description: ok } }
      `,
    });
    expect(() => emitMcp([m], { format: (code) => code, snippets: (codes) => [...codes] })).toThrow(
      /the MCP tool name of averyveryveryverylongresourcename\.averyveryveryverylongresourcename\.list, .* is 80 characters long, over the 64 MCP clients accept: rename its x-sdk-resource or x-sdk-method/,
    );
  });
});

describe("workflows", () => {
  const THINGS = `
    /things:
      post:
        x-sdk-resource: things
        x-sdk-method: create
        requestBody: { required: true, content: { application/json: { schema: { type: object, required: [name], properties: { name: { type: string }, color: { type: string } } } } } }
        responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} }
    /things/{id}:
      get:
        x-sdk-resource: things
        x-sdk-method: get
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} }
      patch:
        x-sdk-resource: things
        x-sdk-method: update
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        requestBody: { required: true, content: { application/json: { schema: { type: object, properties: { color: { type: string }, enabled: { type: boolean, description: On or off. } } } } } }
        responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} }
    /things/{id}/publish:
      post:
        x-sdk-resource: things
        x-sdk-method: publish
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        responses: { "204": { description: ok } }
  `;
  const withWorkflows = (methods: string): FixtureParts => ({
    schemas: THING,
    root: `
      security: [{ token: [] }]
      x-sdk-workflows: { things: { ${methods} } }
    `,
    paths: THINGS,
  });

  async function entries(methods: string) {
    const m = await modelOf(withWorkflows(methods));
    const { components } = emitContext(m, await context().formatter());
    const [things] = [...resourcesOf(m.resources)];
    return things!.workflows.map((w) => workflowEntry(m, things!, w, components));
  }

  it("builds ensure on the create (the shortest POST), with the update's own body fields", async () => {
    const [ensure] = await entries(`ensure: "The thing with a name, made when missing."`);
    expect(ensure).toMatchObject({
      name: "fixture_things_ensure",
      title: "The thing with a name, made when missing.",
      description:
        "The thing with a name, made when missing.\n\nTakes the arguments of fixture_things_create, and those of fixture_things_update's body.",
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      call: { resource: ["things"], method: "ensure", params: true, list: false },
    });
    expect(ensure?.inputSchema).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        color: { type: "string" },
        enabled: { type: "boolean", description: "On or off." },
      },
      required: ["name"],
      additionalProperties: false,
    });
  });

  it("builds waitFor<X> on the get, with timeout and interval passed as its options", async () => {
    const [wait] = await entries("waitForPublication: Reads a thing until it is published.");
    expect(wait?.call).toEqual({
      resource: ["things"],
      method: "waitForPublication",
      positional: "id",
      params: false,
      list: false,
      options: ["timeout", "interval"],
    });
    expect(wait?.annotations.readOnlyHint).toBe(true);
    expect(Object.keys(wait?.inputSchema.properties as object)).toEqual(["id", "timeout", "interval"]);
    expect(wait?.inputSchema.required).toEqual(["id"]);
  });

  it("stops at a workflow it has no rule for, saying where to add one", async () => {
    await expect(entries("archive: Archives a thing.")).rejects.toThrow(
      "specs/fixture.openapi.yaml: no MCP tool rule for the workflow things.archive: add one to tools/codegen/src/emit/mcp/workflows.ts",
    );
  });
});
