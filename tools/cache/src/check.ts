import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCache } from "./server.ts";
import { coldMissProblems, type RunSummary, remoteHitProblems } from "./summary.ts";
import { treeDifferences, treeHashes } from "./tree.ts";

/** The repository this file is in (tools/cache/src -> the root). */
const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/**
 * The remote-cache proof: start a fresh server, clone the repository's HEAD twice into temporary folders,
 * build the first against the server (every cacheable task must miss and upload), then the second (every
 * cacheable task must be a remote hit), and compare the two trees byte for byte. Returns the problems found.
 */
export async function checkRemoteCache(log: (line: string) => void = console.log): Promise<string[]> {
  const tmp = mkdtempSync(join(tmpdir(), "sso-remote-cache-"));
  const timed = <T>(title: string, work: () => T): T => {
    const t0 = performance.now();
    const result = work();
    log(`remote-cache: ${title}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  const cache = await startCache(join(tmp, "storage"));
  try {
    const env = { ...cleanEnv(), ...cache.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CI: "true" };
    log(
      `remote-cache: server ${cache.env.TURBO_API}, team ${cache.env.TURBO_TEAM}, storage ${cache.storage}`,
    );
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPO, encoding: "utf8" }).trim();
    const clones = ["first", "second"].map((name) => join(tmp, name));
    for (const dir of clones) {
      timed(`clone ${head.slice(0, 10)} into ${dir}`, () => {
        execFileSync("git", ["clone", "-q", "--no-checkout", REPO, dir], { env });
        execFileSync("git", ["checkout", "-q", head], { cwd: dir, env });
      });
      timed(`pnpm install in ${dir}`, () =>
        execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
          cwd: dir,
          env,
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
    }
    const [first, second] = clones as [string, string];
    const problems: string[] = [];
    const cold = timed("turbo run build in the first clone (cold, fills the remote cache)", () =>
      build(first, env),
    );
    problems.push(...coldMissProblems(cold).map((p) => `first clone: ${p}`));
    const warm = timed("turbo run build in the second clone (from the remote cache)", () =>
      build(second, env),
    );
    problems.push(...remoteHitProblems(warm).map((p) => `second clone: ${p}`));
    log(
      `remote-cache: ${warm.tasks.length} tasks in the second clone, ${warm.tasks.length - remoteHitProblems(warm).length} remote hits`,
    );
    const [a, b] = timed("hashing both trees", () => [treeHashes(first), treeHashes(second)] as const);
    log(`remote-cache: comparing ${a.size} files (everything but node_modules, .git and .turbo)`);
    const differences = treeDifferences(a, b);
    problems.push(...differences.map((d) => `outputs differ: ${d}`));
    return problems;
  } finally {
    await cache.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs the main job (`turbo run build`) with a run summary and returns the summary. */
function build(dir: string, env: NodeJS.ProcessEnv): RunSummary {
  execFileSync(
    join(dir, "node_modules", ".bin", "turbo"),
    ["run", "build", "--summarize", "--output-logs=errors-only"],
    {
      cwd: dir,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const runs = join(dir, ".turbo", "runs");
  const newest = readdirSync(runs)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(runs, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`turbo wrote no run summary in ${runs}`);
  return JSON.parse(readFileSync(newest, "utf8")) as RunSummary;
}

/** The environment without what a `pnpm run` parent or a team's own cache settings would add. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|TURBO_)/i.test(key)));
}
