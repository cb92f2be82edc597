import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";
import { clientPackages, findRoot, publishedPackages } from "../../src/workspace.ts";

/** Run after `pnpm build`: what each published package looks like to npm, publint and attw. */
const root = findRoot(import.meta.dirname);
const PACKAGES = publishedPackages(root).map((p) => p.id);
/** The clients and the runtime ship a fake-server kit at `./testing`; a package built on them (the MCP server) does not. */
const WITH_TESTING = new Set(["@sso/core", ...clientPackages(root)]);
const attw = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "attw");

function manifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
}

describe.each(PACKAGES)("@sso/%s", (id) => {
  const dir = join(root, "packages", id);

  it("is built", () => {
    expect(
      existsSync(join(dir, "dist", "index.js")),
      `${dir}/dist is missing: run \`pnpm build\` first`,
    ).toBe(true);
  });

  it("has the packaging fields a published package needs", () => {
    const pkg = manifest(dir);
    expect(pkg.private).toBeUndefined();
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines).toEqual({ node: ">=18" });
    // A command's launcher lives in bin/, outside dist/, so that pnpm can link it before anything is built.
    const bin = pkg.bin === undefined ? [] : ["bin"];
    expect(pkg.files).toEqual([...bin, "dist", "README.md", "CHANGELOG.md", "LICENSE"]);
    expect(pkg.publishConfig).toEqual({ access: "public" });
    expect(pkg.license).toBe("MIT");
    expect(existsSync(join(dir, "LICENSE"))).toBe(true);
    expect(existsSync(join(dir, "README.md"))).toBe(true);
  });

  it("has a changelog headed by its name with an entry for its current version", () => {
    const { name, version } = manifest(dir) as { name: string; version: string };
    const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
    expect(changelog.startsWith(`# ${name}\n`)).toBe(true);
    expect(changelog).toContain(`\n## ${version}\n`);
  });

  it("packs only dist/, its bin launchers, README.md, CHANGELOG.md, LICENSE and package.json", () => {
    const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: dir,
      encoding: "utf8",
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
    });
    const [packed] = JSON.parse(output) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path).sort();
    const bins = Object.values((manifest(dir).bin ?? {}) as Record<string, string>).map((target) =>
      target.replace(/^\.\//, ""),
    );
    expect(
      files.filter(
        (f) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+)$/.test(f) && !bins.includes(f),
      ),
    ).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(bins));
    expect(files).toEqual(
      expect.arrayContaining([
        "dist/index.js",
        "dist/index.cjs",
        "dist/index.d.ts",
        "dist/index.d.cts",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
      ]),
    );
    expect(
      files.some((f) => /(^|\/)(test|tests|fixtures|__golden__)\//.test(f) || /\.(test|spec)\./.test(f)),
    ).toBe(false);
  });

  it("publint reports nothing, suggestions included", async () => {
    const { messages, pkg } = await publint({ pkgDir: dir, level: "suggestion", strict: true, pack: "pnpm" });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it("attw --pack reports nothing for node10, node16 (CJS and ESM) and bundler", () => {
    const result = spawnSync(attw, ["--pack", ".", "--format", "json"], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    const report = JSON.parse(result.stdout) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems: Record<string, unknown[]>;
    };
    expect(report.problems).toEqual({});
    // @sso/core also has the entry generated code imports, `./internal`.
    const internal = basename(dir) === "core" ? ["./internal"] : [];
    const testing = WITH_TESTING.has(String(manifest(dir).name)) ? ["./testing"] : [];
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([
      ".",
      ...internal,
      "./package.json",
      ...testing,
    ]);
  });
});
