import { type Change, SEVERITIES, type Severity } from "./diff/types.ts";

export interface ReportLine {
  severity: Severity;
  text: string;
}

/**
 * Turns changes into one line each, worst first. A change anchored on a component reads the same from every
 * operation that reaches it and is listed once; other messages found in several operations are listed once
 * with every operation named.
 */
export function reportLines(changes: readonly Change[]): ReportLine[] {
  const groups = new Map<string, { severity: Severity; message: string; where: string[] }>();
  for (const change of changes) {
    const key = `${change.severity}\u0000${change.message}\u0000${change.anchored ? "" : "op"}`;
    const group = groups.get(key) ?? { severity: change.severity, message: change.message, where: [] };
    if (!change.anchored && change.where !== undefined && !group.where.includes(change.where)) {
      group.where.push(change.where);
    }
    groups.set(key, group);
  }
  const lines: ReportLine[] = [];
  for (const severity of SEVERITIES) {
    for (const group of groups.values()) {
      if (group.severity !== severity) continue;
      const text = group.where.length > 0 ? `${group.where.join(", ")}: ${group.message}` : group.message;
      lines.push({ severity, text });
    }
  }
  return lines;
}

export const SECTION_TITLES: Record<Severity, string> = {
  breaking: "Breaking",
  widening: "Responses that may now hold new values (an exhaustive `switch` needs a new case)",
  additive: "Compatible additions and changes",
  patch: "Documentation",
};

/** `1 breaking, 2 added` */
export function countWords(lines: readonly ReportLine[]): string {
  const words: Record<Severity, string> = {
    breaking: "breaking",
    widening: "widened",
    additive: "compatible",
    patch: "documentation",
  };
  return SEVERITIES.map((s) => [s, lines.filter((l) => l.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${words[s]}`)
    .join(", ");
}
