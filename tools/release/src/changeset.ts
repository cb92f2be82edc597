import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import parseChangeset from "@changesets/parse";
import { currentVersion, readBaseline, releasedVersion } from "./baseline.ts";
import { type Bump, bumpFor, bumpRank } from "./bump.ts";
import { canonical } from "./diff/canonical.ts";
import { diffSpecs } from "./diff/index.ts";
import { type Change, type Severity, worstSeverity } from "./diff/types.ts";
import { countWords, type ReportLine, reportLines, SECTION_TITLES } from "./report.ts";
import type { SpecPackage } from "./workspace.ts";

/** What changed in one package's spec since its release, and the bump that needs. */
export interface PackageDiff {
  pkg: SpecPackage;
  /** Version the baseline was recorded at; undefined when the package has no baseline yet. */
  releasedVersion: string | undefined;
  changes: Change[];
  lines: ReportLine[];
  severity: Severity | undefined;
  bump: Bump | undefined;
  /** Hash of (baseline, current spec): names the generated changeset, so a rerun finds its own file. */
  hash: string;
}

/** Diffs a package's current spec against its released baseline (an empty spec if it was never released). */
export async function diffPackage(root: string, pkg: SpecPackage): Promise<PackageDiff> {
  const baseline = readBaseline(root, pkg);
  const before = baseline && (await releasedVersion(root, pkg, baseline));
  const after = await currentVersion(root, pkg);
  const changes = diffSpecs(before, after);
  const severity = worstSeverity(changes);
  const hash = createHash("sha256")
    .update(before?.canonical ?? canonical({}))
    .update("\n")
    .update(after.canonical)
    .digest("hex");
  return {
    pkg,
    releasedVersion: baseline?.version,
    changes,
    lines: reportLines(changes),
    severity,
    bump: severity === undefined ? undefined : bumpFor(severity, pkg.version),
    hash: hash.slice(0, 8),
  };
}

/** `spec-logto-1a2b3c4d`: generated changesets start with `spec-<id>-`, so reruns replace their own. */
export function changesetSlug(diff: PackageDiff): string {
  return `spec-${diff.pkg.id}-${diff.hash}`;
}

/** The changeset file for a package's spec changes: frontmatter with the bump, then the list in plain words. */
export function renderChangeset(diff: PackageDiff): string {
  if (!diff.bump) throw new Error(`${diff.pkg.name}: no spec changes, no changeset`);
  const since = diff.releasedVersion ? `since ${diff.releasedVersion}` : "(first release of this spec)";
  const out = [
    "---",
    `"${diff.pkg.name}": ${diff.bump}`,
    "---",
    "",
    `API changes from \`${diff.pkg.spec}\` ${since}: ${countWords(diff.lines)}.`,
  ];
  for (const severity of ["breaking", "widening", "additive", "patch"] as const) {
    const lines = diff.lines.filter((l) => l.severity === severity);
    if (lines.length === 0) continue;
    out.push("", `${SECTION_TITLES[severity]}:`, "");
    for (const line of lines) out.push(`- ${line.text}`);
  }
  return `${out.join("\n")}\n`;
}

/** A changeset waiting in `.changeset/`. */
export interface PendingChangeset {
  file: string;
  /** The changeset's text below the frontmatter: what goes into the changelog. */
  summary: string;
  releases: { name: string; type: Bump | "none" }[];
}

export function readPendingChangesets(root: string): PendingChangeset[] {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  const out: PendingChangeset[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file === "README.md") continue;
    const text = readFileSync(join(dir, file), "utf8");
    let parsed: ReturnType<typeof parseChangeset>;
    try {
      parsed = parseChangeset(text);
    } catch (error) {
      throw new Error(`.changeset/${file} is not a valid changeset: ${(error as Error).message}`);
    }
    out.push({
      file: `.changeset/${file}`,
      summary: parsed.summary,
      releases: parsed.releases.map((r) => ({ name: r.name, type: r.type })),
    });
  }
  return out;
}

/** The highest bump that pending changesets give a package, and the files that give it. */
export function declaredBump(
  pending: readonly PendingChangeset[],
  name: string,
): { bump: Bump | "none"; files: string[] } {
  let bump: Bump | "none" = "none";
  const files: string[] = [];
  for (const changeset of pending) {
    for (const release of changeset.releases) {
      if (release.name !== name) continue;
      files.push(changeset.file);
      if (bumpRank(release.type) > bumpRank(bump)) bump = release.type;
    }
  }
  return { bump, files };
}

export interface WriteResult {
  written: string[];
  kept: string[];
  removed: string[];
}

/**
 * Writes `.changeset/spec-<id>-<hash>.md` for every package whose spec changed, removes this tool's older
 * files for the same package (their diff is out of date), and keeps a file that already exists under the
 * current name, so wording edited by hand survives a rerun.
 */
export function writeChangesets(
  root: string,
  diffs: readonly PackageDiff[],
  options: { force?: boolean } = {},
): WriteResult {
  const dir = join(root, ".changeset");
  const result: WriteResult = { written: [], kept: [], removed: [] };
  const existing = existsSync(dir) ? readdirSync(dir) : [];
  for (const diff of diffs) {
    const slug = diff.bump ? changesetSlug(diff) : undefined;
    for (const file of existing) {
      if (file.startsWith(`spec-${diff.pkg.id}-`) && file.endsWith(".md") && file !== `${slug}.md`) {
        rmSync(join(dir, file));
        result.removed.push(`.changeset/${file}`);
      }
    }
    if (!slug) continue;
    const file = join(dir, `${slug}.md`);
    if (existsSync(file) && !options.force) {
      result.kept.push(`.changeset/${slug}.md`);
      continue;
    }
    writeFileSync(file, renderChangeset(diff));
    result.written.push(`.changeset/${slug}.md`);
  }
  return result;
}
