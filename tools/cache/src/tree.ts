import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Folders that are not build output: installs, git, and turbo's own cache and run logs. */
const SKIP = new Set(["node_modules", ".git", ".turbo"]);

/** Every file under `root` (but the folders above) with the sha256 of its bytes, by relative path. */
export function treeHashes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.isFile())
        out.set(
          path,
          createHash("sha256")
            .update(readFileSync(join(dir, entry.name)))
            .digest("hex"),
        );
    }
  };
  walk(root, "");
  return out;
}

/** The paths whose bytes differ, or that exist on one side only. */
export function treeDifferences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, hash] of a) {
    if (!b.has(path)) out.push(`${path}: only in the first clone`);
    else if (b.get(path) !== hash) out.push(`${path}: bytes differ`);
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`${path}: only in the second clone`);
  return out.sort();
}
