/**
 * The CLI on a throwaway repo: `--check` writes nothing and names stale files, writes happen only when bytes
 * change, files the generator no longer produces are deleted, and hand-written README prose survives.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main, run } from "../src/cli.js";
import { createContext, type GeneratorContext } from "../src/context.js";
import { fixture } from "./support/fixture.js";

const SPEC = fixture({
  paths: `
    /ping:
      post: { summary: Ping the API, x-sdk-resource: ping, x-sdk-method: send, responses: { "204": { description: ok } } }
  `,
});
const README =
  "# @sso/fixture\n\nHand-written prose.\n\n<!-- operations:start -->\nold table\n<!-- operations:end -->\n\nMore prose.\n";

let root: string;
let ctx: GeneratorContext;
let out: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "sso-codegen-cli-"));
  await writeFile(join(root, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
  await mkdir(join(root, "specs"));
  await writeFile(join(root, "specs", "fixture.openapi.yaml"), SPEC);
  await mkdir(join(root, "packages", "fixture"), { recursive: true });
  await writeFile(
    join(root, "packages", "fixture", "package.json"),
    '{ "name": "@sso/fixture", "version": "1.0.0" }',
  );
  await writeFile(join(root, "packages", "fixture", "README.md"), README);
  ctx = createContext(root);
  out = [];
  const capture = (...args: unknown[]) => void out.push(args.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

const pkg = (...path: string[]) => join(root, "packages", "fixture", ...path);

describe("cli", () => {
  it("generates, then finds nothing stale", async () => {
    expect(await run(ctx, ["fixture"], false)).toBe(0);
    expect(out.join("\n")).toContain("create packages/fixture/src/generated/resources/ping.ts");
    expect(await run(ctx, ["fixture"], true)).toBe(0);
    expect(out.at(-1)).toMatch(/fixture up to date/);
  });

  it("keeps the README prose and replaces only the marked table", async () => {
    await run(ctx, ["fixture"], false);
    const readme = await readFile(pkg("README.md"), "utf8");
    expect(readme).toMatch(/^# @sso\/fixture\n\nHand-written prose\.\n\n<!-- operations:start -->\n/);
    expect(readme).toContain("| `client.ping.send()` | `POST /ping` | Ping the API |");
    expect(readme).not.toContain("old table");
    expect(readme).toMatch(/<!-- operations:end -->\n\nMore prose\.\n$/);
  });

  it("--check writes nothing, exits 1 and lists edited, missing and extra files", async () => {
    await run(ctx, ["fixture"], false);
    await writeFile(pkg("src/generated/types.ts"), "// edited by hand\n");
    await writeFile(pkg("src/generated/leftover.ts"), "export {};\n");
    await writeFile(pkg("api.md"), "stale");
    await rm(pkg("src/generated/index.ts"));
    out = [];
    expect(await run(ctx, ["fixture"], true)).toBe(1);
    const report = out.join("\n");
    expect(report).toContain("stale");
    expect(report).toContain("update packages/fixture/src/generated/types.ts");
    expect(report).toContain("delete packages/fixture/src/generated/leftover.ts");
    expect(report).toContain("create packages/fixture/src/generated/index.ts");
    expect(report).toContain("update packages/fixture/api.md");
    expect(await readFile(pkg("src/generated/types.ts"), "utf8")).toBe("// edited by hand\n");
    expect(await readFile(pkg("src/generated/leftover.ts"), "utf8")).toBe("export {};\n");
  });

  it("writes only files whose bytes change and deletes files no longer produced", async () => {
    await run(ctx, ["fixture"], false);
    await writeFile(pkg("src/generated/resources/gone.ts"), "export {};\n");
    const before = await stat(pkg("src/generated/client.ts"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    out = [];
    expect(await run(ctx, ["fixture"], false)).toBe(0);
    expect(out.join("\n")).toContain("delete packages/fixture/src/generated/resources/gone.ts");
    expect((await stat(pkg("src/generated/client.ts"))).mtimeMs).toBe(before.mtimeMs);
    await expect(stat(pkg("src/generated/resources/gone.ts"))).rejects.toThrow();
  });

  it("never writes outside src/generated, api.md, README.md and its manifest in node_modules/.cache", async () => {
    await run(ctx, ["fixture"], false);
    const { readdir } = await import("node:fs/promises");
    const files = (await readdir(pkg(), { recursive: true })).sort();
    expect(files.filter((f) => !f.startsWith("src"))).toEqual([
      "README.md",
      "api.md",
      "node_modules",
      "node_modules/.cache",
      "node_modules/.cache/sso-codegen",
      "node_modules/.cache/sso-codegen/manifest.json",
      "package.json",
    ]);
    expect(files.filter((f) => f.startsWith("src") && !f.startsWith("src/generated"))).toEqual(["src"]);
  });

  it("names an unknown spec instead of failing on a missing file", async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(await main(["generate", "--spec", "nope"])).toBe(1);
    } finally {
      process.chdir(cwd);
    }
    expect(out.join("\n")).toContain(
      "no spec nope: expected specs/<name>.openapi.yaml and packages/<name>/package.json (found: fixture)",
    );
  });

  it("main rejects unknown commands with the usage", async () => {
    expect(await main(["frobnicate"])).toBe(2);
    expect(out.join("\n")).toContain("Usage: sso-codegen generate");
  });
});
