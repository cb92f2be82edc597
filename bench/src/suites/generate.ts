/**
 * 6. Generator speed: wall time of a fresh `node <cli>` process for `sso-codegen generate` (cold: a sandbox
 * copy of the repo with no generated output; no-op: the same sandbox again, output already current), and for
 * the `openapi-typescript` and `@hey-api/openapi-ts` CLIs generating types for the same specs. The scale row
 * generates the 800-operation synthetic spec (src/synthetic-spec.ts) cold, next to hey-api on the same file,
 * and type-checks the generated package.
 * The sandbox (bench/.work/gen/) keeps the generator away from the real packages.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { anchorsDir, benchDir, type Provider, providers, rootDir, workDir } from "../config.ts";
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
import { snapshotPackageDir } from "../snapshot.ts";
import { alternate, median, ratioSpread } from "../stats.ts";
import { SYNTHETIC_CONFIG, SYNTHETIC_PACKAGE, syntheticSpec } from "../synthetic-spec.ts";

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

/** The scale goal's spec, written once per run: every sandbox and hey-api read this one file. */
const syntheticFile = join(genDir, `${SYNTHETIC_PACKAGE.name}.openapi.yaml`);

/** A repo root with only the synthetic spec and its package: package.json and the hand-written config. */
function makeSyntheticSandbox(): string {
  const dir = join(genDir, `sandbox-${sandboxes++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  copyFileSync(syntheticFile, join(dir, "specs", `${SYNTHETIC_PACKAGE.name}.openapi.yaml`));
  const pkg = join(dir, "packages", SYNTHETIC_PACKAGE.name);
  mkdirSync(join(pkg, "src", "lib"), { recursive: true });
  writeFileSync(
    join(pkg, "package.json"),
    `${JSON.stringify({ name: SYNTHETIC_PACKAGE.packageName, version: "0.0.0", private: true, type: "module" })}\n`,
  );
  writeFileSync(join(pkg, "src", "lib", "config.ts"), SYNTHETIC_CONFIG);
  return dir;
}

const tscPath = createRequire(join(benchDir, "package.json")).resolve("typescript/bin/tsc");

interface TscResult {
  errors: string[];
  seconds: number;
  files: number;
}

/** `tsc` on a generated package's sources under the packages' own options, `@sso/core` mapped to the snapshot's build. */
function compilePackage(pkgDir: string): TscResult {
  const core = join(snapshotPackageDir("core"), "dist");
  if (!existsSync(join(core, "internal.d.ts"))) throw new Error("@sso/core is not built (pnpm build)");
  const paths = {
    "@sso/core": [join(core, "index.d.ts")],
    "@sso/core/internal": [join(core, "internal.d.ts")],
  };
  writeFileSync(
    join(pkgDir, "tsconfig.json"),
    `${JSON.stringify({ extends: join(rootDir, "tsconfig.base.json"), compilerOptions: { paths }, include: ["src"] }, null, 2)}\n`,
  );
  const started = performance.now();
  const run = spawnSync(process.execPath, [tscPath, "-p", pkgDir, "--pretty", "false", "--listFiles"], {
    cwd: pkgDir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const lines = run.stdout.split("\n");
  const errors = lines.filter((l) => /error TS\d+/.test(l));
  if (run.status !== 0 && errors.length === 0) {
    throw new Error(`tsc exited ${run.status}: ${`${run.stderr}${run.stdout}`.trim().slice(0, 300)}`);
  }
  return { errors, seconds, files: lines.filter((l) => l.startsWith("/")).length };
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
  const ssoLabels = [
    labels.ssoAllCold,
    labels.ssoNoop,
    labels.ssoStartup,
    ...perSpec.map((s) => s[1]),
    labels.ssoSynthetic,
  ];
  const anchorLabels = [...perSpec.flatMap((s) => [s[2], s[3]]), labels.heyApiSynthetic];

  if (!specsThere) {
    const real = [...ssoLabels, ...anchorLabels].filter(
      (l) => l !== labels.ssoSynthetic && l !== labels.heyApiSynthetic,
    );
    for (const l of real) {
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

  mkdirSync(genDir, { recursive: true });
  writeFileSync(syntheticFile, syntheticSpec());
  /** The package of the last cold run, type-checked once the timing is done (tsc is not part of the time). */
  let syntheticOutput: string | undefined;
  jobs.push({
    label: labels.ssoSynthetic,
    kind: "sso",
    run: () => {
      const sandbox = makeSyntheticSandbox();
      const seconds = timeProcess(codegenBin, ["generate", "--spec", SYNTHETIC_PACKAGE.name], sandbox);
      syntheticOutput = join(sandbox, "packages", SYNTHETIC_PACKAGE.name);
      return seconds;
    },
  });
  if (ctx.anchors.ok) {
    jobs.push({
      label: labels.heyApiSynthetic,
      kind: "anchor",
      run: () => {
        const dir = join(out, "hey-synthetic");
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(out, { recursive: true });
        return timeProcess(binOf("@hey-api/openapi-ts"), ["-i", syntheticFile, "-o", dir], out);
      },
    });
  } else {
    missing.set(
      labels.heyApiSynthetic,
      missingRow(labels.heyApiSynthetic, "anchor", "skipped", anchorsMissing(ctx)),
    );
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
  let tsc: TscResult | Error | undefined;
  if (syntheticOutput && samples.has(labels.ssoSynthetic)) {
    ctx.log("generate: tsc on the generated synthetic package");
    try {
      tsc = compilePackage(syntheticOutput);
      if (tsc.errors.length > 0) {
        ctx.log(`generate: tsc found ${tsc.errors.length} error(s) in the synthetic package, the first:`);
        for (const line of tsc.errors.slice(0, 10)) ctx.log(`  ${line}`);
      }
    } catch (error) {
      tsc = error as Error;
      ctx.log(`generate: tsc did not run on the synthetic package: ${tsc.message}`);
    }
  }
  rmSync(genDir, { recursive: true, force: true });

  const heyOf = new Map([
    ...perSpec.flatMap(([, sso, ots, hey]) => [[sso, hey] as const, [ots, hey] as const]),
    [labels.ssoSynthetic, labels.heyApiSynthetic] as const,
  ]);
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
    if (label === labels.ssoSynthetic) {
      const verdict = tscVerdict(tsc);
      row.note = verdict.note;
      row.measured = `${fmtSeconds(seconds)}, ${verdict.short}`;
      row.met = verdict.pass === undefined ? undefined : row.met === true && verdict.pass;
      if (tsc && !(tsc instanceof Error)) {
        row.values.tscErrors = tsc.errors.length;
        row.values.tscSeconds = tsc.seconds;
      }
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
      "declares Node >= 22.18 but generated all three specs on Node 20 here; `openapi-typescript` 7.13 runs on Node 20. " +
      "Scale: `bench/src/synthetic-spec.ts` writes a deterministic spec of 800 operations (about 100 resources, " +
      "both pagination styles, allOf, oneOf with discriminators, readOnly and nullable fields); `sso-codegen " +
      "generate --spec synthetic` runs on it cold (a new sandbox each time) and hey-api on the same file. After " +
      "the timed rounds, `tsc` (the packages' tsconfig.base.json: strict, noUncheckedIndexedAccess, " +
      "verbatimModuleSyntax, NodeNext; `@sso/core` from this run's build) checks the last generated package with a " +
      "minimal hand-written `src/lib/config.ts`; the note says `tsc: pass` or how many errors, and the goal needs both.",
    columns: ["wall time", "vs hey-api"],
    rows: section,
  };
}

/** The tsc outcome of the synthetic package, in the row: "tsc: pass" or its error count, never hidden. */
function tscVerdict(tsc: TscResult | Error | undefined): { note: string; short: string; pass?: boolean } {
  if (tsc === undefined) return { note: "tsc: not run (no generated output)", short: "tsc not run" };
  if (tsc instanceof Error) return { note: `tsc: not run (${tsc.message})`, short: "tsc not run" };
  const took = `${tsc.files} files, ${fmtSeconds(tsc.seconds)}`;
  if (tsc.errors.length === 0) return { note: `tsc: pass (${took})`, short: "tsc: pass", pass: true };
  const count = `${tsc.errors.length} error${tsc.errors.length === 1 ? "" : "s"}`;
  const first = tsc.errors[0]!.slice(0, 200);
  return { note: `tsc: FAILED, ${count} (${took}); first: ${first}`, short: `tsc: ${count}`, pass: false };
}

function goalFor(
  label: string,
): { text: string; met: (seconds: number, vsHey: number) => boolean } | undefined {
  if (label === labels.ssoAllCold) return { text: "< 2 s", met: (s) => s < 2 };
  if (label === labels.ssoSynthetic) return { text: "< 5 s cold, output passes tsc", met: (s) => s < 5 };
  if (label === labels.ssoNoop) return { text: "< 0.5 s", met: (s) => s < 0.5 };
  if (label === labels.ssoCloudflare || label === labels.ssoLogto || label === labels.ssoKeycard) {
    return { text: "faster than hey-api", met: (_s, r) => r < 1 };
  }
  return undefined;
}
