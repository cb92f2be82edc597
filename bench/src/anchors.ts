/**
 * The anchors (cloudflare, @logto/api, @hey-api/openapi-ts, openapi-typescript) are heavy, so they stay out
 * of the pnpm workspace: `bench/anchors/package.json` + `package-lock.json` pin them, and this module installs
 * them with `npm ci` into `bench/.anchors/` (gitignored) when that copy is missing or stale.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { anchorsDir, anchorsManifestDir } from "./config.ts";

const stampFile = join(anchorsDir, ".installed");
const loaderFile = join(anchorsDir, "load.mjs");

function manifestHash(): string {
  const hash = createHash("sha256");
  for (const f of ["package.json", "package-lock.json"])
    hash.update(readFileSync(join(anchorsManifestDir, f)));
  return hash.digest("hex");
}

export interface AnchorsState {
  ok: boolean;
  /** what happened: "cached", "installed in N s", or why it failed */
  detail: string;
}

let state: AnchorsState | undefined;

/** Installs the pinned anchors unless the installed copy matches the committed lockfile. */
export function ensureAnchors(log: (line: string) => void = () => {}): AnchorsState {
  if (state) return state;
  const want = manifestHash();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === want) {
    writeLoader();
    state = { ok: true, detail: "cached" };
    return state;
  }
  log("installing the pinned anchors into bench/.anchors (npm ci) ...");
  const started = performance.now();
  mkdirSync(anchorsDir, { recursive: true });
  for (const f of ["package.json", "package-lock.json"]) {
    copyFileSync(join(anchorsManifestDir, f), join(anchorsDir, f));
  }
  const npm = spawnSync(
    "npm",
    ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error"],
    { cwd: anchorsDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: npmEnv() },
  );
  if (npm.status !== 0) {
    const why = (npm.stderr || npm.stdout || String(npm.error ?? "")).trim().split("\n").slice(-3).join(" ");
    state = { ok: false, detail: `npm ci failed: ${why}` };
    return state;
  }
  writeFileSync(stampFile, `${want}\n`);
  writeLoader();
  state = { ok: true, detail: `installed in ${((performance.now() - started) / 1000).toFixed(1)} s` };
  return state;
}

/** npm ignores engines mismatches by default; keep it from reading the workspace's pnpm-only settings. */
export function npmEnv(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_engine_strict: "false", npm_config_update_notifier: "false" };
}

/**
 * A module inside bench/.anchors whose dynamic `import()` resolves bare specifiers from the anchors'
 * node_modules (ESM resolution, so `import` conditions apply exactly as for a consumer).
 */
function writeLoader(): void {
  const text = "export function load(specifier) {\n  return import(specifier);\n}\n";
  if (!existsSync(loaderFile) || readFileSync(loaderFile, "utf8") !== text) writeFileSync(loaderFile, text);
}

/** Imports an anchor package as a consumer installed next to it would. */
export async function importAnchor<T>(specifier: string): Promise<T> {
  const { load } = (await import(pathToFileURL(loaderFile).href)) as {
    load: (s: string) => Promise<unknown>;
  };
  return (await load(specifier)) as T;
}
