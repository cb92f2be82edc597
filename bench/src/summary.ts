/** Headline ratios, the goals list and the BENCHMARKS.md document built from one run's sections. */
import { spawnSync } from "node:child_process";
import { cpus, loadavg, release, totalmem } from "node:os";
import { rootDir } from "./config.ts";
import {
  fmtBytes,
  fmtRatio,
  fmtSeconds,
  mdEscape,
  metText,
  type Row,
  renderMarkdown,
  type Section,
} from "./report.ts";
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
  const dirty = spawnSync(
    "git",
    ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md", ":!bench/results"],
    {
      cwd: rootDir,
      encoding: "utf8",
    },
  );
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

/** "1.20× smaller than" or "1.08× the size of": a ratio of at least 1, whichever way the comparison goes. */
export function compared(ours: number, theirs: number): string {
  if (ours === theirs) return "the same size as";
  return ours < theirs ? `${fmtRatio(theirs / ours)} smaller than` : `${fmtRatio(ours / theirs)} the size of`;
}

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
    const largest = Math.max(...bundles);
    out.push(
      `Bundle: an @sso client program is ${range(bundles, fmtBytes)} min+gzip, ` +
        `${compared(largest, treeShakable)} the official cloudflare SDK's SSO-only tree-shakable client ` +
        `(${fmtBytes(treeShakable)}) and ${compared(largest, full)} its full client (${fmtBytes(full)}).`,
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
  const checkBytes = find(sections, "bundle", b.checksCost)?.values.checksGzipBytes;
  const checkTime = find(sections, "overhead", o.checksOff)?.values;
  const added: string[] = [];
  if (checkBytes !== undefined) added.push(`${fmtBytes(checkBytes)} min+gzip to the @sso/cloudflare program`);
  if (checkTime?.checksUsPerCall !== undefined) {
    const noise = checkTime.checksUsPerCallQ1! <= 0 && checkTime.checksUsPerCallQ3! >= 0;
    added.push(`${checkTime.checksUsPerCall.toFixed(2)} µs to a get${noise ? " (within the noise)" : ""}`);
  }
  if (added.length > 0)
    out.push(`Checks: the response-shape and parameter-limit checks add ${added.join(" and ")}.`);
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

function goalRows(sections: Section[]): Array<{ section: Section; row: Row }> {
  return sections.flatMap((section) => section.rows.filter((r) => r.goal).map((row) => ({ section, row })));
}

function goalResult(row: Row): string {
  if (row.status !== "ok") return `${row.status}${row.note ? `: ${row.note}` : ""}`;
  return metText(row) || "—";
}

export function renderGoalsTerminal(sections: Section[]): string {
  const lines = goalRows(sections).map(({ section, row }) => {
    const short = row.status === "ok" ? metText(row) || "—" : row.status;
    const why = row.status === "ok" ? (row.measured ? `: ${row.measured}` : "") : ` (${row.note})`;
    return `  ${short.padEnd(7)}  ${section.title.split(" (")[0]}: ${row.label}: ${row.goal}${why}`;
  });
  return ["\n## Goals", ...lines].join("\n");
}

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

/** One sentence per goal not met, saying what the numbers of the same run show about why. */
export function limits(sections: Section[]): string[] {
  const out: string[] = [];
  const notMet = (id: string) =>
    sections.find((s) => s.id === id)?.rows.filter((r) => r.goal && r.status === "ok" && r.met === false) ??
    [];

  for (const row of notMet("bundle")) {
    const core = row.values["min:@sso/core"] ?? 0;
    const fetch = row.values["min:openapi-fetch"] ?? 0;
    const own = row.values[`min:${row.label}`] ?? 0;
    out.push(
      `Bundle, ${row.label}: ${fmtBytes(row.values.gzipBytes!)} gz. Of ${fmtBytes(row.values.minBytes!)} minified, ` +
        `@sso/core is ${fmtBytes(core)} (${pct(core, row.values.minBytes!)}), the generated client ${fmtBytes(own)}, ` +
        `openapi-fetch ${fmtBytes(fetch)}: the shared runtime (retries, errors, pagination, auth, redaction, logging) is the budget.`,
    );
  }

  const o = rows.overhead;
  const floor = find(sections, "overhead", o.floor)?.values.usPerCall;
  const cf = find(sections, "overhead", o.cloudflare)?.values.usPerCall;
  const bare = find(sections, "overhead", o.openapiFetch)?.values.usPerCall;
  for (const row of notMet("overhead")) {
    const v = row.values;
    let text =
      `Per call, ${row.label}: ${fmtRatio(v.vsOpenapiFetch!)} openapi-fetch and ${fmtRatio(v.vsCloudflare!)} cloudflare ` +
      `(median of per-round ratios; interquartile range ${v.vsCloudflareQ1!.toFixed(2)}–${v.vsCloudflareQ3!.toFixed(2)}).`;
    if (floor !== undefined && cf !== undefined && bare !== undefined) {
      text +=
        ` In median µs per call the stub fetch alone is ${floor.toFixed(1)}, so the client's own work is ` +
        `${(v.usPerCall! - floor).toFixed(1)} µs vs ${(bare - floor).toFixed(1)} µs for openapi-fetch and ` +
        `${(cf - floor).toFixed(1)} µs for cloudflare; the floor every client pays pulls total-time ratios toward 1×.`;
    }
    out.push(text);
  }

  for (const row of notMet("loopback")) {
    out.push(
      `Loopback, ${row.label}: ${fmtRatio(row.values.timeVsRawFetch!)} raw fetch, p50 ${row.values.p50Ms!.toFixed(2)} ms, ` +
        `p99 ${row.values.p99Ms!.toFixed(2)} ms (fake server in a child process on the same 2 cores).`,
    );
  }
  for (const row of notMet("typecheck")) {
    out.push(
      `Type-check, ${row.label}: ${row.measured}, ${Math.round(row.values.files!)} files, ${Math.round(row.values.types!)} types.`,
    );
  }
  for (const row of notMet("footprint")) {
    out.push(`Footprint, ${row.label}: ${row.measured}, ${Math.round(row.values.files!)} files.`);
  }

  const g = rows.generate;
  const startup = find(sections, "generate", g.ssoStartup)?.values.seconds;
  const cold = find(sections, "generate", g.ssoAllCold)?.values.seconds;
  const heyTotal = [g.heyApiCloudflare, g.heyApiLogto, g.heyApiKeycard]
    .map((l) => find(sections, "generate", l)?.values.seconds)
    .reduce<number | undefined>((acc, v) => (acc === undefined || v === undefined ? undefined : acc + v), 0);
  const genNotMet = notMet("generate");
  if (genNotMet.length > 0) {
    let text = `Generator: ${genNotMet.map((r) => `${r.label} ${r.measured}`).join("; ")}.`;
    if (startup !== undefined && cold !== undefined) {
      text +=
        startup >= cold / 2
          ? ` \`sso-codegen --help\` (start-up, no work) already takes ${fmtSeconds(startup)} of the ${fmtSeconds(cold)} cold run: process start-up dominates.`
          : ` Start-up (\`sso-codegen --help\`) is ${fmtSeconds(startup)} of the ${fmtSeconds(cold)} cold run; the rest is ` +
            "loading the spec tooling (Redocly, openapi-typescript, ts-morph) and generating.";
    }
    if (heyTotal !== undefined && cold !== undefined) {
      text += ` hey-api's three runs add up to ${fmtSeconds(heyTotal)}, three processes each paying its own start-up.`;
    }
    out.push(text);
  }
  return out;
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
    "How the @sso clients compare with the anchors (the official SDKs and tools listed, with the figures they " +
      "measured when the project started, in [bench/ANCHORS.md](bench/ANCHORS.md)), measured side by side in " +
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
    "| Benchmark | Row | Goal | Measured | Result |",
    "|---|---|---|---|---|",
    ...goals.map(
      ({ section, row }) =>
        `| ${section.title.split(" (")[0]} | ${mdEscape(row.label)} | ${row.goal} | ${row.measured ?? ""} | ${mdEscape(goalResult(row))} |`,
    ),
    "",
    ...(limits(sections).length > 0
      ? ["### What limits the goals not met", "", ...limits(sections).map((l) => `- ${l}`), ""]
      : []),
    "## Results",
    "",
    ...sections.flatMap((s) => [renderMarkdown(s), ""]),
  ].join("\n");
}
