/** Rows, sections and their rendering: terminal table, markdown (BENCHMARKS.md) and JSON. */

export type Status = "ok" | "skipped" | "n/a" | "error";
export type RowKind = "sso" | "anchor" | "floor";

export interface Row {
  label: string;
  kind: RowKind;
  status: Status;
  /** why a row is skipped / n/a / errored, or a remark on an ok row */
  note?: string;
  /** formatted cells, keyed by column name */
  cells: Record<string, string>;
  /** raw numbers behind the cells (JSON output) */
  values: Record<string, number>;
  goal?: string;
  met?: boolean;
  /** the number the goal is judged on, as text ("7.22 kB gz", "1.19× openapi-fetch") */
  measured?: string;
}

export interface Section {
  id: string;
  title: string;
  /** one paragraph: how the numbers were obtained */
  method: string;
  columns: string[];
  rows: Row[];
  /** wall time the suite took, seconds */
  seconds?: number;
}

export function okRow(
  label: string,
  kind: RowKind,
  cells: Record<string, string>,
  values: Record<string, number>,
  extra: Partial<Pick<Row, "goal" | "met" | "note" | "measured">> = {},
): Row {
  return { label, kind, status: "ok", cells, values, ...extra };
}

export function missingRow(
  label: string,
  kind: RowKind,
  status: Exclude<Status, "ok">,
  note: string,
  goal?: string,
): Row {
  return { label, kind, status, note, cells: {}, values: {}, ...(goal ? { goal } : {}) };
}

/** Appends a remark to a row's note. */
export function addNote(row: Row, text: string): void {
  row.note = row.note ? `${row.note}; ${text}` : text;
}

// ---------------------------------------------------------------------------------------------- formatting

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? int.format(n) : "—";
}

export function fmtFixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "—";
}

/** 1 kB = 1000 B, as npm prints sizes. */
export function fmtBytes(n: number): string {
  if (!Number.isFinite(n)) return "—";
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 2 : 1)} kB`;
  return `${(n / 1_000_000).toFixed(2)} MB`;
}

export function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return "—";
  return s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`;
}

export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : "—";
}

/** "0.53× (0.49–0.58)": median per-round ratio and its interquartile range. */
export function fmtSpread(s: { median: number; q1: number; q3: number }): string {
  if (!Number.isFinite(s.median)) return "—";
  if (s.q1 === s.q3) return fmtRatio(s.median);
  return `${fmtRatio(s.median)} (${s.q1.toFixed(2)}–${s.q3.toFixed(2)})`;
}

export function metText(row: Row): string {
  if (row.met === undefined) return row.goal ? "—" : "";
  return row.met ? "met" : "NOT met";
}

function statusCell(row: Row): string {
  if (row.status === "ok") return row.note ?? "";
  return `${row.status}${row.note ? `: ${row.note}` : ""}`;
}

function tableCells(section: Section): { head: string[]; body: string[][] } {
  const head = ["row", ...section.columns, "goal", "met", "note"];
  const body = section.rows.map((row) => [
    row.label,
    ...section.columns.map((c) => row.cells[c] ?? (row.status === "ok" ? "—" : "")),
    row.goal ?? "",
    metText(row),
    statusCell(row),
  ]);
  return { head, body };
}

/** Plain aligned table for the terminal; every row label appears at the start of its line. */
export function renderTerminal(section: Section): string {
  const { head, body } = tableCells(section);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= cells.length - 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const took = section.seconds === undefined ? "" : ` (${section.seconds.toFixed(1)} s)`;
  return [
    `\n## ${section.title}${took}`,
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
  ].join("\n");
}

export function mdEscape(s: string): string {
  return s.replaceAll("|", "\\|").replaceAll("*", "\\*");
}

export function renderMarkdown(section: Section): string {
  const { head, body } = tableCells(section);
  const align = head.map((_, i) => (i === 0 || i >= head.length - 3 ? "---" : "---:"));
  const rows = [head, align, ...body].map((cells, i) => {
    const out = i === 1 ? cells : cells.map(mdEscape);
    return `| ${out.map((c, j) => (j === 0 && i > 1 ? `**${c}**` : c)).join(" | ")} |`;
  });
  return [`### ${section.title}`, "", section.method, "", ...rows].join("\n");
}
