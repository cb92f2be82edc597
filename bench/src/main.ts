/**
 * `pnpm bench [--quick] [--only bundle,overhead,...]`: installs the pinned anchors if needed, runs every
 * benchmark side by side with its anchors, prints one table per benchmark (goal beside each number) and
 * writes the results. A full run writes bench/results/latest.json and BENCHMARKS.md; a quick or partial run
 * writes bench/results/<quick|partial>.tmp.json only, so smoke runs never overwrite real numbers.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureAnchors } from "./anchors.ts";
import { modeFor, resultsDir, rootDir } from "./config.ts";
import type { Context, Suite } from "./context.ts";
import { missingRow, renderTerminal, type Section } from "./report.ts";
import { rows, type SectionId, sectionIds } from "./rows.ts";
import { dropSnapshot, takeSnapshot } from "./snapshot.ts";
import { bundleSuite } from "./suites/bundle.ts";
import { footprintSuite } from "./suites/footprint.ts";
import { generateSuite } from "./suites/generate.ts";
import { loopbackSuite } from "./suites/loopback.ts";
import { mcpSuite } from "./suites/mcp.ts";
import { overheadSuite } from "./suites/overhead.ts";
import { typecheckSuite } from "./suites/typecheck.ts";
import { headlines, limits, machine, renderBenchmarksMd, renderGoalsTerminal } from "./summary.ts";

/** Formats a committed JSON file the way `pnpm lint` (biome) wants it, so a bench run leaves lint green. */
function formatJson(file: string): void {
  try {
    const biome = createRequire(join(rootDir, "package.json")).resolve("@biomejs/biome/bin/biome");
    spawnSync(process.execPath, [biome, "format", "--write", file], { cwd: rootDir, stdio: "ignore" });
  } catch {
    // biome missing: the JSON is still valid, only its layout differs
  }
}

const suites: Record<SectionId, Suite> = {
  bundle: bundleSuite,
  overhead: overheadSuite,
  loopback: loopbackSuite,
  typecheck: typecheckSuite,
  footprint: footprintSuite,
  generate: generateSuite,
  mcp: mcpSuite,
};

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "install-anchors": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`Usage: pnpm bench [--quick] [--only ${sectionIds.join(",")}] [--install-anchors]

  --quick            smoke run: every row, few iterations; writes bench/results/quick.tmp.json only
  --only LIST        run only these benchmarks; writes bench/results/partial.tmp.json only
  --install-anchors  install the pinned anchors into bench/.anchors and exit`);
  process.exit(0);
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const only = values.only?.split(",").map((s) => s.trim()) as SectionId[] | undefined;
for (const id of only ?? []) {
  if (!sectionIds.includes(id)) {
    console.error(`unknown benchmark "${id}"; one of ${sectionIds.join(", ")}`);
    process.exit(2);
  }
}

const started = performance.now();
const anchors = ensureAnchors(log);
log(`anchors: ${anchors.ok ? "ok" : "MISSING"} (${anchors.detail})`);
if (values["install-anchors"]) process.exit(anchors.ok ? 0 : 1);

await takeSnapshot(log);
const mode = modeFor(values.quick);
const m = machine();
const modeText = values.quick ? "quick (smoke run: few iterations)" : "full";
console.log(`# @sso benchmarks: ${modeText}`);
console.log(
  `${m.date} · ${m.cpu} × ${m.cores} · Node ${m.node} · load ${m.loadAverage.join(" ")} · ${m.commit}`,
);

const ctx: Context = { mode, anchors, log };
const sections: Section[] = [];
for (const id of only ?? sectionIds) {
  const t0 = performance.now();
  log(`running ${id} ...`);
  let section: Section;
  try {
    section = await suites[id](ctx);
  } catch (error) {
    // A crash of a whole benchmark still prints its rows, each marked with the error.
    const why = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    section = {
      id,
      title: id,
      method: "",
      columns: [],
      rows: Object.values(rows[id]).map((label: string) => missingRow(label, "sso", "error", why)),
    };
  }
  section.seconds = (performance.now() - t0) / 1000;
  sections.push(section);
  console.log(renderTerminal(section));
}

console.log(renderGoalsTerminal(sections));
const why = limits(sections);
if (why.length > 0)
  console.log(["\n## What limits the goals not met", ...why.map((l) => `- ${l}`)].join("\n"));
const lines = headlines(sections);
if (lines.length > 0) console.log(["\n## Headlines", ...lines.map((l) => `- ${l}`)].join("\n"));

const errors = sections.flatMap((s) =>
  s.rows.filter((r) => r.status === "error").map((r) => `${s.id}: ${r.label}`),
);
const result = {
  mode: values.quick ? "quick" : "full",
  machine: m,
  anchors,
  seconds: (performance.now() - started) / 1000,
  headlines: lines,
  sections,
};
mkdirSync(resultsDir, { recursive: true });
const partial = only !== undefined && only.length < sectionIds.length;
const jsonName = values.quick ? "quick.tmp.json" : partial ? "partial.tmp.json" : "latest.json";
writeFileSync(join(resultsDir, jsonName), `${JSON.stringify(result, null, 2)}\n`);
formatJson(join(resultsDir, jsonName));
log(`wrote bench/results/${jsonName}`);
if (!values.quick && !partial) {
  writeFileSync(
    join(rootDir, "BENCHMARKS.md"),
    renderBenchmarksMd(sections, m, `${modeText} (\`pnpm bench\`)`),
  );
  log("wrote BENCHMARKS.md");
}
dropSnapshot();
log(`done in ${result.seconds.toFixed(0)} s${errors.length > 0 ? `; ${errors.length} row(s) errored` : ""}`);
if (errors.length > 0) {
  console.error(`errored rows:\n  ${errors.join("\n  ")}`);
  process.exitCode = 1;
}
