/**
 * 6. Generator speed: wall time of a fresh `node <cli>` process for `sso-codegen generate` (cold: a sandbox
 * copy of the repo with no generated output; no-op: the same sandbox again, output already current), and for
 * the `openapi-typescript` and `@hey-api/openapi-ts` CLIs generating types for the same specs.
 * The sandbox (bench/.work/gen/) keeps the generator away from the real packages.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { anchorsDir, type Provider, providers, rootDir, workDir } from "../config.ts";
import { anchorsMissing, type Context } from "../context.ts";
import {
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
import { alternate, median, ratioSpread } from "../stats.ts";

const labels = rows.generate;
const codegenBin = join(rootDir, "tools", "codegen", "bin", "sso-codegen.js");

function binOf(pkg: string): string {
  const dir = join(anchorsDir, "node_modules", pkg);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  return join(dir, Object.values(manifest.bin)[0]!);
}

function specPath(p: Provider): string {
  return join(rootDir, "specs", `${p}.openapi.yaml`);
}

/** This process's scratch folder: concurrent runs (say, the smoke test beside `pnpm bench`) do not collide. */
const genDir = join(workDir, `gen-${process.pid}`);
let sandboxes = 0;

/** A minimal copy of the repo that `sso-codegen` treats as its root (it walks up to pnpm-workspace.yaml). */
function makeSandbox(): string {
  const dir = join(genDir, `sandbox-${sandboxes++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  if (existsSync(join(rootDir, "redocly.yaml")))
    copyFileSync(join(rootDir, "redocly.yaml"), join(dir, "redocly.yaml"));
  for (const p of providers) {
    copyFileSync(specPath(p), join(dir, "specs", `${p}.openapi.yaml`));
    const pkg = join(dir, "packages", p);
    mkdirSync(pkg, { recursive: true });
    for (const f of ["package.json", "README.md"]) {
      const from = join(rootDir, "packages", p, f);
      if (existsSync(from)) copyFileSync(from, join(pkg, f));
    }
  }
  return dir;
}

/** Wall time of one fresh `node <script> ...args` process, in seconds; throws on a non-zero exit. */
function timeProcess(script: string, args: string[], cwd: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    const why =
      `${run.stderr}\n${run.stdout}`
        .trim()
        .split("\n")
        .find((l) => l.trim() !== "") ?? `exit ${run.status}`;
    throw new Error(`${script.split("/").slice(-3).join("/")} ${args.join(" ")}: ${why}`);
  }
  return seconds;
}

interface Job {
  label: string;
  kind: RowKind;
  run: () => number;
}

export async function generateSuite(ctx: Context): Promise<Section> {
  const { rounds } = ctx.mode.generate;
  const missing = new Map<string, Row>();
  const jobs: Job[] = [];
  const specsThere = providers.every((p) => existsSync(specPath(p)));
  const out = join(genDir, "out");
  const perSpec: Array<[Provider, string, string, string]> = [
    ["cloudflare", labels.ssoCloudflare, labels.openapiTsCloudflare, labels.heyApiCloudflare],
    ["logto", labels.ssoLogto, labels.openapiTsLogto, labels.heyApiLogto],
    ["keycard", labels.ssoKeycard, labels.openapiTsKeycard, labels.heyApiKeycard],
  ];
  const ssoLabels = [labels.ssoAllCold, labels.ssoNoop, labels.ssoStartup, ...perSpec.map((s) => s[1])];
  const anchorLabels = perSpec.flatMap((s) => [s[2], s[3]]);

  if (!specsThere) {
    for (const l of [...ssoLabels, ...anchorLabels]) {
      missing.set(
        l,
        missingRow(l, ssoLabels.includes(l) ? "sso" : "anchor", "n/a", "specs/*.openapi.yaml missing"),
      );
    }
  } else {
    jobs.push({
      label: labels.ssoAllCold,
      kind: "sso",
      run: () => timeProcess(codegenBin, ["generate"], makeSandbox()),
    });
    let noopSandbox: string | undefined;
    jobs.push({
      label: labels.ssoNoop,
      kind: "sso",
      run: () => {
        if (!noopSandbox) {
          noopSandbox = makeSandbox();
          timeProcess(codegenBin, ["generate"], noopSandbox);
        }
        return timeProcess(codegenBin, ["generate"], noopSandbox);
      },
    });
    jobs.push({
      label: labels.ssoStartup,
      kind: "sso",
      run: () => timeProcess(codegenBin, ["--help"], makeSandbox()),
    });
    for (const [p, sso, ots, hey] of perSpec) {
      jobs.push({
        label: sso,
        kind: "sso",
        run: () => timeProcess(codegenBin, ["generate", "--spec", p], makeSandbox()),
      });
      if (!ctx.anchors.ok) {
        missing.set(ots, missingRow(ots, "anchor", "skipped", anchorsMissing(ctx)));
        missing.set(hey, missingRow(hey, "anchor", "skipped", anchorsMissing(ctx)));
        continue;
      }
      jobs.push({
        label: ots,
        kind: "anchor",
        run: () => {
          mkdirSync(out, { recursive: true });
          return timeProcess(binOf("openapi-typescript"), [specPath(p), "-o", join(out, `${p}.ts`)], out);
        },
      });
      jobs.push({
        label: hey,
        kind: "anchor",
        run: () => {
          const dir = join(out, `hey-${p}`);
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(out, { recursive: true });
          return timeProcess(binOf("@hey-api/openapi-ts"), ["-i", specPath(p), "-o", dir], out);
        },
      });
    }
  }

  // Full runs: one untimed pass first (warms the file cache). Quick runs: the single timed round is all.
  const failed = (job: Job, error: unknown) =>
    missing.set(
      job.label,
      missingRow(
        job.label,
        job.kind,
        "error",
        (error as Error).message.slice(0, 300),
        goalFor(job.label)?.text,
      ),
    );
  let ready = jobs;
  if (!ctx.mode.quick) {
    ready = [];
    for (const job of jobs) {
      try {
        job.run();
        ready.push(job);
      } catch (error) {
        failed(job, error);
      }
    }
  }
  ctx.log(`generate: ${rounds} round(s) × ${ready.length} fresh processes`);
  const samples = await alternate(
    rounds,
    ready.map((job) => [job.label, async () => job.run()] as const),
    (key, error) => failed(ready.find((j) => j.label === key)!, error),
  );
  rmSync(genDir, { recursive: true, force: true });

  const heyOf = new Map(perSpec.flatMap(([, sso, ots, hey]) => [[sso, hey] as const, [ots, hey] as const]));
  const section = [...ssoLabels, ...anchorLabels].map((label): Row => {
    const gone = missing.get(label);
    if (gone) return gone;
    const times = samples.get(label) ?? [];
    const hey = heyOf.get(label);
    const spread =
      hey && samples.has(hey)
        ? ratioSpread(times, samples.get(hey)!)
        : { median: Number.NaN, q1: Number.NaN, q3: Number.NaN };
    const vsHey = spread.median;
    const seconds = median(times);
    const row = okRow(
      label,
      ssoLabels.includes(label) ? "sso" : "anchor",
      { "wall time": fmtSeconds(seconds), "vs hey-api": fmtSpread(spread) },
      { seconds, vsHeyApi: vsHey },
    );
    const goal = goalFor(label);
    if (goal) {
      row.goal = goal.text;
      row.met = goal.met(seconds, vsHey);
      row.measured =
        label === labels.ssoAllCold || label === labels.ssoNoop
          ? fmtSeconds(seconds)
          : `${fmtRatio(vsHey)} hey-api`;
    }
    return row;
  });
  return {
    id: "generate",
    title: "6. Generator speed (fresh process, wall time)",
    method:
      "Wall time of a fresh `node <cli>` process, from spawn to exit. `sso-codegen generate` runs in a sandbox " +
      "copy of the repo (specs, package.json and README of each package, no generated output): cold = a new " +
      "sandbox; no-op = a second run in a sandbox whose output is current; `--help` starts the CLI and does " +
      "no work: the floor under every run. " +
      "`openapi-typescript <spec> -o` and " +
      "`@hey-api/openapi-ts -i <spec> -o` (default plugins: types + SDK + fetch client) generate the same spec " +
      `into a fresh folder. One untimed warm-up pass (full runs), then ${rounds} round(s) in rotating order; medians; ` +
      '"vs hey-api" is the median per-round ratio to hey-api on the same spec. `@hey-api/openapi-ts` 0.99 ' +
      "declares Node >= 22.18 but generated all three specs on Node 20 here; `openapi-typescript` 7.13 runs on Node 20.",
    columns: ["wall time", "vs hey-api"],
    rows: section,
  };
}

function goalFor(
  label: string,
): { text: string; met: (seconds: number, vsHey: number) => boolean } | undefined {
  if (label === labels.ssoAllCold) return { text: "< 2 s", met: (s) => s < 2 };
  if (label === labels.ssoNoop) return { text: "< 0.5 s", met: (s) => s < 0.5 };
  if (label === labels.ssoCloudflare || label === labels.ssoLogto || label === labels.ssoKeycard) {
    return { text: "faster than hey-api", met: (_s, r) => r < 1 };
  }
  return undefined;
}
