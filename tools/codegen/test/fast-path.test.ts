/**
 * The no-op fast path of `sso-codegen generate`: with every input and output matching the package's manifest
 * (in `node_modules/.cache/sso-codegen/`, never committed) it skips the generation and never loads Redocly,
 * openapi-typescript, ts-morph or Biome; any other change runs the full generation, which rewrites exactly what
 * differs. `--check` never takes the shortcut.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";
import { CODE_DIR } from "../src/context.js";
import { manifestPath } from "../src/output/manifest.js";
import { fixture } from "./support/fixture.js";

const SPEC = fixture({
  paths: `
    /ping:
      post:
        summary: Ping the API
        x-sdk-resource: ping
        x-sdk-method: send
        responses:
          "200": { description: ok, content: { application/json: { schema: { $ref: "./pong.yaml" } } } }
  `,
});
const PONG = "type: object\nproperties:\n  at: { type: string }\n";
const README =
  "# @sso/fixture\n\nHand-written prose.\n\n<!-- operations:start -->\nold table\n<!-- operations:end -->\n\nMore prose.\n";
const BIN = fileURLToPath(new URL("../bin/sso-codegen.js", import.meta.url));

let root: string;
/** A copy of the generator's code, so a test can "edit the generator" without touching the real one. */
let codeDir: string;
let out: string[];

const pkg = (...path: string[]) => join(root, "packages", "fixture", ...path);
const manifest = () => manifestPath(pkg());
const generate = (...args: string[]) => main(["generate", ...args], { cwd: root, codeDir });
const edit = async (path: string, change: (text: string) => string) =>
  writeFile(path, change(await readFile(path, "utf8")));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "sso-codegen-fast-"));
  await writeFile(join(root, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
  await mkdir(join(root, "specs"));
  await writeFile(join(root, "specs", "fixture.openapi.yaml"), SPEC);
  await writeFile(join(root, "specs", "pong.yaml"), PONG);
  await mkdir(pkg(), { recursive: true });
  await writeFile(pkg("package.json"), '{ "name": "@sso/fixture", "version": "1.0.0" }\n');
  await writeFile(pkg("README.md"), README);
  codeDir = join(root, "codegen", "src");
  await cp(CODE_DIR, codeDir, { recursive: true });
  await cp(join(CODE_DIR, "..", "package.json"), join(root, "codegen", "package.json"));
  out = [];
  const capture = (...args: unknown[]) => void out.push(args.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  expect(await generate()).toBe(0);
  out = [];
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

const SKIPPED = /fixture up to date \(\d+ ms; inputs and outputs match the manifest\)/;
const UNCHANGED = /fixture unchanged \(\d+ ms\)/;

/** What is done to a freshly generated fixture repo, and which files the next `generate` must rewrite. */
const CASES: Array<{ name: string; change: () => Promise<unknown>; rewrites: string[] | "none" }> = [
  { name: "nothing changed", change: async () => {}, rewrites: [] },
  {
    name: "README prose edited (only the marked table is generated)",
    change: () => edit(pkg("README.md"), (t) => t.replace("More prose.", "Other prose.")),
    rewrites: [],
  },
  {
    name: "spec changed",
    change: () =>
      edit(join(root, "specs", "fixture.openapi.yaml"), (t) => t.replace("Ping the API", "Ping it")),
    rewrites: [
      "update packages/fixture/README.md",
      "update packages/fixture/src/generated/resources/ping.ts",
      "update packages/fixture/src/generated/schema.ts",
    ],
  },
  {
    name: "a file the spec $refs changed",
    change: () =>
      edit(join(root, "specs", "pong.yaml"), (t) =>
        t.replace("at: { type: string }", "at: { type: number }"),
      ),
    rewrites: [
      "update packages/fixture/src/generated/json-schemas.ts",
      "update packages/fixture/src/generated/schema.ts",
    ],
  },
  {
    name: "generated file hand-edited",
    change: () => edit(pkg("src/generated/types.ts"), (t) => `${t}// edited by hand\n`),
    rewrites: ["update packages/fixture/src/generated/types.ts"],
  },
  {
    name: "README table hand-edited",
    change: () => edit(pkg("README.md"), (t) => t.replace("Ping the API", "Ping")),
    rewrites: ["update packages/fixture/README.md"],
  },
  {
    name: "api.md hand-edited",
    change: () => writeFile(pkg("api.md"), "stale\n"),
    rewrites: ["update packages/fixture/api.md"],
  },
  {
    name: "generated file deleted",
    change: () => rm(pkg("src/generated/index.ts")),
    rewrites: ["create packages/fixture/src/generated/index.ts"],
  },
  {
    name: "extra file in src/generated",
    change: () => writeFile(pkg("src/generated/leftover.ts"), "export {};\n"),
    rewrites: ["delete packages/fixture/src/generated/leftover.ts"],
  },
  { name: "manifest deleted", change: () => rm(manifest()), rewrites: "none" },
  {
    name: "manifest hand-edited",
    change: () => edit(manifest(), (t) => t.replace(/"[0-9a-f]{64}"/, '"0"')),
    rewrites: "none",
  },
  {
    name: "generator code changed",
    change: () => edit(join(codeDir, "emit", "text.ts"), (t) => `${t}// a comment\n`),
    rewrites: "none",
  },
  {
    name: "generator dependency changed",
    change: () =>
      edit(join(root, "codegen", "package.json"), (t) => t.replace(/"yaml": "[^"]*"/, '"yaml": "0.0.0"')),
    rewrites: "none",
  },
  {
    name: "package version changed (the version is not in generated files)",
    change: () => writeFile(pkg("package.json"), '{ "name": "@sso/fixture", "version": "1.1.0" }\n'),
    rewrites: "none",
  },
];

describe("generate: the no-op fast path", () => {
  it.each(CASES)("$name", async ({ change, rewrites }) => {
    await change();
    expect(await generate()).toBe(0);
    const report = out.join("\n");
    if (rewrites !== "none" && rewrites.length === 0) {
      expect(report).toMatch(SKIPPED);
      return;
    }
    expect(report).not.toMatch(SKIPPED);
    if (rewrites === "none") expect(report).toMatch(UNCHANGED);
    else {
      expect(report).toContain(`${rewrites.length} file(s) changed`);
      for (const line of rewrites) expect(report).toContain(line);
    }
    // The full run left everything as a fresh generation would, so the next run is skipped again.
    out = [];
    expect(await generate()).toBe(0);
    expect(out.join("\n")).toMatch(SKIPPED);
  });

  it("--check always generates in full: a manifest that lies does not hide a stale file", async () => {
    const text = await readFile(pkg("src/generated/types.ts"), "utf8");
    const edited = `${text}// edited by hand\n`;
    await writeFile(pkg("src/generated/types.ts"), edited);
    const { sha256 } = await import("../src/output/manifest.js");
    await edit(manifest(), (t) => t.replace(sha256(text), sha256(edited)));
    expect(await generate("--check")).toBe(1);
    expect(out.join("\n")).toContain("update packages/fixture/src/generated/types.ts");
  });

  it("the manifest is deterministic, lists every input ($ref'd files included) and every output", async () => {
    const first = await readFile(manifest(), "utf8");
    const parsed = JSON.parse(first) as { inputs: Record<string, string>; outputs: Record<string, string> };
    expect(Object.keys(parsed.inputs)).toEqual([
      "biome.json",
      "packages/fixture/package.json",
      "specs/fixture.openapi.yaml",
      "specs/pong.yaml",
    ]);
    expect(Object.keys(parsed.outputs)).toEqual([
      "README.md#operations",
      "api.md",
      "src/generated/client.ts",
      "src/generated/index.ts",
      "src/generated/json-schemas.ts",
      "src/generated/resources/ping.ts",
      "src/generated/schema.ts",
      "src/generated/types.ts",
    ]);
    await rm(manifest());
    await generate();
    expect(await readFile(manifest(), "utf8")).toBe(first);
  });

  it("the built bin skips without loading Redocly, openapi-typescript, TypeScript, ts-morph or Biome", async () => {
    // A probe preloaded into the real bin: at exit it lists the heavy modules that were loaded.
    const probe =
      "data:text/javascript," +
      encodeURIComponent(
        'import { createRequire } from "node:module";' +
          "const cache = createRequire(process.execPath).cache;" +
          'process.on("exit", () => process.stderr.write(`LOADED ${JSON.stringify(Object.keys(cache)' +
          ".filter((f) => /[\\\\/](typescript|ts-morph|@ts-morph|@redocly|@biomejs)[\\\\/].*\\.c?js$/.test(f)).length)}\\n`));",
      );
    const runBin = (...args: string[]) => {
      const result = spawnSync(process.execPath, ["--import", probe, BIN, ...args], {
        cwd: root,
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
      return { stdout: result.stdout, loaded: Number(/LOADED (\d+)/.exec(result.stderr)?.[1]) };
    };
    // The bin hashes its own built code, not the copy this file generated with: its first run is a full one.
    const full = runBin("generate");
    expect(full.stdout).toMatch(UNCHANGED);
    expect(full.loaded).toBeGreaterThan(0);
    const skipped = runBin("generate");
    expect(skipped.stdout).toMatch(SKIPPED);
    expect(skipped.loaded).toBe(0);
    expect(runBin("--help").loaded).toBe(0);
  });
});
