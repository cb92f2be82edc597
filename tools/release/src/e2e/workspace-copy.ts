import { execFileSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Copies the work tree (tracked files plus untracked ones that are not ignored, as `git status` sees it) to
 * `dest`, so versioning and building there never touch the real checkout. No node_modules, dist or .git.
 */
export function copyWorkTree(root: string, dest: string): number {
  const listing = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  }).toString("utf8");
  let count = 0;
  for (const file of new Set(listing.split("\0").filter(Boolean))) {
    const from = join(root, file);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(from);
    } catch {
      continue; // deleted in the work tree but still in the index
    }
    const to = join(dest, file);
    mkdirSync(dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (stat.isFile()) copyFileSync(from, to);
    else continue;
    count++;
  }
  return count;
}
