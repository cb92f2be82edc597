import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { treeDifferences, treeHashes } from "../src/tree.ts";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "sso-tree-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("comparing two clones byte for byte", () => {
  it("finds no difference between identical trees, whatever node_modules, .git and .turbo hold", () => {
    const a = tree({ "packages/x/dist/index.js": "1", "node_modules/y.js": "a", ".turbo/runs/1.json": "{}" });
    const b = tree({ "packages/x/dist/index.js": "1", "node_modules/y.js": "b", ".git/HEAD": "ref" });
    expect(treeDifferences(treeHashes(a), treeHashes(b))).toEqual([]);
  });

  it("names files that differ or exist on one side only", () => {
    const a = tree({ "dist/a.js": "1", "dist/only-a.js": "" });
    const b = tree({ "dist/a.js": "2", "dist/only-b.js": "" });
    expect(treeDifferences(treeHashes(a), treeHashes(b))).toEqual([
      "dist/a.js: bytes differ",
      "dist/only-a.js: only in the first clone",
      "dist/only-b.js: only in the second clone",
    ]);
  });
});
