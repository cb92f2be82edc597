import { join } from "node:path";
import { build } from "esbuild";
import { RUNTIMES_DIR } from "./toolchain.js";

/** Where the Worker and page bundles are written. */
const BUNDLES = join(RUNTIMES_DIR, "dist", "bundles");

/**
 * Bundles an entry for a platform that cannot resolve packages itself (a Worker, a page), from the clients'
 * built `dist/` as their `exports` resolve under that platform's conditions. Any `node:` import fails the build:
 * neither target may need Node built-ins (the Worker runs without nodejs_compat).
 */
export async function bundle(target: "worker" | "browser"): Promise<string> {
  const outfile = join(BUNDLES, `${target}.js`);
  await build({
    entryPoints: [join(RUNTIMES_DIR, "src", "entries", `${target}.ts`)],
    outfile,
    bundle: true,
    format: target === "worker" ? "esm" : "iife",
    platform: target === "worker" ? "neutral" : "browser",
    conditions: target === "worker" ? ["workerd", "worker", "browser"] : ["browser"],
    mainFields: target === "worker" ? ["module", "main"] : ["browser", "module", "main"],
    target: "es2022",
    logLevel: "silent",
  });
  return outfile;
}
