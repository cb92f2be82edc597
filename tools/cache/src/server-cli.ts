/**
 * `pnpm cache:server [storage folder]`: runs a Turborepo remote cache on 127.0.0.1 until Ctrl-C, and prints the
 * environment that points turbo at it. Artifacts stay in the folder (default `.turbo/remote-cache`).
 */
import { resolve } from "node:path";
import { shellExports, startCache } from "./server.ts";

const storage = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? ".turbo/remote-cache");
const cache = await startCache(storage);
console.log(`# remote cache on ${cache.env.TURBO_API}, artifacts in ${storage}`);
console.log("# in another shell, then run pnpm build as usual:");
console.log(shellExports(cache.env));
const stopOn = (signal: NodeJS.Signals) =>
  process.once(signal, () => {
    void cache.stop().then(() => process.exit(0));
  });
stopOn("SIGINT");
stopOn("SIGTERM");
