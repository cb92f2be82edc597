import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The `runtimes/` folder (this file is `runtimes/dist/matrix/toolchain.js` once built). */
export const RUNTIMES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Node 22, Deno, Bun and Miniflare, installed by `runtimes/install-toolchain.sh` (which `.ci/run` calls). */
export const TOOLCHAIN_DIR = join(RUNTIMES_DIR, "toolchain");

/** Debian's Chromium, which Playwright drives (Playwright's own browser downloads cannot work here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The built scenario programs every runtime runs. */
export const ENTRIES = join(RUNTIMES_DIR, "dist", "entries");

/** Absolute path of a toolchain binary, or an error that says how to install it. */
export function tool(name: "node" | "deno" | "bun"): string {
  const path = join(TOOLCHAIN_DIR, "node_modules", ".bin", name);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run \`pnpm --filter @sso/runtimes toolchain\` (npm ci in runtimes/toolchain)`,
    );
  }
  return path;
}

/** Deno's permissions for the scenario and the fakes: loopback network, reading node_modules, the environment. */
export const DENO_RUN = ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", "--allow-sys"];
