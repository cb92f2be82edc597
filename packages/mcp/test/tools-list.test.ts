/**
 * `tools/list` as a client sees it, from the built `sso-mcp` over stdio against the three fakes: one tool per
 * SDK method of each spec (read from the generator's model, independently of the emitter), named
 * `<provider>_<resource>_<method>`, with the annotations the HTTP method says and an input schema that is valid
 * JSON Schema 2020-12.
 */
import { join } from "node:path";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { loadModel, operationsOf, resourcesOf } from "@sso/codegen";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fakes, startFakes } from "./support/fakes.js";
import { type Connected, connect } from "./support/server.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ROOT = join(import.meta.dirname, "..", "..", "..");

let fakes: Fakes;
let server: Connected;
let tools: Tool[];

beforeAll(async () => {
  fakes = await startFakes();
  server = await connect(fakes.env);
  tools = (await server.client.listTools()).tools;
});
afterAll(async () => {
  await server?.close();
  await fakes?.close();
});

/** `iam.sso.beginVerification` -> `iam_sso_begin_verification`, written here apart from the emitter's own. */
const snake = (key: string) =>
  key
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase())
    .join("_");

describe("tools/list", () => {
  it("serves one tool per SDK method of every provider, workflows included, in the model's order", async () => {
    const expected: string[] = [];
    for (const provider of ["cloudflare", "keycard", "logto"]) {
      const model = await loadModel(ROOT, provider);
      for (const resource of resourcesOf(model.resources)) {
        for (const op of resource.operations) expected.push(`${provider}_${snake(op.key)}`);
        for (const w of resource.workflows)
          expected.push(`${provider}_${snake(`${resource.key}.${w.name}`)}`);
      }
    }
    expect(tools.map((t) => t.name)).toEqual(expected);
    expect(tools).toHaveLength(31);
    for (const name of [
      "cloudflare_iam_sso_create",
      "logto_sso_connectors_signing_keys_list",
      "cloudflare_iam_sso_ensure",
      "cloudflare_iam_sso_wait_for_verification",
      "logto_sso_connectors_ensure",
      "keycard_organizations_sso_connection_ensure",
    ]) {
      expect(expected).toContain(name);
    }
  });

  it.each([
    ["cloudflare_iam_sso_list", { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
    ["cloudflare_iam_sso_create", { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ["cloudflare_iam_sso_update", { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ["cloudflare_iam_sso_delete", { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    [
      "cloudflare_iam_sso_begin_verification",
      { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    ],
    [
      "logto_organizations_jit_sso_connectors_replace",
      { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    ],
    [
      "logto_sso_connectors_idp_initiated_auth_config_set",
      { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    ],
    [
      "keycard_organizations_sso_connection_retrieve",
      { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
    ],
    [
      "keycard_organizations_sso_connection_disable",
      { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    ],
  ])("%s has the annotations its operation says", (name, hints) => {
    const tool = tools.find((t) => t.name === name);
    expect(tool?.annotations).toEqual({ title: tool?.title, ...hints, openWorldHint: true });
  });

  it("marks exactly the GETs read-only, and every DELETE destructive", async () => {
    for (const provider of ["cloudflare", "keycard", "logto"]) {
      for (const op of operationsOf(await loadModel(ROOT, provider))) {
        const tool = tools.find((t) => t.name === `${provider}_${snake(op.key)}`);
        expect(tool?.annotations?.readOnlyHint, op.key).toBe(op.httpMethod === "GET");
        if (op.httpMethod === "DELETE") expect(tool?.annotations?.destructiveHint, op.key).toBe(true);
        expect(tool?.annotations?.idempotentHint, op.key).toBe(op.idempotent);
      }
    }
  });

  it("gives every tool a title, a prose description and an input schema ajv 2020 compiles strictly", () => {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description, tool.name).toMatch(/^\S/);
      expect(tool.description, tool.name).not.toMatch(/@(throws|example)|```/);
      expect(tool.inputSchema.type).toBe("object");
      expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toContain("#/components/");
    }
  });

  it("gives ensure the create's arguments and the update's own fields, and waitFor the get's and its bounds", () => {
    const schema = (name: string) => tools.find((t) => t.name === name)!.inputSchema;
    expect(Object.keys(schema("cloudflare_iam_sso_ensure").properties ?? {})).toEqual([
      ...Object.keys(schema("cloudflare_iam_sso_create").properties ?? {}),
      "enabled",
    ]);
    expect(schema("keycard_organizations_sso_connection_ensure")).toEqual(
      schema("keycard_organizations_sso_connection_enable"),
    );
    expect(schema("logto_sso_connectors_ensure")).toEqual(schema("logto_sso_connectors_create"));
    const wait = schema("cloudflare_iam_sso_wait_for_verification");
    expect(Object.keys(wait.properties ?? {})).toEqual([
      "account_id",
      "sso_connector_id",
      "timeout",
      "interval",
    ]);
    expect(wait.required).toEqual(["account_id", "sso_connector_id"]);
  });

  it("puts the positional path parameter, the other parameters and the body fields in one object", () => {
    const update = tools.find((t) => t.name === "cloudflare_iam_sso_update")!.inputSchema;
    expect(Object.keys(update.properties ?? {})).toEqual([
      "account_id",
      "sso_connector_id",
      "enabled",
      "use_fedramp_language",
    ]);
    expect(update.required).toEqual(["account_id", "sso_connector_id"]);
    expect(update.additionalProperties).toBe(false);
  });

  it("keeps a union body whole, next to the parameters", () => {
    const create = tools.find((t) => t.name === "logto_sso_connectors_create")!.inputSchema as {
      allOf?: Array<{ $ref?: string }>;
      additionalProperties?: unknown;
      $defs?: Record<string, { oneOf?: unknown[]; discriminator?: unknown }>;
    };
    expect(create.allOf).toEqual([{ $ref: "#/$defs/SsoConnectorCreateRequest" }]);
    expect(create.$defs?.SsoConnectorCreateRequest?.oneOf).toHaveLength(3);
    // OpenAPI's discriminator is not JSON Schema; the variants' enums tell them apart.
    expect(create.$defs?.SsoConnectorCreateRequest?.discriminator).toBeUndefined();
    expect(Object.keys(create.$defs ?? {})).toContain("OidcSsoConnectorCreateRequest");
    expect(create.additionalProperties).toBeUndefined();
    const ajv = addFormats(new Ajv2020({ strict: true }));
    const validate = ajv.compile(create);
    expect(validate({ providerName: "OIDC", connectorName: "Acme" })).toBe(true);
    expect(validate({ providerName: "Nope", connectorName: "Acme" })).toBe(false);
  });
});
