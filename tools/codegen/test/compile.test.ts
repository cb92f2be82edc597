/**
 * The generated code compiles under the repo's strict settings against the real @sso/core sources, and so does
 * every `@example` in its JSDoc. Covers each emitter fixture (emit-cases.ts), each construct with its type
 * assertions (construct-cases.ts) and the three real packages.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { constructs } from "./construct-cases.js";
import { cases } from "./emit-cases.js";
import {
  Compiler,
  diagnosticsUnder,
  examples,
  examplesModule,
  REPO,
  writeFixturePackage,
} from "./support/compile.js";
import { fixture, generate, model } from "./support/fixture.js";

const REAL = { cloudflare: "Cloudflare", logto: "Logto", keycard: "Keycard" } as const;

/** What every construct's type assertions can use. */
const ASSERTIONS = `
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function expectType<T extends true>(): T | void {}
// biome-ignore lint: a test helper
export type Result<F> = F extends (...args: any[]) => PromiseLike<infer T> ? T : never;
`;

/** A module of one construct's type assertions, with the client and every exported type in scope. */
function typesModule(names: readonly string[], body: string): string {
  return [
    'import { clientSpec } from "./src/generated/client.js";',
    `import type { Fixture${names.map((n) => `, ${n}`).join("")} } from "./src/generated/index.js";`,
    'import { type Equal, expectType, type Result } from "./assertions.js";',
    "",
    `export type { ${["Fixture", ...names].join(", ")} };`,
    "export async function check(client: Fixture) {",
    "  void clientSpec;",
    "  void client;",
    "  void expectType;",
    "  void (0 as unknown as Equal<1, 1> | Result<() => Promise<1>>);",
    body,
    "}",
    "",
  ].join("\n");
}

let tmp: string;
let program: ts.Program;
const roots: Record<string, string> = {};
const counts: Record<string, { methods: number; examples: number }> = {};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "sso-codegen-compile-"));
  await writeFile(join(tmp, "package.json"), '{ "type": "module" }');
  const rootNames: string[] = [];
  const fixtures = [
    ...Object.entries(cases).map(([name, c]) => ({
      name,
      spec: c.spec,
      types: undefined as string | undefined,
    })),
    ...Object.entries(constructs).map(([name, c]) => ({ name, spec: c.spec, types: c.types })),
  ];
  for (const [index, { name, spec, types }] of fixtures.entries()) {
    const dir = join(tmp, `case-${index}`);
    roots[name] = dir;
    rootNames.push(...(await writeFixturePackage(dir, await generate(fixture(spec)))));
    if (types !== undefined) {
      const names = (await model(fixture(spec))).schemas.map((s) => s.name);
      await writeFile(join(dir, "assertions.ts"), ASSERTIONS);
      await writeFile(join(dir, "types.ts"), typesModule(names, types));
      rootNames.push(join(dir, "types.ts"));
    }
  }
  for (const [name, className] of Object.entries(REAL)) {
    const dir = join(REPO, "packages", name);
    roots[name] = dir;
    const files = new Map<string, string>();
    for (const path of ["client.ts", "types.ts", ...(await resourceFiles(dir))]) {
      files.set(`src/generated/${path}`, await readFile(join(dir, "src/generated", path), "utf8"));
    }
    rootNames.push(join(dir, "src/index.ts"));
    const all = [...files.values()].join("\n");
    counts[name] = {
      methods: all.match(/^const \w+Operation = /gm)?.length ?? 0,
      examples: [...files.values()].flatMap(examples).length,
    };
    // Examples of the real packages compile next to them, in the temp dir, importing the package by path.
    const module = examplesModule(files, className, `@sso/${name}`).replaceAll(
      "./src/generated/index.js",
      join(dir, "src/generated/index.js"),
    );
    const path = join(tmp, `${name}-examples.ts`);
    await writeFile(path, module);
    rootNames.push(path);
  }
  program = new Compiler().program(rootNames);
}, 180_000);

afterAll(() => rm(tmp, { recursive: true, force: true }));

async function resourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, "src/generated/resources"), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(join(dir, "src/generated").length + 1));
}

function diagnostics(name: string): string[] {
  const dir = roots[name] ?? "";
  return diagnosticsUnder(program, dir, name in REAL ? [join(tmp, `${name}-examples.ts`)] : []);
}

describe("compile", () => {
  it("finds examples to check", () => {
    expect(examples("/**\n * @example\n * ```ts\n * await x();\n * ```\n */")).toEqual(["await x();"]);
  });

  it.each(Object.keys(REAL))("%s: every method and the client have an example", (name) => {
    const count = counts[name];
    expect(count?.methods).toBeGreaterThan(0);
    expect(count?.examples).toBe((count?.methods ?? 0) + 1);
  });

  it.each(Object.keys(REAL))("%s: generated code, lib and every @example type-check", (name) => {
    expect(diagnostics(name)).toEqual([]);
  });

  it.each(Object.keys(cases))("fixture %s: generated code and examples type-check", (name) => {
    expect(diagnostics(name)).toEqual([]);
  });

  it.each(Object.keys(constructs))("construct %s: compiles and means what the spec says", (name) => {
    expect(diagnostics(name)).toEqual([]);
  });
});
