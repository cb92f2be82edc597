/**
 * A bad spec stops the run with `file:line:column: message (pointer)` and leaves every file as it was: the
 * generator computes everything in memory before it writes anything.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../src/cli.ts";
import { createContext, type GeneratorContext } from "../src/context.ts";
import { fixture } from "./support/fixture.ts";

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

/** Removes the line holding `needle`. */
function removeLine(text: string, needle: string): string {
  const index = text.indexOf(needle);
  return text.slice(0, text.lastIndexOf("\n", index) + 1) + text.slice(text.indexOf("\n", index) + 1);
}

const OK =
  '"200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }';
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
  "dangling $ref": {
    spec: GOOD.replace('"#/components/schemas/Thing" }', '"#/components/schemas/Nope" }'),
    at: 'schema: { $ref: "#/components/schemas/Nope"',
    pointer: "#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema",
    message: /Can't resolve \$ref/,
  },
  "operation without x-sdk-resource": {
    spec: removeLine(GOOD, "x-sdk-resource: things"),
    at: "get:",
    pointer: "#/paths/~1things~1{id}/get",
    message: /operation GET \/things\/\{id\} has no x-sdk-resource/,
  },
  "operation without x-sdk-method": {
    spec: removeLine(GOOD, "x-sdk-method: get"),
    at: "get:",
    pointer: "#/paths/~1things~1{id}/get",
    message: /operation GET \/things\/\{id\} has no x-sdk-method/,
  },
  "two operations mapped to one method name": {
    spec: GOOD.replace(
      "components:",
      [
        "    put:",
        "      x-sdk-resource: things",
        "      x-sdk-method:  get",
        "      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
        "      responses:",
        `        ${OK}`,
        "components:",
      ].join("\n"),
    ),
    at: "x-sdk-method:  get",
    pointer: "#/paths/~1things~1{id}/put/x-sdk-method",
    message: /`things\.get` is already mapped to GET \/things\/\{id\}/,
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
  "a cookie parameter": {
    spec: GOOD.replace(
      "parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
      "parameters: [{ name: id, in: path, required: true, schema: { type: string } }, { name: session, in: cookie, schema: { type: string } }]",
    ),
    at: "{ name: session",
    pointer: "#/paths/~1things~1{id}/get/parameters/1",
    message: /cookie parameter `session` is not supported/,
  },
  "a non-JSON response": {
    spec: GOOD.replace("application/json: { schema: { $ref", "text/plain: { schema: { $ref"),
    at: "text/plain",
    pointer: "#/paths/~1things~1{id}/get/responses/200/content/text~1plain",
    message: /response content type `text\/plain` is not supported/,
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
    message: /unknown pagination style `offset`/,
  },
  "a schema that would shadow a global": {
    spec: GOOD.replace("Thing: { type: object", "Error: { type: object").replace(
      "schemas/Thing",
      "schemas/Error",
    ),
    at: "Error: { type",
    pointer: "#/components/schemas/Error",
    message: /schema `Error` would shadow the global `Error`/,
  },
  "an unsupported security scheme": {
    spec: GOOD.replace(
      "token: { type: http, scheme: bearer }",
      "token: { type: apiKey, in: query, name: key }",
    ),
    at: "token: { type: apiKey",
    pointer: "#/components/securitySchemes/token",
    message:
      /security scheme `token` is not supported \(supported: http bearer, http basic, apiKey in a header/,
  },
  "an x-sdk-served-by that is not a sentence": {
    spec: insertAfter(GOOD, "x-sdk-method: get", "x-sdk-served-by: 42"),
    at: "x-sdk-served-by: 42",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-served-by",
    message: /x-sdk-served-by must be a sentence naming the servers/,
  },
  "a method named like an object member": {
    spec: GOOD.replace("x-sdk-method: get", "x-sdk-method: then"),
    at: "x-sdk-method: then",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-method",
    message: /`then` is reserved on a resource \(things\)/,
  },
  "a top-level resource named like a client member": {
    spec: GOOD.replace("x-sdk-resource: things", "x-sdk-resource: raw"),
    at: "x-sdk-resource: raw",
    pointer: "#/paths/~1things~1{id}/get/x-sdk-resource",
    message: /`raw` is reserved on the client/,
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
  ctx = await createContext(root);
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
});
