/**
 * The committed output of the three real packages is the golden copy: `packages/<p>/src/generated/**`, their
 * `api.md` and the README operation tables must be exactly what the generator makes from `specs/` right now.
 * This is the same comparison `sso-codegen generate --check` does in CI.
 *
 * When it fails after an intended change to a spec or to the generator: run `pnpm generate` at the repo root,
 * review the diff of the generated files, and commit them together with the change.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createContext, findRoot } from "../src/context.js";
import { discoverSpecs, staleFiles } from "../src/generate.js";

const root = findRoot(fileURLToPath(import.meta.url));

describe("golden: the committed packages", async () => {
  const ctx = createContext(root);
  const names = await discoverSpecs(ctx);

  it("finds the three specs", () => {
    expect(names).toEqual(["cloudflare", "keycard", "logto"]);
  });

  it.each(names)("%s matches a fresh generation (run `pnpm generate` to update)", async (name) => {
    const stale = await staleFiles(ctx, [name]);
    expect(stale.map((change) => `${change.kind} ${change.path.slice(root.length + 1)}`)).toEqual([]);
  });
});
