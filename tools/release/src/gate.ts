import { type ApiDiff, diffApi } from "./api/baseline.ts";

import { type Bump, bumpRank, bumpReason, isZeroMajor } from "./bump.ts";
import { declaredBump, diffPackage, type PackageDiff, readPendingChangesets } from "./changeset.ts";
import { undescribed } from "./described.ts";
import type { ReportLine } from "./report.ts";
import { publishedPackages, specPackages } from "./workspace.ts";

export interface GateResult {
  ok: boolean;
  /** What to print, one line each. */
  lines: string[];
}

/** How many changes the gate prints for a failing package before "... and N more". */
const SHOWN = 8;

/**
 * The semver gate, per published package: the pending changesets that name it must give at least the bump its
 * spec diff needs and at least the bump its public API diff needs (the API Extractor reports against the ones
 * it was released with), and every spec change must be described by one of them, not merely covered by a bump.
 */
export async function runGate(root: string): Promise<GateResult> {
  const pending = readPendingChangesets(root);
  const specs = new Map(specPackages(root).map((pkg) => [pkg.name, pkg]));
  const names = new Set([...publishedPackages(root).map((p) => p.name), ...specs.keys()]);
  const lines: string[] = [];
  let ok = true;
  for (const name of [...names].sort()) {
    const specPkg = specs.get(name);
    const spec = specPkg ? await diffPackage(root, specPkg) : undefined;
    const api = diffApi(root, name);
    if (spec?.releasedVersion !== undefined && spec.releasedVersion !== spec.pkg.version) {
      lines.push(
        `warning: ${spec.pkg.baseline} was recorded at ${spec.releasedVersion} but ${name} is ${spec.pkg.version}: ` +
          "release with `pnpm version-packages`, which records the baseline after `changeset version`.",
      );
    }
    const needs = [spec?.bump, api?.bump].filter((b): b is Bump => b !== undefined);
    if (needs.length === 0) {
      const what = spec
        ? `${spec.pkg.spec} matches the spec released in ${spec.releasedVersion ?? "(none)"}`
        : "";
      lines.push(
        `ok   ${name}: ${[what, api ? "public API matches its released report" : ""].filter(Boolean).join("; ")}`,
      );
      continue;
    }
    const needed = needs.reduce((a, b) => (bumpRank(b) > bumpRank(a) ? b : a));
    const declared = declaredBump(pending, name);
    const missing = spec ? undescribed(pending, name, spec.lines) : [];
    const enough = bumpRank(declared.bump) >= bumpRank(needed);
    if (enough && missing.length === 0) {
      const why = [
        spec?.bump ? `spec changes need ${spec.bump}` : "",
        api?.bump ? `API changes need ${api.bump}` : "",
      ];
      lines.push(
        `ok   ${name}: ${why.filter(Boolean).join("; ")}; ${declared.files.join(", ")} ${declared.files.length > 1 ? "give" : "gives"} ${declared.bump}`,
      );
      if (declared.bump === "major" && isZeroMajor(spec?.pkg.version ?? api?.version ?? "")) {
        lines.push(`     note: a major changeset releases ${name} as 1.0.0`);
      }
      continue;
    }
    ok = false;
    if (!enough && spec?.bump && bumpRank(declared.bump) < bumpRank(spec.bump))
      lines.push(...specFailure(spec, declared));
    if (!enough && api?.bump && bumpRank(declared.bump) < bumpRank(api.bump))
      lines.push(...apiFailure(api, declared));
    if (missing.length > 0 && spec) lines.push(...undescribedFailure(spec, missing, declared.files));
  }
  if (!ok) {
    lines.push(
      "",
      "Run `pnpm spec:changeset` to write the missing changesets from the spec diff, or `pnpm changeset` for API",
      "changes, review their wording, and commit them.",
    );
  }
  return { ok, lines };
}

type Declared = { bump: string; files: string[] };

function have(name: string, declared: Declared): string {
  return declared.files.length === 0
    ? `no pending changeset in .changeset/ names ${name}`
    : `pending changesets give only ${declared.bump} (${declared.files.join(", ")})`;
}

function listed(lines: readonly ReportLine[]): string[] {
  const out = lines.slice(0, SHOWN).map((line) => `     - [${line.severity}] ${line.text}`);
  if (lines.length > SHOWN) out.push(`     ... and ${lines.length - SHOWN} more`);
  return out;
}

function specFailure(diff: PackageDiff, declared: Declared): string[] {
  const { pkg } = diff;
  const since = diff.releasedVersion
    ? `the spec released in ${diff.releasedVersion}`
    : "its release baseline (none yet)";
  return [
    `FAIL ${pkg.name}: ${pkg.spec} differs from ${since}: ${diff.severity ? bumpReason(diff.severity, pkg.version) : ""}; ${have(pkg.name, declared)}.`,
    `     computed bump: ${diff.bump}. Fix: pnpm spec:changeset`,
    ...listed(diff.lines),
  ];
}

function apiFailure(diff: ApiDiff, declared: Declared): string[] {
  return [
    `FAIL ${diff.name}: the public API differs from the one released in ${diff.version} (etc/released/*.api.md): ${diff.severity ? bumpReason(diff.severity, diff.version) : ""}; ${have(diff.name, declared)}.`,
    `     computed bump: ${diff.bump}. Fix: pnpm changeset (${diff.bump} for ${diff.name}), describing the change`,
    ...listed(diff.lines),
  ];
}

function undescribedFailure(
  diff: PackageDiff,
  missing: readonly ReportLine[],
  files: readonly string[],
): string[] {
  const which =
    files.length === 0
      ? "no pending changeset names it"
      : `${files.join(", ")} ${files.length > 1 ? "do" : "does"} not mention it`;
  return [
    `FAIL ${diff.pkg.name}: ${missing.length} spec change(s) are not described by a changeset (${which}).`,
    "     A changeset describes a change when its text names what the change is about: every `code` name of the line below.",
    ...listed(missing),
  ];
}
