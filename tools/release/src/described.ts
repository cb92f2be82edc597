import type { PendingChangeset } from "./changeset.ts";
import type { ReportLine } from "./report.ts";

/**
 * The names a change line is about: its code spans, without quotes around a value or the `()` after a method,
 * so `` `ssoConnectors.list()`: `page_size` query parameter now rejects values above 100 `` is about
 * `ssoConnectors.list` and `page_size`.
 */
function namesOf(text: string): string[] {
  const names = [...text.matchAll(/`([^`]+)`/g)].map((m) =>
    (m[1] ?? "")
      .replace(/\(\)$/, "")
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
  return [...new Set(names.filter((n) => n !== ""))];
}

/** True when a changeset's text names everything the change line is about (a line without names: its text). */
function mentions(summary: string, line: ReportLine): boolean {
  const names = namesOf(line.text);
  if (names.length === 0) return summary.includes(line.text);
  return names.every((n) => summary.includes(n));
}

/**
 * The spec changes of a package that no pending changeset naming that package describes. A bump alone does
 * not describe a change: the changelog must say what changed, so users can find their method in it.
 */
export function undescribed(
  pending: readonly PendingChangeset[],
  name: string,
  lines: readonly ReportLine[],
): ReportLine[] {
  const texts = pending.filter((c) => c.releases.some((r) => r.name === name)).map((c) => c.summary);
  return lines.filter((line) => !texts.some((summary) => mentions(summary, line)));
}
