import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRoot } from "../src/workspace.ts";

/** The real workspace's changesets setup: a broken config only shows when someone tries to release. */
const root = findRoot(import.meta.dirname);

function workspacePackages(): Map<string, { private: boolean }> {
  const out = new Map<string, { private: boolean }>();
  const dirs = ["specs", "examples", "bench"].map((d) => join(root, d));
  for (const group of ["packages", "tools"]) {
    for (const entry of readdirSync(join(root, group))) dirs.push(join(root, group, entry));
  }
  for (const dir of dirs) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name: string; private?: boolean };
    out.set(pkg.name, { private: pkg.private === true });
  }
  return out;
}

describe(".changeset/config.json", () => {
  const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8")) as {
    fixed: string[][];
    ignore: string[];
    privatePackages: { version: boolean; tag: boolean };
  };
  const packages = workspacePackages();

  it("keeps the published packages in one fixed group with @sso/core, all public", () => {
    expect(config.fixed).toHaveLength(1);
    expect(config.fixed[0]).toEqual(
      expect.arrayContaining(["@sso/core", "@sso/cloudflare", "@sso/logto", "@sso/keycard"]),
    );
    for (const name of config.fixed.flat()) expect(packages.get(name)).toEqual({ private: false });
  });

  it("names only packages that exist (changesets refuses to version otherwise)", () => {
    for (const name of [...config.fixed.flat(), ...config.ignore])
      expect(packages.has(name), name).toBe(true);
  });

  it("publishes nothing else: every other workspace package is private and never versioned", () => {
    const published = [...packages].filter(([, p]) => !p.private).map(([name]) => name);
    expect(published.sort()).toEqual(config.fixed.flat().sort());
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });
});
