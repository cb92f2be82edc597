/**
 * A bad spec stops the run with `file:line:column: message (pointer)` and leaves every file as it was: the
 * generator computes everything in memory before it writes anything.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../src/cli.js";
import { createContext, type GeneratorContext } from "../src/context.js";
import { fixture } from "./support/fixture.js";

const GOOD = fixture({
  schemas: `Thing: { type: object, properties: { id: { type: string } } }`,
  paths: `
    /things/{id}:
      get:
        x-sdk-resource: things
        x-sdk-method: get
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        responses:
          "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
  `,
});

interface BadCase {
  spec: string;
  /** Text whose first occurrence in the spec is where the problem must be reported. */
  at: string;
  /** Check the line only: where a parser notices a syntax error is its business. */
  column?: false;
  pointer: string;
  message: RegExp;
}

/** Inserts `lines` after the line holding `needle`, indented like it. */
function insertAfter(text: string, needle: string, ...lines: string[]): string {
  const index = text.indexOf(needle);
  const start = text.lastIndexOf("\n", index) + 1;
  const end = text.indexOf("\n", index);
  const indent = /^ */.exec(text.slice(start))?.[0] ?? "";
  return `${text.slice(0, end + 1)}${lines.map((l) => `${indent}${l}\n`).join("")}${text.slice(end + 1)}`;
}

const OK =
  '"200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }';

/** `GOOD` with another operation after `/things/{id}`'s, as YAML lines of the paths map. */
function withPath(...lines: string[]): string {
  return GOOD.replace("components:", [...lines.map((l) => `  ${l}`), "components:"].join("\n"));
}

/** `GOOD` with more maps under `components`, as YAML lines. */
function withComponents(...lines: string[]): string {
  return GOOD.replace("components:", ["components:", ...lines.map((l) => `  ${l}`)].join("\n"));
}

const cases: Record<string, BadCase> = {
  "YAML syntax error (a duplicate key)": {
    spec: insertAfter(GOOD, "x-sdk-method: get", "x-sdk-method: list"),
    at: "x-sdk-method: list",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-method",
    message: /Map keys must be unique/,
  },
  "YAML syntax error (an unclosed flow sequence)": {
    spec: GOOD.replace("parameters: [{ name: id", "parameters: [[{ name: id"),
    // The parser notices the missing `]` where the next key starts.
    at: "responses:",
    column: false,
    pointer: "#/paths/~1things~1{id}/get/responses",
    message: /Flow sequence in block collection must be sufficiently indented and end with a \] \(/,
  },
  "not OpenAPI 3.1": {
    spec: GOOD.replace("openapi: 3.1.0", "openapi: 3.0.3"),
    at: "openapi: 3.0.3",
    pointer: "#/openapi",
    message: /expected an OpenAPI 3\.1 document/,
  },
  "a dangling $ref names its missing target": {
    spec: GOOD.replace('"#/components/schemas/Thing" }', '"#/components/schemas/Nope" }'),
    at: '$ref: "#/components/schemas/Nope"',
    pointer: "#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/$ref",
    message: /`\$ref` names the missing target `#\/components\/schemas\/Nope`/,
  },
  "no resource name from the path and no x-sdk-resource": {
    spec: withPath(
      "/{id}:",
      `  get: { summary: lonely, parameters: [{ name: id, in: path, required: true, schema: { type: string } }], responses: { ${OK} } }`,
    ),
    at: "get: { summary: lonely",
    pointer: "#/paths/~1{id}/get",
    message: /cannot name a resource for GET \/\{id\} from its path; set x-sdk-resource/,
  },
  "no method name from the rule and no operationId": {
    spec: withPath(
      "/widgets/{id}:",
      `  post: { summary: poke, parameters: [{ name: id, in: path, required: true, schema: { type: string } }], responses: { ${OK} } }`,
    ),
    at: "post: { summary: poke",
    pointer: "#/paths/~1widgets~1{id}/post",
    message: /cannot name the method of POST \/widgets\/\{id\}; set x-sdk-method/,
  },
  "two operations mapped to one method name": {
    spec: withPath(
      "  put:",
      "    x-sdk-resource: things",
      "    x-sdk-method:  get",
      "    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
      "    responses:",
      `      ${OK}`,
    ).replace("\n    put:", "\n    put:"),
    at: "x-sdk-method:  get",
    pointer: "#/paths/~1things~1{id}/put/x-sdk-method",
    message: /`things\.get` is already mapped to GET \/things\/\{id\}/,
  },
  "two derived names that collide, without operationIds to tell them apart": {
    spec: withPath(
      "/widgets:",
      '  get: { summary: first, responses: { "200": { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } } } }',
      "/v2/widgets:",
      '  get: { summary: second, responses: { "200": { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } } } }',
    ),
    at: "get: { summary: first",
    pointer: "#/paths/~1widgets/get",
    message: /`widgets\.list` is already mapped to GET \/v2\/widgets; set x-sdk-method \(or an operationId\)/,
  },
  "a non-JSON request body": {
    spec: insertAfter(
      GOOD,
      "x-sdk-method: get",
      "requestBody: { content: { multipart/form-data: { schema: { type: object } } } }",
    ),
    at: "multipart/form-data",
    pointer: "#/paths/~1things~1{id}/get/requestBody/content/multipart~1form-data",
    message: /request body content type `multipart\/form-data` is not supported \(only application\/json\)/,
  },
  "a problem in a shared request body names the operations that use it": {
    spec: withComponents(
      "requestBodies:",
      "  Upload: { content: { multipart/form-data: { schema: { type: object } } } }",
    ).replace(
      "x-sdk-method: get",
      'x-sdk-method: get\n      requestBody: { $ref: "#/components/requestBodies/Upload" }',
    ),
    at: "multipart/form-data",
    pointer: "#/components/requestBodies/Upload/content/multipart~1form-data",
    message: /is not supported \(only application\/json\) \(used by GET \/things\/\{id\}\)/,
  },
  "a cookie parameter": {
    spec: GOOD.replace(
      "parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
      "parameters: [{ name: id, in: path, required: true, schema: { type: string } }, { name: session, in: cookie, schema: { type: string } }]",
    ),
    at: "{ name: session",
    pointer: "#/paths/~1things~1{id}/get/parameters/1",
    message: /cookie parameter `session` is not supported/,
  },
  "a path parameter that is an object": {
    spec: GOOD.replace(
      "{ name: id, in: path, required: true, schema: { type: string } }",
      "{ name: id, in: path, required: true, schema: { type: object } }",
    ),
    at: "schema: { type: object } }",
    pointer: "#/paths/~1things~1{id}/get/parameters/0/schema",
    message: /path parameter `id` must be a string, number or boolean \(got object\)/,
  },
  "a path parameter style the runtime does not write": {
    spec: GOOD.replace(
      "{ name: id, in: path, required: true, schema: { type: string } }",
      "{ name: id, in: path, required: true, style: matrix, schema: { type: string } }",
    ),
    at: "style: matrix",
    pointer: "#/paths/~1things~1{id}/get/parameters/0/style",
    message: /style `matrix` is not supported for path parameters \(supported: simple\)/,
  },
  "deepObject without an object": {
    spec: GOOD.replace(
      "parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
      "parameters: [{ name: id, in: path, required: true, schema: { type: string } }, { name: q, in: query, style: deepObject, schema: { type: string } }]",
    ),
    at: "style: deepObject",
    pointer: "#/paths/~1things~1{id}/get/parameters/1/style",
    message: /`deepObject` needs an object schema and `explode: true`/,
  },
  "2xx responses with different kinds of content": {
    spec: insertAfter(
      GOOD,
      '"200": { description: ok',
      '"202": { description: later, content: { text/plain: { schema: { type: string } } } }',
    ),
    at: "responses:",
    pointer: "#/paths/~1things~1{id}/get/responses",
    message: /2xx responses with different kinds of content \(json, text\) are not supported/,
  },
  "operation-level servers": {
    spec: insertAfter(GOOD, "x-sdk-method: get", 'servers: [{ url: "https://other.example.com" }]'),
    at: 'servers: [{ url: "https://other',
    pointer: "#/paths/~1things~1{id}/get/servers",
    message: /operation-level `servers` are not supported/,
  },
  "x-sdk-positional naming no path parameter": {
    spec: insertAfter(GOOD, "x-sdk-method: get", "x-sdk-positional: nope"),
    at: "x-sdk-positional",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-positional",
    message: /x-sdk-positional must be false or one of the path parameters \(id\)/,
  },
  "an unknown pagination style": {
    spec: insertAfter(GOOD, "x-sdk-method: get", "x-sdk-pagination: { style: offset }"),
    at: "style: offset",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-pagination/style",
    message: /unknown pagination style `offset` \(single, page-number, result-info, cursor\)/,
  },
  "a misspelt extension": {
    spec: insertAfter(GOOD, "x-sdk-method: get", "x-sdk-idempotnet: true"),
    at: "x-sdk-idempotnet",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-idempotnet",
    message: /unknown extension `x-sdk-idempotnet` here/,
  },
  "a schema keyword TypeScript cannot express (not)": {
    spec: GOOD.replace(
      "Thing: { type: object, properties: { id: { type: string } } }",
      "Thing: { type: object, properties: { id: { type: string, not: { const: x } } } }",
    ),
    at: "not: { const",
    pointer: "#/components/schemas/Thing/properties/id/not",
    message: /`not` cannot be expressed as a TypeScript type/,
  },
  "a misspelt schema keyword": {
    spec: GOOD.replace(
      "Thing: { type: object, properties",
      "Thing: { type: object, requried: [id], properties",
    ),
    at: "requried",
    pointer: "#/components/schemas/Thing/requried",
    message: /Property `requried` is not expected here/,
  },
  "a schema that would shadow a global": {
    spec: GOOD.replace("Thing: { type: object", "Error: { type: object").replace(
      "schemas/Thing",
      "schemas/Error",
    ),
    at: "Error: { type",
    pointer: "#/components/schemas/Error",
    message:
      /schema `Error` would be exported as `Error`, which shadows a global or a generated name; set x-sdk-name/,
  },
  "a schema named like a runtime export": {
    spec: GOOD.replace("Thing: { type: object", "Page: { type: object").replace(
      "schemas/Thing",
      "schemas/Page",
    ),
    at: "Page: { type",
    pointer: "#/components/schemas/Page",
    message: /schema `Page` would be exported as `Page`, which the runtime exports; set x-sdk-name/,
  },
  "a resource named like a client member": {
    spec: GOOD.replace("x-sdk-resource: things", "x-sdk-resource: timeout"),
    at: "x-sdk-resource: timeout",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-resource",
    message: /`timeout` is reserved on the client/,
  },
  "a method named then (it would make the resource awaitable)": {
    spec: GOOD.replace("x-sdk-method: get", "x-sdk-method: then"),
    at: "x-sdk-method: then",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-method",
    message: /method name `then` is not usable/,
  },
  "an unsupported security scheme": {
    spec: GOOD.replace(
      "token: { type: http, scheme: bearer }",
      "token: { type: apiKey, in: query, name: key }",
    ),
    at: "token: { type: apiKey",
    pointer: "#/components/securitySchemes/token",
    message:
      /security scheme `token` is not supported \(supported: http bearer, http basic, apiKey in a header, oauth2 clientCredentials\)/,
  },
  "a workflow on a resource the client does not have": {
    spec: GOOD.replace("paths:", "x-sdk-workflows: { widgets: { ensure: Make one. } }\npaths:"),
    at: "widgets: { ensure",
    pointer: "#/x-sdk-workflows/widgets",
    message: /x-sdk-workflows names `widgets`, which is no resource of the client/,
  },
  "a workflow that takes a method's name": {
    spec: GOOD.replace("paths:", "x-sdk-workflows: { things: { get: Make one. } }\npaths:"),
    at: "get: Make one.",
    pointer: "#/x-sdk-workflows/things/get",
    message: /workflow `things.get` takes a name the resource already uses/,
  },
  "a body field that collides with a parameter": {
    spec: insertAfter(
      GOOD,
      "x-sdk-method: get",
      "x-sdk-positional: false",
      "requestBody: { content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }",
    ),
    at: "id: { type: string } } } } } }",
    pointer: "#/paths/~1things~1{id}/get/requestBody/content/application~1json/schema/properties/id",
    message: /body field `id` collides with the path parameter of that name/,
  },
};

let ctx: GeneratorContext;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "sso-codegen-bad-"));
  await writeFile(join(root, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "fixture", "src", "lib"), { recursive: true });
  await writeFile(
    join(root, "packages", "fixture", "package.json"),
    '{ "name": "@sso/fixture", "version": "1.0.0" }',
  );
  await writeFile(
    join(root, "packages", "fixture", "README.md"),
    "# Fixture\n\nProse.\n\n<!-- operations:start -->\n<!-- operations:end -->\n",
  );
  ctx = createContext(root);
});

afterEach(() => vi.restoreAllMocks());
afterAll(() => rm(root, { recursive: true, force: true }));

/** Hash of every file under packages/, by path. */
async function snapshot(): Promise<Record<string, string>> {
  const dir = join(root, "packages");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const hashes = await Promise.all(
    files.map(async (f) => [
      f.slice(dir.length),
      createHash("sha256")
        .update(await readFile(f))
        .digest("hex"),
    ]),
  );
  return Object.fromEntries(hashes.sort());
}

async function generateWith(spec: string): Promise<{ code: number; stderr: string }> {
  await writeFile(join(root, "specs", "fixture.openapi.yaml"), spec);
  const errors: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.join(" ")));
  vi.spyOn(console, "log").mockImplementation(() => {});
  const code = await run(ctx, ["fixture"], false);
  return { code, stderr: errors.join("\n") };
}

/** 1-based line and column of the first occurrence of `needle`. */
function lineColumn(text: string, needle: string): [number, number] {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the spec`);
  const before = text.slice(0, index);
  return [before.split("\n").length, index - before.lastIndexOf("\n")];
}

describe("bad specs", () => {
  it("the good fixture generates", async () => {
    expect((await generateWith(GOOD)).code).toBe(0);
    expect(Object.keys(await snapshot())).toContain("/fixture/src/generated/resources/things.ts");
  });

  it.each(Object.entries(cases))(
    "%s: reported at file:line:column with its pointer; nothing changes",
    async (_, c) => {
      expect((await generateWith(GOOD)).code).toBe(0);
      const before = await snapshot();
      const { code, stderr } = await generateWith(c.spec);
      expect(code).toBe(1);
      const [line0, column] = lineColumn(c.spec, c.at);
      const where = `specs/fixture.openapi.yaml:${line0}:${c.column === false ? "" : `${column}: `}`;
      const line = stderr.split("\n").find((l) => l.startsWith(where));
      expect(line, `no line starting with ${where} in:\n${stderr}`).toBeDefined();
      expect(line).toMatch(c.message);
      expect(line?.endsWith(`(${c.pointer})`), line).toBe(true);
      expect(stderr).toContain("no file was changed");
      expect(await snapshot()).toEqual(before);
    },
  );

  it("a requirement combining schemes at the document level is reported once, not per operation", async () => {
    const spec = withPath(
      "/widgets:",
      '  get: { x-sdk-resource: widgets, x-sdk-method: list, responses: { "204": { description: ok } } }',
    )
      .replace("security: [{ token: [] }]", "security: [{ token: [], other: [] }]")
      .replace(
        "token: { type: http, scheme: bearer }",
        "token: { type: http, scheme: bearer }\n    other: { type: http, scheme: basic }",
      );
    const { code, stderr } = await generateWith(spec);
    expect(code).toBe(1);
    const lines = stderr.split("\n").filter((l) => l.includes("combines several schemes"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\(#\/security\/0\)$/);
  });
});
