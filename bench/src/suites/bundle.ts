/**
 * 1. Bundle size: esbuild (bundle, minify, ESM, platform neutral) of a program that constructs the client and
 * lists connectors, then gzip -9. Same method as ANCHORS.md §2. Deterministic, so one build per row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { anchorsDir, benchDir, fixturesDir } from "../config.ts";
import { anchorsMissing, type Context } from "../context.ts";
import {
  addNote,
  fmtBytes,
  fmtRatio,
  missingRow,
  okRow,
  type Row,
  type RowKind,
  type Section,
} from "../report.ts";
import { rows } from "../rows.ts";
import { snapshotDir } from "../snapshot.ts";
import { loadClient } from "../sso.ts";

const GOAL_BYTES = 5_000;
const GOAL = "≤ 5 kB gz";
const labels = rows.bundle;
/** The anchor each @sso row is set against in the same run: the official SDK's SSO-only tree-shakable client. */
const ANCHOR = labels.cloudflareTreeShakable;
const VS_GOAL = "vs 5 kB goal";
const VS_ANCHOR = "vs cloudflare SSO-only";

/** What ANCHORS.md §2 measured for the same rows, to show the reproduction. */
const anchorsMd: Record<string, string> = {
  [labels.openapiFetch]: "ANCHORS.md §2: 6,605 B min / 2,636 B gz (createClient only, no call)",
  [labels.logtoApi]: "ANCHORS.md §2: 8,347 B / 3,360 B",
  [labels.cloudflareTreeShakable]: "ANCHORS.md §2: 29,169 B / 10,305 B",
  [labels.cloudflareFull]: "ANCHORS.md §2: 672,495 B / 81,039 B",
};

interface Entry {
  label: string;
  kind: RowKind;
  fixture: string;
  /** where bare specifiers resolve from */
  resolveDir: string;
  /** @sso clients this entry needs built */
  needs?: Array<"cloudflare" | "logto" | "keycard">;
  goal?: boolean;
}

const entries: Entry[] = [
  {
    label: labels.ssoCloudflare,
    kind: "sso",
    fixture: "sso-cloudflare.js",
    resolveDir: snapshotDir,
    needs: ["cloudflare"],
    goal: true,
  },
  {
    label: labels.ssoLogto,
    kind: "sso",
    fixture: "sso-logto.js",
    resolveDir: snapshotDir,
    needs: ["logto"],
    goal: true,
  },
  {
    label: labels.ssoKeycard,
    kind: "sso",
    fixture: "sso-keycard.js",
    resolveDir: snapshotDir,
    needs: ["keycard"],
    goal: true,
  },
  {
    label: labels.ssoAll,
    kind: "sso",
    fixture: "sso-all.js",
    resolveDir: snapshotDir,
    needs: ["cloudflare", "logto", "keycard"],
  },
  { label: labels.openapiFetch, kind: "anchor", fixture: "openapi-fetch.js", resolveDir: benchDir },
  { label: labels.logtoApi, kind: "anchor", fixture: "logto-api.js", resolveDir: anchorsDir },
  {
    label: labels.cloudflareTreeShakable,
    kind: "anchor",
    fixture: "cloudflare-tree-shakable.js",
    resolveDir: anchorsDir,
  },
  { label: labels.cloudflareFull, kind: "anchor", fixture: "cloudflare-full.js", resolveDir: anchorsDir },
];

interface BundleSize {
  min: number;
  gzip: number;
  /** minified bytes per package in the output, largest first */
  byPackage: Array<[string, number]>;
}

/** "@sso/core" for packages/core/..., the package name for .../node_modules/<name>/..., else "entry". */
function packageOf(path: string): string {
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const ws = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  return ws ? `@sso/${ws[1]}` : "entry";
}

/** Bundles one entry program and returns its minified and minified+gzip -9 sizes in bytes. */
async function bundleSize(
  source: string,
  resolveDir: string,
  sourcefile: string,
  plugins: Plugin[] = [],
): Promise<BundleSize> {
  const result = await build({
    plugins,
    stdin: { contents: source, resolveDir, sourcefile, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
    legalComments: "none",
    metafile: true,
  });
  const code = result.outputFiles[0]!.contents;
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    byPackage: [...byPackage].sort((a, b) => b[1] - a[1]),
  };
}

export async function bundleSuite(ctx: Context): Promise<Section> {
  const out: Row[] = [];
  for (const entry of entries) {
    if (entry.resolveDir === anchorsDir && !ctx.anchors.ok) {
      out.push(missingRow(entry.label, entry.kind, "skipped", anchorsMissing(ctx)));
      continue;
    }
    const missing: string[] = [];
    for (const p of entry.needs ?? []) {
      const loaded = await loadClient(p);
      if (!loaded.ok) missing.push(loaded.reason);
    }
    if (missing.length > 0) {
      out.push(missingRow(entry.label, entry.kind, "n/a", missing.join("; "), entry.goal ? GOAL : undefined));
      continue;
    }
    try {
      const source = readFileSync(join(fixturesDir, "bundle", entry.fixture), "utf8");
      const size = await bundleSize(source, entry.resolveDir, entry.fixture);
      out.push(
        okRow(
          entry.label,
          entry.kind,
          { min: fmtBytes(size.min), "min+gzip": fmtBytes(size.gzip) },
          {
            minBytes: size.min,
            gzipBytes: size.gzip,
            ...Object.fromEntries(size.byPackage.map(([name, bytes]) => [`min:${name}`, bytes])),
          },
          {
            ...(entry.goal
              ? { goal: GOAL, met: size.gzip <= GOAL_BYTES, measured: `${fmtBytes(size.gzip)} gz` }
              : {}),
            ...(entry.kind === "sso" ? { note: breakdown(size.byPackage) } : {}),
          },
        ),
      );
    } catch (error) {
      out.push(missingRow(entry.label, entry.kind, "error", firstLine(error), entry.goal ? GOAL : undefined));
    }
  }
  const gzipOf = (label: string) => {
    const row = out.find((r) => r.label === label && r.status === "ok");
    return row ? row.values.gzipBytes! : Number.NaN;
  };
  const openapiFetchGzip = gzipOf(labels.openapiFetch);
  const anchorGzip = gzipOf(ANCHOR);
  for (const row of out) {
    if (row.status !== "ok") continue;
    if (anchorsMd[row.label]) addNote(row, anchorsMd[row.label]!);
    const gzip = row.values.gzipBytes!;
    if (row.goal) {
      row.cells[VS_GOAL] = vsGoal(gzip);
      row.values.gzipVsGoal = gzip / GOAL_BYTES;
    }
    if (row.kind === "sso") {
      row.cells[VS_ANCHOR] = fmtRatio(gzip / anchorGzip);
      if (Number.isFinite(anchorGzip)) {
        row.values.gzipVsCloudflareSSOOnly = gzip / anchorGzip;
        if (row.goal) row.measured = `${row.measured}, ${fmtRatio(gzip / anchorGzip)} cloudflare SSO-only`;
      }
    }
    if (!Number.isFinite(openapiFetchGzip)) continue;
    row.cells["vs openapi-fetch"] = fmtRatio(gzip / openapiFetchGzip);
    row.values.gzipVsOpenapiFetch = gzip / openapiFetchGzip;
  }
  out.push(await checksCostRow(out.find((r) => r.label === labels.ssoCloudflare)));
  return {
    id: "bundle",
    title: "1. Bundle size (program that constructs the client and lists connectors)",
    method:
      "esbuild 0.28.2 `--bundle --minify --format=esm --platform=neutral` of each program in `bench/fixtures/bundle/`, " +
      "then zlib gzip level 9 (1 kB = 1000 B). The @sso programs import the built `dist/` of each package " +
      "(all of `@sso/core` they pull in is counted; a dynamic `import()` would be bundled in, so the figure is " +
      "everything the program can load). Same method as ANCHORS.md §2. Each client program is set against the " +
      `5 kB goal (bytes over or under it) and against "${ANCHOR}" measured in the same run (ratio of min+gzip). ` +
      "The note splits the minified bytes by package (esbuild metafile `bytesInOutput`, before minifying " +
      "identifiers across modules). The last row is no program: it is the bytes the response-shape and " +
      "parameter-limit checks add to the @sso/cloudflare program, the difference to a second build in which " +
      "an esbuild plugin empties those functions in `@sso/core`'s dist.",
    columns: ["min", "min+gzip", VS_GOAL, VS_ANCHOR, "vs openapi-fetch"],
    rows: out,
  };
}

/** The @sso/core functions that only check: the response shape (and its error), and the parameter bounds. */
const CHECKS = { shape: ["shapeProblem", "shapeError"], limits: ["checkLimit"] };

/** Empties `names` in @sso/core's dist (the renamed original is tree-shaken); `found` counts them, so a rename errors instead of 0 B. */
function stubFunctions(names: string[], found: Map<string, number>): Plugin {
  return {
    name: "stub-core-checks",
    setup(b) {
      b.onLoad({ filter: /[\\/]@sso[\\/]core[\\/]dist[\\/].*\.js$/ }, (args) => {
        let contents = readFileSync(args.path, "utf8");
        for (const name of names) {
          const definition = new RegExp(`^function ${name}\\(`, "gm");
          contents = contents.replace(definition, () => {
            found.set(name, (found.get(name) ?? 0) + 1);
            return `function ${name}() {}\nfunction ${name}$checked(`;
          });
        }
        return { contents, loader: "js" };
      });
    },
  };
}

/** The @sso/cloudflare program bundled with `names` emptied; throws when one is not defined exactly once. */
async function withoutFunctions(names: string[]): Promise<BundleSize> {
  const fixture = "sso-cloudflare.js";
  const found = new Map<string, number>();
  const source = readFileSync(join(fixturesDir, "bundle", fixture), "utf8");
  const size = await bundleSize(source, snapshotDir, fixture, [stubFunctions(names, found)]);
  const wrong = names.filter((name) => found.get(name) !== 1);
  if (wrong.length > 0) throw new Error(`not defined once in @sso/core's dist: ${wrong.join(", ")}`);
  return size;
}

/** What the checks add in bytes: the real @sso/cloudflare build minus one with CHECKS emptied (not a shipped variant). */
async function checksCostRow(full: Row | undefined): Promise<Row> {
  const label = labels.checksCost;
  if (full?.status !== "ok")
    return missingRow(label, "sso", "n/a", `needs the "${labels.ssoCloudflare}" row`);
  try {
    const all = [...CHECKS.shape, ...CHECKS.limits];
    const bare = await withoutFunctions(all);
    const noShape = await withoutFunctions(CHECKS.shape);
    const noLimits = await withoutFunctions(CHECKS.limits);
    const { minBytes, gzipBytes } = full.values as { minBytes: number; gzipBytes: number };
    const min = minBytes - bare.min;
    const gzip = gzipBytes - bare.gzip;
    const part = (size: BundleSize) =>
      `${fmtBytes(minBytes - size.min)} min / ${fmtBytes(gzipBytes - size.gzip)} gz`;
    return okRow(
      label,
      "sso",
      { min: `+${fmtBytes(min)}`, "min+gzip": `+${fmtBytes(gzip)}` },
      {
        checksMinBytes: min,
        checksGzipBytes: gzip,
        shapeMinBytes: minBytes - noShape.min,
        shapeGzipBytes: gzipBytes - noShape.gzip,
        limitsMinBytes: minBytes - noLimits.min,
        limitsGzipBytes: gzipBytes - noLimits.gzip,
      },
      {
        note:
          `not a shipped variant: "${labels.ssoCloudflare}" minus the same program bundled with ` +
          `${all.join(", ")} of @sso/core emptied (${fmtBytes(bare.min)} min / ${fmtBytes(bare.gzip)} gz); ` +
          `shape alone ${part(noShape)}, limits alone ${part(noLimits)}`,
      },
    );
  } catch (error) {
    return missingRow(label, "sso", "error", firstLine(error));
  }
}

/** "+6.3 kB (2.26×)": how far a min+gzip size is over the goal, or "−0.4 kB (0.92×)" under it. */
function vsGoal(gzip: number): string {
  const delta = gzip - GOAL_BYTES;
  return `${delta > 0 ? "+" : "−"}${fmtBytes(Math.abs(delta))} (${fmtRatio(gzip / GOAL_BYTES)})`;
}

/** "min by package: @sso/core 9.1 kB, @sso/cloudflare 4.0 kB, ..." (the bytes esbuild reports per input) */
function breakdown(byPackage: Array<[string, number]>): string {
  return `min by package: ${byPackage
    .filter(([name]) => name !== "entry")
    .map(([name, bytes]) => `${name} ${fmtBytes(bytes)}`)
    .join(", ")}`;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").find((l) => l.trim() !== "") ?? text;
}
