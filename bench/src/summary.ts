/** Headline ratios, the goals list and the BENCHMARKS.md document built from one run's sections. */
import { spawnSync } from "node:child_process";
import { cpus, loadavg, release, totalmem } from "node:os";
import { rootDir } from "./config.ts";
import { fmtBytes, fmtRatio, fmtSeconds, metText, type Row, renderMarkdown, type Section } from "./report.ts";
import { rows } from "./rows.ts";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  loadAverage: number[];
  commit: string;
  date: string;
}

export function machine(): Machine {
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: rootDir, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: rootDir,
    encoding: "utf8",
  });
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    commit: `${git.stdout.trim() || "unknown"}${dirty.stdout.trim() ? " (with uncommitted changes)" : ""}`,
    date: new Date().toISOString(),
  };
}

function find(sections: Section[], id: string, label: string): Row | undefined {
  const row = sections.find((s) => s.id === id)?.rows.find((r) => r.label === label);
  return row?.status === "ok" ? row : undefined;
}

function range(values: number[], fmt: (n: number) => string): string {
  if (values.length === 0) return "—";
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return fmt(lo) === fmt(hi) ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
}

const ssoOf = <T extends Record<string, string>>(labels: T, keys: Array<keyof T>) =>
  keys.map((k) => labels[k]!);

/** Short sentences with the ratios that matter, for the README. Missing rows are left out. */
export function headlines(sections: Section[]): string[] {
  const out: string[] = [];
  const b = rows.bundle;
  const bundles = ssoOf(b, ["ssoCloudflare", "ssoLogto", "ssoKeycard"])
    .map((l) => find(sections, "bundle", l)?.values.gzipBytes)
    .filter((v): v is number => v !== undefined);
  const treeShakable = find(sections, "bundle", b.cloudflareTreeShakable)?.values.gzipBytes;
  const full = find(sections, "bundle", b.cloudflareFull)?.values.gzipBytes;
  if (bundles.length > 0 && treeShakable && full) {
    out.push(
      `Bundle: an @sso client program is ${range(bundles, fmtBytes)} min+gzip, ` +
        `${fmtRatio(treeShakable / Math.max(...bundles))} smaller than the official cloudflare SDK's SSO-only ` +
        `tree-shakable client (${fmtBytes(treeShakable)}) and ${fmtRatio(full / Math.max(...bundles))} smaller than its full client (${fmtBytes(full)}).`,
    );
  }
  const o = rows.overhead;
  const calls = ssoOf(o, ["ssoCloudflare", "ssoLogto", "ssoKeycard"])
    .map((l) => find(sections, "overhead", l)?.values)
    .filter((v): v is Record<string, number> => v !== undefined);
  if (calls.length > 0) {
    const vsFetch = calls.map((v) => v.vsOpenapiFetch!).filter(Number.isFinite);
    const vsCf = calls.map((v) => v.vsCloudflare!).filter(Number.isFinite);
    out.push(
      `Per call (stub fetch): the @sso clients cost ${range(vsFetch, fmtRatio)} bare openapi-fetch` +
        (vsCf.length > 0
          ? ` and ${range(vsCf, fmtRatio)} the official cloudflare SDK's time per call.`
          : "."),
    );
  }
  const t = rows.typecheck;
  const tsc = find(sections, "typecheck", t.sso)?.values;
  const tscCf = find(sections, "typecheck", t.cloudflareFull)?.values;
  if (tsc && tscCf) {
    out.push(
      `Type-check: a strict consumer of all three @sso packages takes ${fmtSeconds(tsc.totalSeconds!)} in tsc vs ` +
        `${fmtSeconds(tscCf.totalSeconds!)} for one cloudflare SDK call (${fmtRatio(tsc.totalVsCloudflare!)}), ` +
        `${Math.round(tsc.files!)} files vs ${Math.round(tscCf.files!)}.`,
    );
  }
  const f = rows.footprint;
  const pack = find(sections, "footprint", f.ssoCloudflare)?.values;
  const packCf = find(sections, "footprint", f.cloudflare)?.values;
  if (pack && packCf) {
    out.push(
      `Install: @sso/cloudflare with all its dependencies is ${fmtBytes(pack.closureUnpackedBytes!)} unpacked ` +
        `(${Math.round(pack.closureFiles!)} files) vs ${fmtBytes(packCf.closureUnpackedBytes!)} ` +
        `(${Math.round(packCf.closureFiles!).toLocaleString("en-US")} files) for cloudflare@7.3.0.`,
    );
  }
  return out;
}

export function goalRows(sections: Section[]): Array<{ section: Section; row: Row }> {
  return sections.flatMap((section) => section.rows.filter((r) => r.goal).map((row) => ({ section, row })));
}

function goalResult(row: Row): string {
  if (row.status !== "ok") return `${row.status}${row.note ? `: ${row.note}` : ""}`;
  return metText(row) || "—";
}

export function renderGoalsTerminal(sections: Section[]): string {
  const lines = goalRows(sections).map(({ section, row }) => {
    const short = row.status === "ok" ? metText(row) || "—" : row.status;
    const why = row.status === "ok" ? "" : ` (${row.note})`;
    return `  ${short.padEnd(7)}  ${section.title.split(" (")[0]}: ${row.label}: ${row.goal}${why}`;
  });
  return ["\n## Goals", ...lines].join("\n");
}

export function renderBenchmarksMd(sections: Section[], m: Machine, modeText: string): string {
  const goals = goalRows(sections);
  const met = goals.filter((g) => g.row.met === true).length;
  const notMet = goals.filter((g) => g.row.met === false);
  const open = goals.filter((g) => g.row.met === undefined);
  return [
    "# Benchmarks",
    "",
    "<!-- Generated by `pnpm bench` (bench/src/main.ts). Do not edit by hand: re-run `pnpm bench`. -->",
    "",
    "How the @sso clients compare with the anchors (reference/anchors.md section 4), measured side by side in " +
      "one run. Ratios are what count on a shared, noisy machine: pairs run alternately and the ratios are " +
      "medians of per-round ratios. Methods in detail: [bench/README.md](bench/README.md). Raw numbers: " +
      "[bench/results/latest.json](bench/results/latest.json).",
    "",
    "| | |",
    "|---|---|",
    `| Date | ${m.date} |`,
    `| Machine | ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os} |`,
    `| Load average at start | ${m.loadAverage.join(", ")} (shared machine: absolute numbers are noisy, ratios less so) |`,
    `| Node | ${m.node} |`,
    `| Commit | ${m.commit} |`,
    `| Run | ${modeText} |`,
    "",
    "## Headlines",
    "",
    ...headlines(sections).map((h) => `- ${h}`),
    "",
    "## Goals",
    "",
    `${met} of ${goals.length} goals met${notMet.length > 0 ? `, ${notMet.length} not met` : ""}` +
      `${open.length > 0 ? `, ${open.length} not measured` : ""}.`,
    "",
    "| Benchmark | Row | Goal | Result |",
    "|---|---|---|---|",
    ...goals.map(
      ({ section, row }) =>
        `| ${section.title.split(" (")[0]} | ${row.label} | ${row.goal} | ${goalResult(row).replaceAll("|", "\\|")} |`,
    ),
    "",
    "## Results",
    "",
    ...sections.flatMap((s) => [renderMarkdown(s), ""]),
  ].join("\n");
}
