import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `tools/cache/server`: turborepo-remote-cache and its dependencies, installed with npm outside the workspace. */
const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "server");

/** What turbo needs to use the server: the three variables a team sets in CI and on laptops. */
export interface CacheEnv {
  TURBO_API: string;
  TURBO_TOKEN: string;
  TURBO_TEAM: string;
}

export interface RunningCache {
  env: CacheEnv;
  /** Where the artifacts are stored. */
  storage: string;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Installs the pinned server on first use (`npm ci`, kept out of the pnpm workspace: its cloud-storage SDKs are
 * large and only this script needs them).
 */
export function installServer(): void {
  if (existsSync(join(SERVER_DIR, "node_modules", "turborepo-remote-cache", "package.json"))) return;
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: SERVER_DIR,
    stdio: "inherit",
  });
}

/** Hangs only: a server that does not say where it listens within this long is broken. */
const START_MS = 60_000;

/**
 * Starts turborepo-remote-cache on 127.0.0.1 (a free port) with local-disk storage in `storage` and a fresh
 * random token, and resolves once it listens.
 */
export async function startCache(storage: string, team = "sso"): Promise<RunningCache> {
  installServer();
  mkdirSync(storage, { recursive: true });
  const token = randomBytes(24).toString("hex");
  const child = spawn(
    process.execPath,
    [join(SERVER_DIR, "node_modules", "turborepo-remote-cache", "dist", "cli.js")],
    {
      cwd: SERVER_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: "0",
        STORAGE_PROVIDER: "local",
        STORAGE_PATH: storage,
        STORAGE_PATH_USE_TMP_FOLDER: "false",
        TURBO_TOKEN: token,
        LOG_LEVEL: "info",
        ENABLE_STATUS_LOG: "false",
      },
    },
  );
  const origin = await listeningOrigin(child);
  return {
    env: { TURBO_API: origin, TURBO_TOKEN: token, TURBO_TEAM: team },
    storage,
    stop: () => stop(child),
  };
}

/** Reads the server's log (pino JSON lines) until it says where it listens. */
function listeningOrigin(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(
      () => fail(new Error(`remote cache did not start within ${START_MS} ms:\n${log}`)),
      START_MS,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString("utf8");
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => fail(new Error(`remote cache exited with ${code}:\n${log}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** `export TURBO_API=...` lines for a shell. */
export function shellExports(env: CacheEnv): string {
  return Object.entries(env)
    .map(([key, value]) => `export ${key}=${value}`)
    .join("\n");
}
