import { watch as watchDir } from "node:fs";
import { join } from "node:path";
import type { GeneratorContext } from "./context.js";

/**
 * Regenerates a spec's package whenever the spec file is saved (editors often write twice, so changes are
 * debounced). Runs until interrupted; a bad spec is reported and the watch goes on.
 */
export async function watch(
  ctx: GeneratorContext,
  names: string[],
  run: (names: string[]) => Promise<number>,
): Promise<number> {
  await run(names);
  const dir = join(ctx.root, ctx.specsDir);
  console.log(`sso-codegen: watching ${names.map((n) => `${ctx.specsDir}/${n}.openapi.yaml`).join(", ")}`);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve(0);
  const watcher = watchDir(dir, (_event, file) => {
    const name = file?.toString().replace(/\.openapi\.yaml$/, "");
    if (!name || !names.includes(name) || !file?.toString().endsWith(".openapi.yaml")) return;
    pending.add(name);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending].sort();
      pending.clear();
      running = running.then(() => run(batch));
    }, 50);
  });
  return new Promise((resolve) => {
    process.once("SIGINT", () => {
      watcher.close();
      resolve(0);
    });
  });
}
