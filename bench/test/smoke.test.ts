/**
 * The one test of the benchmarks (they are not pass/fail): `pnpm bench --quick` runs, prints every row of
 * every benchmark, measures every @sso row, and no row crashes. Anchor rows may be "skipped" only when the
 * anchors could not be installed (no registry).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, it } from "vitest";
import { benchDir, resultsDir } from "../src/config.ts";
import type { Section } from "../src/report.ts";
import { rows, sectionIds } from "../src/rows.ts";

it("pnpm bench --quick runs and prints every row", () => {
  const tsx = createRequire(join(benchDir, "package.json")).resolve("tsx/cli");
  const run = spawnSync(process.execPath, [tsx, "src/main.ts", "--quick"], {
    cwd: benchDir,
    encoding: "utf8",
    timeout: 540_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(readFileSync(join(resultsDir, "quick.tmp.json"), "utf8")) as {
    anchors: { ok: boolean };
    sections: Section[];
  };

  // Every row label is printed, in its own benchmark's table.
  const blocks = run.stdout.split("\n## ");
  for (const id of sectionIds) {
    const section = result.sections.find((s) => s.id === id);
    expect(section, `benchmark ${id} ran`).toBeDefined();
    const block = blocks.find((b) => b.startsWith(section!.title));
    expect(block, `table of ${id} printed`).toBeDefined();
    const printed = block!.split("\n").slice(1);
    for (const label of Object.values(rows[id]) as string[]) {
      expect(
        printed.some((line) => line.startsWith(`${label}  `) || line.trimEnd() === label),
        `${id}: row "${label}" printed`,
      ).toBe(true);
    }
  }

  const all = result.sections.flatMap((s) => s.rows.map((r) => ({ id: s.id, ...r })));
  const describe = (r: (typeof all)[number]) => `${r.id}: ${r.label}: ${r.status} ${r.note ?? ""}`;
  expect(all.filter((r) => r.status === "error").map(describe), "no row crashed").toEqual([]);
  expect(
    all.filter((r) => r.kind === "sso" && r.status !== "ok").map(describe),
    "every @sso row measured (run `pnpm build` first)",
  ).toEqual([]);
  if (result.anchors.ok) {
    expect(all.filter((r) => r.status === "skipped").map(describe), "no anchor row skipped").toEqual([]);
  }
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
});
