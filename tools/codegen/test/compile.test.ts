/**
 * The generated code compiles under the repo's strict settings against the real @sso/core sources, and so does
 * every `@example` in its JSDoc. Covers each emitter fixture (emit-cases.ts) and the three real packages.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoot } from "../src/context.ts";
import { cases } from "./emit-cases.ts";
import { fixture, generate } from "./support/fixture.ts";

const root = findRoot(fileURLToPath(import.meta.url));
const REAL = { cloudflare: "Cloudflare", logto: "Logto", keycard: "Keycard" } as const;

/** What each fixture package's hand-written src/lib/config.ts would say; the generated client imports it. */
const FIXTURE_CONFIG = `
import { bearerAuth, type ClientConfig, type ClientOptions } from "@sso/core/internal";
import type { clientSpec } from "../generated/client.js";

export interface FixtureOptions extends ClientOptions {}

export function resolveClientConfig(options: FixtureOptions, spec: typeof clientSpec): ClientConfig {
  const auth = Object.fromEntries(Object.keys(spec.auth).map((scheme) => [scheme, bearerAuth("token")]));
  return { options, defaultBaseURL: spec.defaultBaseURL, userAgent: spec.userAgent, auth };
}
`;

/** The `@example` blocks of a generated file, without their JSDoc gutter. */
export function examples(source: string): string[] {
  const blocks = source.matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g);
  return [...blocks].map((match) =>
    (match[1] ?? "")
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n"),
  );
}

/** A module with every example of a package in a function of its own, given a client of the package. */
function examplesModule(files: Map<string, string>, className: string, packageName: string): string {
  const lines = [`import { ${className} } from "./src/generated/index.js";`, ""];
  let n = 0;
  for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!path.endsWith(".ts")) continue;
    for (const example of examples(content)) {
      // The client's example imports the package; that import is the module's first line already.
      const body = example.split("\n").filter((l) => l !== `import { ${className} } from "${packageName}";`);
      const returns = body.some((l) => l.startsWith("const client =")) ? ["  return client;"] : [];
      lines.push(
        `export async function example${n++}(client: ${className}) {`,
        ...body.map((l) => `  ${l}`.replace("const client =", "client =")),
        ...returns,
        "}",
        "",
      );
    }
  }
  return lines.join("\n");
}

let tmp: string;
let program: ts.Program;
const roots: Record<string, string> = {};
const counts: Record<string, { methods: number; examples: number }> = {};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "sso-codegen-compile-"));
  await writeFile(join(tmp, "package.json"), '{ "type": "module" }');
  const rootNames: string[] = [];
  const write = async (path: string, content: string) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    rootNames.push(path);
  };
  for (const [index, [name, { spec }]] of Object.entries(cases).entries()) {
    const dir = join(tmp, `case-${index}`);
    roots[name] = dir;
    const files = await generate(fixture(spec));
    for (const [path, content] of files) if (path.endsWith(".ts")) await write(join(dir, path), content);
    await write(join(dir, "src/lib/config.ts"), FIXTURE_CONFIG);
    await write(join(dir, "examples.ts"), examplesModule(files, "Fixture", "@sso/fixture"));
  }
  for (const [name, className] of Object.entries(REAL)) {
    const dir = join(root, "packages", name);
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
    await write(join(tmp, `${name}-examples.ts`), module);
  }
  program = ts.createProgram({
    rootNames,
    options: {
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      noImplicitOverride: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
      paths: {
        "@sso/core": [join(root, "packages/core/src/index.ts")],
        "@sso/core/internal": [join(root, "packages/core/src/internal.ts")],
      },
    },
  });
}, 120_000);

afterAll(() => rm(tmp, { recursive: true, force: true }));

async function resourceFiles(dir: string): Promise<string[]> {
  const { readdir } = await import("node:fs/promises");
  const entries = await readdir(join(dir, "src/generated/resources"), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(join(dir, "src/generated").length + 1));
}

function diagnostics(dir: string): string[] {
  const all = ts.getPreEmitDiagnostics(program);
  return all
    .filter(
      (d) =>
        d.file?.fileName.startsWith(`${dir}/`) ||
        d.file?.fileName.endsWith(`/${dir.split("/").at(-1)}-examples.ts`),
    )
    .map((d) => {
      const { line, character } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? {
        line: 0,
        character: 0,
      };
      return `${d.file?.fileName}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
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
    expect(diagnostics(roots[name] ?? "")).toEqual([]);
  });

  it.each(Object.keys(cases))("fixture %s: generated code and examples type-check", (name) => {
    expect(diagnostics(roots[name] ?? "")).toEqual([]);
  });
});
