/** Where the workspace packages are, whether they are built, and Node's dependency lookup. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { rootDir } from "./config.ts";

export function packageDir(name: string): string {
  return join(rootDir, "packages", name);
}

const missingOnce = new Set<string>();

/**
 * Whether a built file exists. In a shared checkout someone's `tsdown` may be rebuilding (it empties dist/
 * first), so the first miss of each file waits up to 30 s for it to come back; later misses answer at once.
 */
export async function built(file: string): Promise<boolean> {
  if (existsSync(file)) return true;
  if (missingOnce.has(file)) return false;
  missingOnce.add(file);
  for (let waited = 0; waited < 30_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (existsSync(file)) {
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // let the rest of the build land
      return true;
    }
  }
  return false;
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent folder's node_modules. */
export function resolveDependency(fromDir: string, name: string): string {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot resolve ${name} from ${fromDir}`);
    dir = parent;
  }
}
