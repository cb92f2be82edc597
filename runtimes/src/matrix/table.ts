import { PROVIDERS, type RuntimeReport } from "../scenario/types.js";
import { duplicatePostProblem } from "./expectations.js";
import type { MatrixRow } from "./rows.js";

/** One finished row: the report, or the error that kept the row from producing one. */
export interface RowOutcome {
  row: MatrixRow;
  fakesRuntime: string;
  report?: RuntimeReport;
  error?: string;
  seconds: number;
}

/** A row passed when every provider's scenario passed and each create reached the fake as that row is known to. */
export function rowPassed(outcome: RowOutcome): boolean {
  return failures([outcome]).length === 0;
}

/** `pass (6/6)` or `FAIL at retry`. */
export function providerCell(outcome: RowOutcome, provider: string): string {
  const result = outcome.report?.results.find((r) => r.provider === provider);
  if (!result) return outcome.error ? "FAIL (no report)" : "FAIL (missing)";
  if (result.ok) return `pass (${result.steps.length}/${result.steps.length})`;
  const failed = result.steps.find((s) => !s.ok);
  return `FAIL at ${failed?.step ?? "?"}`;
}

/** How many times each provider's fake received the create the SDK sent once: `1 / 1 / 1`. */
export function duplicateCell(outcome: RowOutcome): string {
  return PROVIDERS.map((p) => {
    const seen = outcome.report?.results.find((r) => r.provider === p)?.duplicatePost;
    return seen ? String(seen.received) : "-";
  }).join(" / ");
}

/** The runtimes table as Markdown, as the README shows it. */
export function markdownTable(outcomes: readonly RowOutcome[]): string {
  const lines = [
    "| clients run in | version | fakes run in | cloudflare | logto | keycard | one create received (cf / logto / keycard) |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const o of outcomes) {
    const version = o.report?.version ?? "?";
    lines.push(
      `| ${o.row.clients} | ${version} | ${o.fakesRuntime || o.row.fakes} | ${PROVIDERS.map((p) => providerCell(o, p)).join(" | ")} | ${duplicateCell(o)} |`,
    );
  }
  return lines.join("\n");
}

/** Every failed step of every row, for the log. */
export function failures(outcomes: readonly RowOutcome[]): string[] {
  const out: string[] = [];
  for (const o of outcomes) {
    if (o.error) out.push(`${o.row.id}: ${o.error}`);
    if (!o.report) continue;
    for (const provider of PROVIDERS) {
      const result = o.report.results.find((r) => r.provider === provider);
      if (!result) {
        out.push(`${o.row.id} ${provider}: no result`);
        continue;
      }
      for (const step of result.steps) {
        if (!step.ok) out.push(`${o.row.id} ${provider} ${step.step}: ${step.detail}`);
      }
      const problem = result.ok ? duplicatePostProblem(o.row.id, provider, result.duplicatePost) : undefined;
      if (problem) out.push(`${o.row.id} ${problem}`);
    }
  }
  return out;
}

/** What each row's duplicate-POST check saw, one line per row: received count and how the SDK call ended. */
export function duplicateDetails(outcomes: readonly RowOutcome[]): string[] {
  return outcomes.map((o) => {
    const cells = PROVIDERS.map((p) => {
      const seen = o.report?.results.find((r) => r.provider === p)?.duplicatePost;
      return seen ? `${p} ${seen.received}x (${seen.outcome})` : `${p} -`;
    });
    return `${o.row.id}: ${cells.join(", ")}`;
  });
}
