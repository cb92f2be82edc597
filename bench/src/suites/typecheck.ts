/**
 * 4. Consumer type-check cost: `tsc --extendedDiagnostics` (the workspace's TypeScript) on small strict
 * consumer programs, settings as ANCHORS.md §4 (skipLibCheck true). Each consumer is copied into a folder
 * from which its imports resolve (bench/ for @sso, bench/.anchors/ for the anchors).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { anchorsDir, benchDir, fixturesDir } from "../config.ts";
import { anchorsMissing, type Context } from "../context.ts";
import {
  addNote,
  fmtFixed,
  fmtInt,
  fmtRatio,
  fmtSeconds,
  fmtSpread,
  missingRow,
  okRow,
  type Row,
  type RowKind,
  type Section,
} from "../report.ts";
import { rows } from "../rows.ts";
import { snapshotDir } from "../snapshot.ts";
import { loadClient } from "../sso.ts";
import { alternate, median, ratioSpread } from "../stats.ts";

const labels = rows.typecheck;

/** What ANCHORS.md §4 measured (TypeScript 5.8.3, skipLibCheck true). */
const anchorsMd: Record<string, string> = {
  [labels.baseline]: "ANCHORS.md §4: 60 files, 0.71–0.85 s, ~56 MB",
  [labels.cloudflareFull]: "ANCHORS.md §4: 1,214 files, 3.05–3.19 s, ~253 MB",
  [labels.cloudflareTreeShakable]: "ANCHORS.md §4: 1,214 files, 3.07–3.30 s, ~253 MB",
  [labels.logtoApi]: "ANCHORS.md §4: 65 files, 1.25–1.70 s, ~87 MB",
};
const GOAL = "total ≤ 0.5× cloudflare (full)";

/** ANCHORS.md §4: strict, bundler resolution, no @types, es2022 + dom, skipLibCheck. */
const consumerCompilerOptions = {
  strict: true,
  target: "es2022",
  module: "esnext",
  moduleResolution: "bundler",
  lib: ["es2022", "dom"],
  types: [],
  skipLibCheck: true,
  noEmit: true,
};

interface Consumer {
  label: string;
  kind: RowKind;
  fixture: string;
  root: string;
  sso?: boolean;
}

const consumers: Consumer[] = [
  { label: labels.baseline, kind: "floor", fixture: "baseline.ts", root: benchDir },
  { label: labels.sso, kind: "sso", fixture: "sso.ts", root: snapshotDir, sso: true },
  { label: labels.cloudflareFull, kind: "anchor", fixture: "cloudflare-full.ts", root: anchorsDir },
  {
    label: labels.cloudflareTreeShakable,
    kind: "anchor",
    fixture: "cloudflare-tree-shakable.ts",
    root: anchorsDir,
  },
  { label: labels.logtoApi, kind: "anchor", fixture: "logto-api.ts", root: anchorsDir },
];

interface Diagnostics {
  files: number;
  declarationLines: number;
  instantiations: number;
  types: number;
  memoryMB: number;
  checkSeconds: number;
  totalSeconds: number;
}

const tscPath = createRequire(join(benchDir, "package.json")).resolve("typescript/bin/tsc");

/** Parses `tsc --extendedDiagnostics` output ("Files: 60", "Memory used: 56789K", "Check time: 0.01s"). */
function parseDiagnostics(text: string): Diagnostics {
  const get = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)([Ks]?)\\s*$`, "m").exec(text);
    if (!m) throw new Error(`tsc printed no "${name}"`);
    return Number(m[1]);
  };
  return {
    files: get("Files"),
    declarationLines: get("Lines of Definitions"),
    instantiations: get("Instantiations"),
    types: get("Types"),
    memoryMB: get("Memory used") / 1024,
    checkSeconds: get("Check time"),
    totalSeconds: get("Total time"),
  };
}

function prepare(consumer: Consumer): string {
  const dir = join(consumer.root, ".work", "tsc", consumer.fixture.replace(/\.ts$/, ""));
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(fixturesDir, "typecheck", consumer.fixture), join(dir, "index.ts"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: consumerCompilerOptions, files: ["index.ts"] }, null, 2)}\n`,
  );
  return dir;
}

function runTsc(dir: string): Diagnostics {
  const run = spawnSync(process.execPath, [tscPath, "-p", dir, "--extendedDiagnostics"], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const errors = run.stdout.split("\n").filter((l) => l.includes("error TS"));
  if (run.status !== 0 || errors.length > 0) {
    throw new Error(`tsc found ${errors.length} error(s) in the consumer: ${errors[0] ?? run.stderr.trim()}`);
  }
  return parseDiagnostics(run.stdout);
}

export async function typecheckSuite(ctx: Context): Promise<Section> {
  const ready: Array<{ consumer: Consumer; dir: string }> = [];
  const missing = new Map<string, Row>();
  for (const consumer of consumers) {
    const goal = consumer.sso ? GOAL : undefined;
    if (consumer.root === anchorsDir && !ctx.anchors.ok) {
      missing.set(consumer.label, missingRow(consumer.label, consumer.kind, "skipped", anchorsMissing(ctx)));
      continue;
    }
    if (consumer.sso) {
      const reasons: string[] = [];
      for (const p of ["cloudflare", "logto", "keycard"] as const) {
        const loaded = await loadClient(p);
        if (!loaded.ok) reasons.push(loaded.reason);
      }
      if (reasons.length > 0) {
        missing.set(
          consumer.label,
          missingRow(consumer.label, consumer.kind, "n/a", reasons.join("; "), goal),
        );
        continue;
      }
    }
    ready.push({ consumer, dir: prepare(consumer) });
  }
  const failed = (consumer: Consumer, error: unknown) =>
    missing.set(
      consumer.label,
      missingRow(
        consumer.label,
        consumer.kind,
        "error",
        (error as Error).message.slice(0, 300),
        consumer.sso ? GOAL : undefined,
      ),
    );
  // Full runs: one untimed run each first (warms the file cache, fails fast). Quick runs: one timed round.
  let timed = ready;
  if (!ctx.mode.quick) {
    timed = [];
    for (const r of ready) {
      try {
        runTsc(r.dir);
        timed.push(r);
      } catch (error) {
        failed(r.consumer, error);
      }
    }
  }
  const { rounds } = ctx.mode.typecheck;
  ctx.log(`typecheck: ${rounds} round(s) × ${timed.length} consumers`);
  const samples = await alternate(
    rounds,
    timed.map(({ consumer, dir }) => [consumer.label, async () => runTsc(dir)] as const),
    (label, error) => failed(consumers.find((c) => c.label === label)!, error),
  );
  const totals = (label: string) => (samples.get(label) ?? []).map((d) => d.totalSeconds);
  const cloudflareTotals = totals(labels.cloudflareFull);
  const out: Row[] = consumers.map((consumer) => {
    const gone = missing.get(consumer.label);
    if (gone) return gone;
    const runs = samples.get(consumer.label)!;
    const pick = (f: (d: Diagnostics) => number) => median(runs.map(f));
    const spread =
      cloudflareTotals.length > 0
        ? ratioSpread(totals(consumer.label), cloudflareTotals)
        : { median: Number.NaN, q1: Number.NaN, q3: Number.NaN };
    const ratio = spread.median;
    const row = okRow(
      consumer.label,
      consumer.kind,
      {
        files: fmtInt(pick((d) => d.files)),
        types: fmtInt(pick((d) => d.types)),
        "check time": fmtSeconds(pick((d) => d.checkSeconds)),
        "total time": fmtSeconds(pick((d) => d.totalSeconds)),
        memory: `${fmtFixed(
          pick((d) => d.memoryMB),
          0,
        )} MB`,
        "vs cloudflare": fmtSpread(spread),
      },
      {
        files: pick((d) => d.files),
        declarationLines: pick((d) => d.declarationLines),
        instantiations: pick((d) => d.instantiations),
        types: pick((d) => d.types),
        checkSeconds: pick((d) => d.checkSeconds),
        totalSeconds: pick((d) => d.totalSeconds),
        memoryMB: pick((d) => d.memoryMB),
        totalVsCloudflare: ratio,
      },
    );
    if (anchorsMd[consumer.label]) addNote(row, anchorsMd[consumer.label]!);
    if (consumer.sso) {
      row.goal = GOAL;
      row.met = Number.isFinite(ratio) ? ratio <= 0.5 : undefined;
      row.measured = `${fmtRatio(ratio)} (${fmtSeconds(row.values.totalSeconds!)} vs ${fmtSeconds(median(cloudflareTotals))})`;
    }
    return row;
  });
  return {
    id: "typecheck",
    title: "4. Consumer type-check cost (tsc --extendedDiagnostics)",
    method:
      "TypeScript 5.9 `tsc -p <consumer> --extendedDiagnostics` on the programs in `bench/fixtures/typecheck/` " +
      "(strict, `moduleResolution: bundler`, `types: []`, lib es2022 + dom, `skipLibCheck: true`, as ANCHORS.md " +
      "§4). The @sso consumer uses all three packages (one list or retrieve each); the anchors one call. " +
      `One untimed run to warm the file cache (full runs), then ${rounds} round(s) in rotating order; medians; the ratio is ` +
      "the median of per-round total-time ratios.",
    columns: ["files", "types", "check time", "total time", "memory", "vs cloudflare"],
    rows: out,
  };
}
