import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { killTree, run, start } from "./proc.ts";

/** 6.8.0 is the last Verdaccio that runs on Node 20 (6.9 needs Node 22). */
export const VERDACCIO_VERSION = "6.8.0";

export interface Registry {
  url: string;
  /** The log Verdaccio wrote, for a failure report. */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Installs Verdaccio with npm into `dir` (outside the workspace, so the workspace never depends on it).
 * Every Verdaccio depends on `node-fetch@cjs`, a dist-tag some registries do not serve; the override pins it.
 */
export async function installVerdaccio(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: "sso-release-e2e-registry",
    private: true,
    dependencies: { verdaccio: VERDACCIO_VERSION },
    overrides: { "node-fetch@cjs": "2.7.0" },
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock"], {
    cwd: dir,
    env,
    timeoutMs: 4 * 60_000,
  });
}

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts Verdaccio on 127.0.0.1 with its storage under `dir`: `@sso/*` may be published anonymously and is
 * never proxied; everything else is proxied from `uplink` (the registry npm is configured with).
 */
export async function startVerdaccio(dir: string, uplink: string, env: NodeJS.ProcessEnv): Promise<Registry> {
  const port = await freePort();
  const storage = join(dir, "storage");
  mkdirSync(storage, { recursive: true });
  const config = [
    `storage: ${JSON.stringify(storage)}`,
    "auth:",
    "  htpasswd:",
    `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
    "    max_users: -1",
    "uplinks:",
    "  npmjs:",
    `    url: ${JSON.stringify(uplink)}`,
    "    timeout: 60s",
    "packages:",
    "  '@sso/*':",
    "    access: $all",
    "    publish: $all",
    "    unpublish: $all",
    "  '**':",
    "    access: $all",
    "    publish: $authenticated",
    "    proxy: npmjs",
    "log: { type: stdout, format: pretty, level: warn }",
    "publish:",
    "  allow_offline: true",
    "",
  ].join("\n");
  const configFile = join(dir, "config.yaml");
  writeFileSync(configFile, config);
  const logFile = join(dir, "verdaccio.log");
  const log = createWriteStream(logFile);
  const bin = join(dir, "node_modules", "verdaccio", "bin", "verdaccio");
  const child = start(process.execPath, [bin, "--config", configFile, "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    env,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}/`;
  const readLog = () => {
    try {
      return readFileSync(logFile, "utf8");
    } catch {
      return "";
    }
  };
  try {
    await waitForPing(url, child, 60_000);
  } catch (error) {
    await stop(child);
    throw new Error(`${(error as Error).message}\n${readLog()}`);
  }
  return { url, log: readLog, stop: () => stop(child) };
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`verdaccio did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killTree(child, "SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    killTree(child, "SIGTERM");
  });
}
