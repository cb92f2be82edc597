import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { sortKeys } from "./diff/canonical.ts";
import { type SpecVersion, specVersion } from "./diff/index.ts";
import type { JsonObject } from "./diff/types.ts";
import { loadSpec, readJson, type SpecPackage } from "./workspace.ts";

/**
 * The spec a package was last released from, stored next to the package so no git history is needed:
 * `pnpm version-packages` writes it right after `changeset version`, and the gate and `spec:changeset`
 * diff the current spec against it.
 */
export interface Baseline {
  package: string;
  version: string;
  spec: string;
  document: JsonObject;
}

const COMMENT =
  "The spec this package was last released from, keys sorted. Written by `pnpm version-packages`; " +
  "read by `pnpm spec:gate` and `pnpm spec:changeset`. Do not edit by hand.";

export function readBaseline(root: string, pkg: SpecPackage): Baseline | undefined {
  const file = join(root, pkg.baseline);
  if (!existsSync(file)) return undefined;
  const json = readJson(file);
  const document = json.document;
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new Error(`${pkg.baseline} has no "document"`);
  }
  return { package: String(json.package), version: String(json.version), spec: String(json.spec), document };
}

function currentSpec(root: string, pkg: SpecPackage): JsonObject {
  return loadSpec(join(root, pkg.spec));
}

/** The released spec as the diff reads it. */
export function releasedVersion(root: string, pkg: SpecPackage, baseline: Baseline): Promise<SpecVersion> {
  return specVersion(root, {
    name: pkg.id,
    file: pkg.baseline,
    packageName: baseline.package,
    document: baseline.document,
  });
}

/** The current spec as the diff reads it, from the same text `pnpm generate` reads. */
export function currentVersion(root: string, pkg: SpecPackage): Promise<SpecVersion> {
  return specVersion(root, {
    name: pkg.id,
    file: pkg.spec,
    packageName: pkg.name,
    document: currentSpec(root, pkg),
    text: readFileSync(join(root, pkg.spec), "utf8"),
  });
}

function renderBaseline(pkg: SpecPackage, document: JsonObject): string {
  const body = {
    $comment: COMMENT,
    package: pkg.name,
    version: pkg.version,
    spec: pkg.spec,
    document: sortKeys(document),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Writes the baselines of the given packages from their current specs, formatted by the workspace's Biome
 * so `pnpm lint` accepts them. Returns the files whose bytes changed.
 */
export function writeBaselines(root: string, pkgs: readonly SpecPackage[]): string[] {
  const changed: string[] = [];
  for (const pkg of pkgs) {
    const file = join(root, pkg.baseline);
    const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    const after = formatWithBiome(root, pkg.baseline, renderBaseline(pkg, currentSpec(root, pkg)));
    if (after === before) continue;
    writeFileSync(`${file}.tmp`, after);
    renameSync(`${file}.tmp`, file);
    changed.push(pkg.baseline);
  }
  return changed;
}

/** Formats JSON as the root's Biome would (`pnpm format`), if Biome is installed; else returns it as is. */
function formatWithBiome(root: string, path: string, text: string): string {
  let bin: string;
  try {
    bin = createRequire(join(root, "package.json")).resolve("@biomejs/biome/bin/biome");
  } catch {
    return text;
  }
  const result = spawnSync(process.execPath, [bin, "format", `--stdin-file-path=${path}`], {
    cwd: root,
    input: text,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`biome format ${path} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}
