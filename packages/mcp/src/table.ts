/** The tool table `sso-mcp --list-tools` prints: name, provider, read-only or not, summary. */
import type { ServedTool } from "./tools.js";

const HEADER = ["tool", "provider", "access", "summary"] as const;

function row(tool: ServedTool): string[] {
  return [tool.name, tool.provider, access(tool), tool.title];
}

/** `read`, `write`, or `write, destructive`: what a client asks about before it lets an agent call a tool. */
function access(tool: ServedTool): string {
  if (tool.annotations.readOnlyHint) return "read";
  return tool.annotations.destructiveHint ? "write, destructive" : "write";
}

/** Aligned columns for a terminal. */
export function textTable(tools: readonly ServedTool[]): string {
  const rows = [[...HEADER], ...tools.map(row)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** A Markdown table, as the README shows it. */
export function markdownTable(tools: readonly ServedTool[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(HEADER),
    line(HEADER.map(() => "---")),
    ...tools.map((tool) => {
      const [name, ...rest] = row(tool);
      return line([`\`${name}\``, ...rest.map((cell) => cell.replace(/\|/g, "\\|"))]);
    }),
  ].join("\n");
}
