/**
 * 5. Install footprint: `npm pack --dry-run --json` (tarball size, unpacked size, file count) of each @sso
 * package, packed from its folder as it would be published, and of the anchors, packed from the registry by
 * name@version (ANCHORS.md §1). "with deps" adds every production dependency, transitively, resolved the way
 * Node resolves them from the installed trees.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, sep } from "node:path";
import { npmEnv } from "../anchors.ts";
import { anchorsDir, benchDir, rootDir } from "../config.ts";
import { anchorsMissing, type Context } from "../context.ts";
import { resolveDependency } from "../packages.ts";
import {
  addNote,
  fmtBytes,
  fmtInt,
  missingRow,
  okRow,
  type Row,
  type RowKind,
  type Section,
} from "../report.ts";
import { rows } from "../rows.ts";
import { snapshotDir, snapshotPackageDir } from "../snapshot.ts";

const labels = rows.footprint;

/** What ANCHORS.md §1 measured (packed / unpacked / files). */
const anchorsMd: Record<string, string> = {
  [labels.cloudflare]: "ANCHORS.md §1: 7.13 MB / 71.2 MB / 17,310",
  [labels.logtoApi]: "ANCHORS.md §1: 73 KB / 1.11 MB / 9",
  [labels.openapiFetch]: "ANCHORS.md §1: 49 KB / 229 KB / 14",
};
const GOAL_BYTES = 100_000;
const GOAL = "< 100 kB packed";

interface Pack {
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/** A package in a dependency tree: workspace packages are packed from their folder, others from the registry. */
interface Node {
  id: string;
  name: string;
  version: string;
  dir: string;
  local: boolean;
}

interface Target {
  label: string;
  kind: RowKind;
  /** folder of the installed package */
  dir: () => string;
  sso?: boolean;
  anchor?: boolean;
}

const targets: Target[] = [
  { label: labels.ssoCore, kind: "sso", dir: () => snapshotPackageDir("core"), sso: true },
  { label: labels.ssoCloudflare, kind: "sso", dir: () => snapshotPackageDir("cloudflare"), sso: true },
  { label: labels.ssoLogto, kind: "sso", dir: () => snapshotPackageDir("logto"), sso: true },
  { label: labels.ssoKeycard, kind: "sso", dir: () => snapshotPackageDir("keycard"), sso: true },
  { label: labels.ssoMcp, kind: "sso", dir: () => snapshotPackageDir("mcp"), sso: true },
  {
    label: labels.cloudflare,
    kind: "anchor",
    dir: () => join(anchorsDir, "node_modules", "cloudflare"),
    anchor: true,
  },
  {
    label: labels.logtoApi,
    kind: "anchor",
    dir: () => join(anchorsDir, "node_modules", "@logto", "api"),
    anchor: true,
  },
  { label: labels.openapiFetch, kind: "anchor", dir: () => join(benchDir, "node_modules", "openapi-fetch") },
];

function readManifest(dir: string): { name: string; version: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
}

function nodeAt(dir: string): Node {
  const real = realpathSync(dir);
  const { name, version } = readManifest(real);
  const local = real.startsWith(snapshotDir + sep) || real.startsWith(join(rootDir, "packages") + sep);
  return { id: local ? real : `${name}@${version}`, name, version, dir: real, local };
}

/** The package and its production dependencies, transitively. */
function closure(dir: string): Node[] {
  const seen = new Map<string, Node>();
  const visit = (d: string) => {
    const node = nodeAt(d);
    if (seen.has(node.id)) return;
    seen.set(node.id, node);
    for (const dep of Object.keys(readManifest(node.dir).dependencies ?? {})) {
      visit(resolveDependency(node.dir, dep));
    }
  };
  visit(dir);
  return [...seen.values()];
}

/** One `npm pack --dry-run --json` for many folders or name@version specs. */
function npmPack(specs: string[], cwd: string): Map<string, Pack> {
  const out = new Map<string, Pack>();
  if (specs.length === 0) return out;
  const run = spawnSync(
    "npm",
    ["pack", ...specs, "--dry-run", "--json", "--ignore-scripts", "--prefer-offline", "--loglevel=error"],
    { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: npmEnv() },
  );
  if (run.status !== 0)
    throw new Error(`npm pack failed: ${run.stderr.trim().split("\n").slice(-2).join(" ")}`);
  const packs = JSON.parse(run.stdout) as Array<Pack & { name: string; version: string }>;
  specs.forEach((spec, i) => {
    const p = packs[i]!;
    out.set(spec, { size: p.size, unpackedSize: p.unpackedSize, entryCount: p.entryCount });
  });
  return out;
}

export async function footprintSuite(ctx: Context): Promise<Section> {
  const missing = new Map<string, Row>();
  const trees = new Map<string, Node[]>();
  for (const t of targets) {
    const goal = t.sso ? GOAL : undefined;
    if (t.anchor && !ctx.anchors.ok) {
      missing.set(t.label, missingRow(t.label, t.kind, "skipped", anchorsMissing(ctx)));
      continue;
    }
    if (t.sso && !existsSync(join(t.dir(), "dist", "index.js"))) {
      missing.set(t.label, missingRow(t.label, t.kind, "n/a", `${t.label} is not built (pnpm build)`, goal));
      continue;
    }
    try {
      trees.set(t.label, closure(t.dir()));
    } catch (error) {
      missing.set(t.label, missingRow(t.label, t.kind, "error", (error as Error).message, goal));
    }
  }
  const nodes = new Map<string, Node>();
  for (const tree of trees.values()) for (const n of tree) nodes.set(n.id, n);
  const all = [...nodes.values()];
  ctx.log(`footprint: npm pack --dry-run of ${all.length} packages`);
  const packs = new Map<string, Pack>();
  const cwd = existsSync(anchorsDir) ? anchorsDir : benchDir;
  for (const [spec, pack] of npmPack(
    all.filter((n) => n.local).map((n) => n.dir),
    cwd,
  ))
    packs.set(spec, pack);
  for (const [spec, pack] of npmPack(
    all.filter((n) => !n.local).map((n) => n.id),
    cwd,
  ))
    packs.set(spec, pack);

  const out: Row[] = targets.map((t) => {
    const gone = missing.get(t.label);
    if (gone) return gone;
    const tree = trees.get(t.label)!;
    const own = packs.get(tree[0]!.id)!;
    const sum = (f: (p: Pack) => number) => tree.reduce((acc, n) => acc + f(packs.get(n.id)!), 0);
    const deps = tree.slice(1).map((n) => `${n.name}@${n.version}`);
    const row = okRow(
      t.label,
      t.kind,
      {
        packed: fmtBytes(own.size),
        unpacked: fmtBytes(own.unpackedSize),
        files: fmtInt(own.entryCount),
        "with deps packed": fmtBytes(sum((p) => p.size)),
        "with deps unpacked": fmtBytes(sum((p) => p.unpackedSize)),
        "with deps files": fmtInt(sum((p) => p.entryCount)),
      },
      {
        packedBytes: own.size,
        unpackedBytes: own.unpackedSize,
        files: own.entryCount,
        closurePackedBytes: sum((p) => p.size),
        closureUnpackedBytes: sum((p) => p.unpackedSize),
        closureFiles: sum((p) => p.entryCount),
      },
      { note: depsNote(deps) },
    );
    if (anchorsMd[t.label]) addNote(row, anchorsMd[t.label]!);
    if (t.sso) {
      row.goal = GOAL;
      row.met = own.size < GOAL_BYTES;
      row.measured = `${fmtBytes(own.size)} packed`;
    }
    return row;
  });
  return {
    id: "footprint",
    title: "5. Install footprint (npm pack)",
    method:
      "`npm pack --dry-run --json`: tarball size, unpacked size and file count (1 kB = 1000 B). @sso packages " +
      "are packed from their folder (`files`: dist, README, LICENSE) after `pnpm build`; anchors by " +
      'name@version from the registry, as in ANCHORS.md §1. "with deps" sums every production dependency, ' +
      "transitively, as installed (the @sso packages' `workspace:*` deps are packed from their folders).",
    columns: ["packed", "unpacked", "files", "with deps packed", "with deps unpacked", "with deps files"],
    rows: out,
  };
}

/** The dependencies a row lists: all of a short list; of a long one (the MCP SDK's tree) the first few and a count. */
function depsNote(deps: readonly string[]): string {
  if (deps.length === 0) return "no deps";
  if (deps.length <= 12) return `deps: ${deps.join(", ")}`;
  return `deps: ${deps.length} packages: ${deps.slice(0, 8).join(", ")} and ${deps.length - 8} more`;
}
