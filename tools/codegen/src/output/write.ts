import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Plan } from "../generate.js";

/** One difference between the plan and the disk. */
export interface Change {
  path: string;
  kind: "create" | "update" | "delete";
  /** The new content; absent for deletions. */
  content?: string;
}

/** Compares the plan with the disk: files to create or update, and stale files in the owned directories. */
export async function diff(plan: Pick<Plan, "files" | "ownedDirs">): Promise<Change[]> {
  const changes: Change[] = [];
  const planned = new Set(plan.files.map((f) => f.path));
  await Promise.all(
    plan.files.map(async ({ path, content }) => {
      const current = await readFile(path, "utf8").catch(() => undefined);
      if (current === undefined) changes.push({ path, kind: "create", content });
      else if (current !== content) changes.push({ path, kind: "update", content });
    }),
  );
  for (const dir of plan.ownedDirs) {
    for (const path of await listFiles(dir)) {
      if (!planned.has(path)) changes.push({ path, kind: "delete" });
    }
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Applies changes: each write goes to a temp file in the same directory, then is renamed over the target. */
export async function apply(changes: Change[]): Promise<void> {
  for (const change of changes) {
    if (change.kind === "delete") {
      await rm(change.path, { force: true });
      continue;
    }
    await mkdir(dirname(change.path), { recursive: true });
    const temp = join(dirname(change.path), `.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFile(temp, change.content ?? "");
      await rename(temp, change.path);
    } finally {
      await rm(temp, { force: true });
    }
  }
  await removeEmptyDirs(changes.filter((c) => c.kind === "delete").map((c) => dirname(c.path)));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function removeEmptyDirs(dirs: string[]): Promise<void> {
  for (const dir of [...new Set(dirs)].sort().reverse()) {
    const left = await readdir(dir).catch(() => ["?"]);
    if (left.length === 0) await rm(dir, { recursive: true, force: true });
  }
}
