/**
 * Compiling generated packages the way users do: strict TypeScript, NodeNext, against the real @sso/core
 * sources. Shared by compile.test.ts (every fixture, construct and real package) and the fuzzer, which compiles
 * many small packages one after the other and so keeps the library files parsed between programs.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { findRoot } from "../../src/context.js";

export const REPO = findRoot(fileURLToPath(import.meta.url));

/** What a fixture package's hand-written src/lib/config.ts says; the generated client imports it. */
const FIXTURE_CONFIG = `
import { bearerAuth, type ClientConfig, type ClientOptions } from "@sso/core/internal";
import type { clientSpec } from "../generated/client.js";

export interface FixtureOptions extends ClientOptions {}

export function resolveClientConfig(options: FixtureOptions, spec: typeof clientSpec): ClientConfig {
  const auth = Object.fromEntries(Object.keys(spec.auth).map((name) => [name, bearerAuth("token")]));
  return { options, defaultBaseURL: spec.defaultBaseURL, userAgent: \`\${spec.packageName}/0.0.0\`, auth };
}
`;

export const OPTIONS: ts.CompilerOptions = {
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
    "@sso/core": [join(REPO, "packages/core/src/index.ts")],
    "@sso/core/internal": [join(REPO, "packages/core/src/internal.ts")],
  },
};

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
export function examplesModule(files: Map<string, string>, className: string, packageName: string): string {
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

/** Writes a generated fixture package (its TypeScript, a config and its examples); returns the files written. */
export async function writeFixturePackage(dir: string, files: Map<string, string>): Promise<string[]> {
  const written: string[] = [];
  const write = async (path: string, content: string) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    written.push(path);
  };
  for (const [path, content] of files) if (path.endsWith(".ts")) await write(join(dir, path), content);
  await write(join(dir, "src/lib/config.ts"), FIXTURE_CONFIG);
  await write(join(dir, "examples.ts"), examplesModule(files, "Fixture", "@sso/fixture"));
  return written;
}

/** Compiles programs one after another, keeping the files that do not change (lib, @sso/core) parsed. */
export class Compiler {
  readonly #cache = new Map<string, ts.SourceFile | undefined>();
  readonly #host: ts.CompilerHost;

  constructor(readonly options: ts.CompilerOptions = OPTIONS) {
    const host = ts.createCompilerHost(options, true);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, onError, fresh) => {
      const stable = fileName.includes("/node_modules/") || fileName.startsWith(join(REPO, "packages/core/"));
      if (!stable) return getSourceFile(fileName, language, onError, fresh);
      if (!this.#cache.has(fileName))
        this.#cache.set(fileName, getSourceFile(fileName, language, onError, fresh));
      return this.#cache.get(fileName);
    };
    this.#host = host;
  }

  program(rootNames: readonly string[]): ts.Program {
    return ts.createProgram({ rootNames, options: this.options, host: this.#host });
  }
}

/** `file:line:column: message` for every diagnostic of the files under `dir` (or in `extra`). */
export function diagnosticsUnder(program: ts.Program, dir: string, extra: readonly string[] = []): string[] {
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.startsWith(`${dir}/`) || extra.some((f) => d.file?.fileName === f))
    .map((d) => {
      const { line, character } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? {
        line: 0,
        character: 0,
      };
      return `${d.file?.fileName}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}
