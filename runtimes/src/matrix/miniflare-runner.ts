/**
 * Runs under Node 22 (Miniflare 4 needs it; the rest of the matrix stays on Node 20): loads the Worker bundle
 * into workerd through Miniflare's API, posts the fakes' endpoints to it, and prints `RESULT <json>`.
 * `cf: false` keeps Miniflare from downloading `Request.cf` data (the network is closed here).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TOOLCHAIN_DIR } from "./toolchain.js";

/** The slice of Miniflare's API this uses (its types live in the toolchain folder, outside the workspace). */
interface MiniflareApi {
  Miniflare: new (options: {
    modules: boolean;
    scriptPath: string;
    compatibilityDate: string;
    cf: boolean;
  }) => {
    dispatchFetch(url: string, init: { method: string; body: string }): Promise<{ text(): Promise<string> }>;
    dispose(): Promise<void>;
  };
}

/** A date the pinned workerd supports; compatibility flags stay at their defaults (no nodejs_compat). */
const COMPATIBILITY_DATE = "2026-07-01";

const [scriptPath, endpoints] = process.argv.slice(2);
if (!scriptPath || !endpoints) {
  console.error("usage: miniflare-runner <worker bundle> '<endpoints json>'");
  process.exit(2);
}
const require = createRequire(join(TOOLCHAIN_DIR, "package.json"));
const { Miniflare } = (await import(pathToFileURL(require.resolve("miniflare")).href)) as MiniflareApi;
const mf = new Miniflare({ modules: true, scriptPath, compatibilityDate: COMPATIBILITY_DATE, cf: false });
try {
  const response = await mf.dispatchFetch("http://worker.local/", { method: "POST", body: endpoints });
  const report = JSON.parse(await response.text()) as { version?: string };
  const workerd = require(
    join(require.resolve("miniflare"), "..", "..", "..", "..", "workerd", "package.json"),
  ) as {
    version: string;
  };
  console.log(`RESULT ${JSON.stringify({ ...report, version: `workerd ${workerd.version}` })}`);
} finally {
  await mf.dispose();
}
