/**
 * One run measures one build. At start, the built @sso packages (package.json, README, LICENSE, dist/) are
 * copied to bench/.work/snapshot-<pid>/node_modules/@sso/<name>, and every benchmark imports, bundles, type-checks
 * and packs that copy. A rebuild by someone else in the same checkout (tsdown empties dist/ first) can then
 * neither break a run halfway nor mix two builds in one table. Third-party dependencies are linked to the
 * folders the originals resolve them to.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { workDir } from "./config.ts";
import { built, packageDir, resolveDependency } from "./packages.ts";

/**
 * Per run (child processes of the run inherit it through SSO_BENCH_SNAPSHOT), so that two concurrent runs
 * never share or delete each other's copy.
 */
export const snapshotDir = process.env.SSO_BENCH_SNAPSHOT ?? join(workDir, `snapshot-${process.pid}`);
const ssoPackages = ["core", "cloudflare", "logto", "keycard", "mcp"] as const;

/** Folder of the snapshot copy of @sso/<name>. */
export function snapshotPackageDir(name: string): string {
  return join(snapshotDir, "node_modules", "@sso", name);
}

export interface SnapshotState {
  /** packages copied */
  taken: string[];
  /** packages not built, with the reason */
  missing: Record<string, string>;
}

let state: SnapshotState | undefined;

export async function takeSnapshot(log: (line: string) => void = () => {}): Promise<SnapshotState> {
  if (state) return state;
  process.env.SSO_BENCH_SNAPSHOT = snapshotDir;
  rmSync(snapshotDir, { recursive: true, force: true });
  mkdirSync(join(snapshotDir, "node_modules", "@sso"), { recursive: true });
  const taken: string[] = [];
  const missing: Record<string, string> = {};
  for (const name of ssoPackages) {
    const src = packageDir(name);
    const own = { core: [], mcp: ["bin.js"] }[name as string] ?? ["testing/index.js"];
    const needed = ["index.js", "index.d.ts", ...own];
    const ready = await Promise.all(needed.map((f) => built(join(src, "dist", f))));
    if (ready.includes(false)) {
      missing[name] = `@sso/${name} is not built (pnpm build)`;
      continue;
    }
    const dest = snapshotPackageDir(name);
    mkdirSync(dest, { recursive: true });
    cpSync(join(src, "dist"), join(dest, "dist"), { recursive: true });
    for (const f of ["package.json", "README.md", "LICENSE"]) {
      if (existsSync(join(src, f))) copyFileSync(join(src, f), join(dest, f));
    }
    const manifest = JSON.parse(readFileSync(join(src, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      if (dep.startsWith("@sso/")) continue;
      const link = join(snapshotDir, "node_modules", dep);
      if (existsSync(link)) continue;
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(realpathSync(resolveDependency(src, dep)), link, "dir");
    }
    taken.push(name);
  }
  writeFileSync(
    join(snapshotDir, "load.mjs"),
    "export function load(specifier) {\n  return import(specifier);\n}\n",
  );
  log(`snapshot of the built @sso packages: ${taken.join(", ") || "none"}`);
  state = { taken, missing };
  return state;
}

export function dropSnapshot(): void {
  rmSync(snapshotDir, { recursive: true, force: true });
}

/** Imports `@sso/...` from the snapshot, the way a consumer with it in node_modules would. */
export async function importSnapshot(specifier: string): Promise<Record<string, unknown>> {
  const { load } = (await import(pathToFileURL(join(snapshotDir, "load.mjs")).href)) as {
    load: (s: string) => Promise<Record<string, unknown>>;
  };
  return load(specifier);
}
