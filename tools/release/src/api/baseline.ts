import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { type Bump, bumpFor } from "../bump.ts";
import { type Severity, worstSeverity } from "../diff/types.ts";
import { type ApiChange, diffReports } from "./diff.ts";
import { type ApiEntry, publishedEntries } from "./entries.ts";

/** `packages/<p>/etc/<p>.api.md`: the committed report of what the package exports now. */
function reportPath(entry: ApiEntry): string {
  return join(entry.dir, "etc", `${entry.reportName}.api.md`);
}

/**
 * `packages/<p>/etc/released/<p>.api.md`: the report as the package was last released, written by
 * `pnpm version-packages` (with the spec baselines), so the gate needs no git history.
 */
function releasedReportPath(entry: ApiEntry): string {
  return join(entry.dir, "etc", "released", `${entry.reportName}.api.md`);
}

/** A package's API changes since its release, over all its entry points, and the bump they need. */
export interface ApiDiff {
  name: string;
  version: string;
  lines: { severity: ApiChange["severity"]; text: string }[];
  severity: Severity | undefined;
  bump: Bump | undefined;
}

/** Diffs every entry point's report against its released one; a missing released report counts as empty. */
export function diffApi(root: string, name: string): ApiDiff | undefined {
  const entries = publishedEntries(root).filter((e) => e.name === name);
  if (entries.length === 0) return undefined;
  const lines: ApiDiff["lines"] = [];
  for (const entry of entries) {
    const current = reportPath(entry);
    if (!existsSync(current)) {
      throw new Error(`${relative(root, current)} is missing: run \`pnpm build && pnpm api:report\``);
    }
    const released = releasedReportPath(entry);
    const before = existsSync(released) ? readFileSync(released, "utf8") : "";
    for (const change of diffReports(before, readFileSync(current, "utf8"))) {
      lines.push({ severity: change.severity, text: `${entry.label}: ${change.message}` });
    }
  }
  const version = readVersion(entries[0]!.dir);
  const severity = worstSeverity(lines);
  return {
    name,
    version,
    lines,
    severity,
    bump: severity === undefined ? undefined : bumpFor(severity, version),
  };
}

/** Records the current reports as released (run by `pnpm version-packages`); returns the files that changed. */
export function writeApiBaselines(root: string): string[] {
  const changed: string[] = [];
  for (const entry of publishedEntries(root)) {
    const from = reportPath(entry);
    if (!existsSync(from)) throw new Error(`${relative(root, from)} is missing: run \`pnpm api:report\``);
    const to = releasedReportPath(entry);
    if (existsSync(to) && readFileSync(to, "utf8") === readFileSync(from, "utf8")) continue;
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    changed.push(relative(root, to));
  }
  return changed;
}

/** The released reports that differ from the current ones (for `baseline --check`). */
export function staleApiBaselines(root: string): string[] {
  return publishedEntries(root)
    .filter((entry) => {
      const released = releasedReportPath(entry);
      const current = reportPath(entry);
      return (
        !existsSync(released) ||
        !existsSync(current) ||
        readFileSync(released, "utf8") !== readFileSync(current, "utf8")
      );
    })
    .map((entry) => relative(root, releasedReportPath(entry)));
}

function readVersion(dir: string): string {
  return String(
    (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown }).version,
  );
}
