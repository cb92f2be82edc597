import { bumpRank, bumpReason, isZeroMajor } from "./bump.ts";
import { declaredBump, diffPackage, type PackageDiff, readPendingChangesets } from "./changeset.ts";
import { specPackages } from "./workspace.ts";

export interface GateResult {
  ok: boolean;
  /** What to print, one line each. */
  lines: string[];
}

/** How many changes the gate prints for a failing package before "... and N more". */
const SHOWN = 8;

/**
 * The semver gate: every package whose spec differs from its released baseline needs a pending changeset
 * that names it with at least the bump the diff computes.
 */
export async function runGate(root: string): Promise<GateResult> {
  const pending = readPendingChangesets(root);
  const lines: string[] = [];
  let ok = true;
  for (const pkg of specPackages(root)) {
    const diff = await diffPackage(root, pkg);
    if (diff.releasedVersion !== undefined && diff.releasedVersion !== pkg.version) {
      lines.push(
        `warning: ${pkg.baseline} was recorded at ${diff.releasedVersion} but ${pkg.name} is ${pkg.version}: ` +
          "release with `pnpm version-packages`, which records the baseline after `changeset version`.",
      );
    }
    if (!diff.bump || !diff.severity) {
      lines.push(
        `ok   ${pkg.name}: ${pkg.spec} matches the spec released in ${diff.releasedVersion ?? "(none)"}`,
      );
      continue;
    }
    const declared = declaredBump(pending, pkg.name);
    if (bumpRank(declared.bump) >= bumpRank(diff.bump)) {
      lines.push(
        `ok   ${pkg.name}: spec changes need ${diff.bump}; ${declared.files.join(", ")} ${declared.files.length > 1 ? "give" : "gives"} ${declared.bump}`,
      );
      if (declared.bump === "major" && isZeroMajor(pkg.version)) {
        lines.push(`     note: a major changeset releases ${pkg.name} as 1.0.0`);
      }
      continue;
    }
    ok = false;
    lines.push(...failure(diff, declared));
  }
  if (!ok) {
    lines.push(
      "",
      "Run `pnpm spec:changeset` to write the missing changesets from the spec diff, review their wording, and commit them.",
    );
  }
  return { ok, lines };
}

function failure(diff: PackageDiff, declared: { bump: string; files: string[] }): string[] {
  const { pkg } = diff;
  const since = diff.releasedVersion
    ? `the spec released in ${diff.releasedVersion}`
    : "its release baseline (none yet)";
  const have =
    declared.files.length === 0
      ? `no pending changeset in .changeset/ names ${pkg.name}`
      : `pending changesets give only ${declared.bump} (${declared.files.join(", ")})`;
  const out = [
    `FAIL ${pkg.name}: ${pkg.spec} differs from ${since}: ${diff.severity ? bumpReason(diff.severity, pkg.version) : ""}; ${have}.`,
    `     computed bump: ${diff.bump}. Fix: pnpm spec:changeset`,
  ];
  for (const line of diff.lines.slice(0, SHOWN)) out.push(`     - [${line.severity}] ${line.text}`);
  if (diff.lines.length > SHOWN) out.push(`     ... and ${diff.lines.length - SHOWN} more`);
  return out;
}
