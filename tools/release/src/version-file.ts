/**
 * `packages/<id>/src/version.ts`: the version a client sends in its User-Agent, as a constant of its own, so a
 * release changes one small hand-owned file instead of the generated code. `pnpm version-packages` rewrites it
 * after `changeset version`; `baseline --check` and the packaging tests catch one left behind.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { publishedPackages } from "./workspace.ts";

const VERSION_FILE = "src/version.ts";

export function versionFileText(version: string): string {
  return [
    "/** This package's version, sent in the User-Agent. `pnpm version-packages` rewrites it; a test checks it matches package.json. */",
    `export const VERSION = ${JSON.stringify(version)};`,
    "",
  ].join("\n");
}

/** The version files whose text does not say their package's version. */
export function staleVersionFiles(root: string): string[] {
  return versionFiles(root)
    .filter(({ path, version }) => readFileSync(path, "utf8") !== versionFileText(version))
    .map(({ path }) => relative(root, path));
}

/** Rewrites every stale version file; returns the ones written. */
export function writeVersionFiles(root: string): string[] {
  const stale = staleVersionFiles(root);
  for (const { path, version } of versionFiles(root)) {
    if (stale.includes(relative(root, path))) writeFileSync(path, versionFileText(version));
  }
  return stale;
}

function versionFiles(root: string): { path: string; version: string }[] {
  return publishedPackages(root)
    .map((pkg) => ({ path: join(pkg.dir, VERSION_FILE), version: pkg.version }))
    .filter(({ path }) => existsSync(path));
}
