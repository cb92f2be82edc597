/** Each client's `src/version.ts` holds its package.json version; the baseline step rewrites a stale one. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { staleVersionFiles, versionFileText, writeVersionFiles } from "../src/version-file.ts";
import { findRoot } from "../src/workspace.ts";

const root = findRoot(import.meta.dirname);
let copy: string | undefined;

afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

/** A throwaway repo with one published package at `version` whose version file says `written`. */
function repo(version: string, written: string): string {
  copy = mkdtempSync(join(tmpdir(), "sso-version-"));
  cpSync(join(root, "pnpm-workspace.yaml"), join(copy, "pnpm-workspace.yaml"));
  const dir = join(copy, "packages", "demo");
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@sso/demo", version }));
  writeFileSync(join(dir, "src", "version.ts"), versionFileText(written));
  return copy;
}

describe("version files", () => {
  it("every published client's version file matches its package.json in this repository", () => {
    expect(staleVersionFiles(root)).toEqual([]);
  });

  it("names a stale one and rewrites it", () => {
    const dir = repo("1.2.3", "1.2.2");
    expect(staleVersionFiles(dir)).toEqual(["packages/demo/src/version.ts"]);
    expect(writeVersionFiles(dir)).toEqual(["packages/demo/src/version.ts"]);
    expect(readFileSync(join(dir, "packages/demo/src/version.ts"), "utf8")).toContain('VERSION = "1.2.3"');
    expect(staleVersionFiles(dir)).toEqual([]);
  });
});
