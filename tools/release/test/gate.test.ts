import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBaselines } from "../src/baseline.ts";
import { diffPackage, writeChangesets } from "../src/changeset.ts";
import { runGate } from "../src/gate.ts";
import { specPackages } from "../src/workspace.ts";
import { BASE, variant, workspace } from "./helpers.ts";

function released(after: string) {
  const root = workspace({
    logto: { spec: BASE },
    keycard: { spec: BASE.replace("@sso/logto", "@sso/keycard") },
  });
  writeBaselines(root, specPackages(root));
  writeFileSync(join(root, "specs/logto.openapi.yaml"), after);
  return root;
}

const narrowed = variant(["maximum: 200", "maximum: 100"]);
const changeset = (root: string, file: string, text: string) =>
  writeFileSync(join(root, ".changeset", file), text);

describe("spec gate", () => {
  it("passes when every spec matches its released baseline", async () => {
    const result = await runGate(released(BASE));
    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      "ok   @sso/keycard: specs/keycard.openapi.yaml matches the spec released in 0.1.0",
      "ok   @sso/logto: specs/logto.openapi.yaml matches the spec released in 0.1.0",
    ]);
  });

  it("fails on a spec change without a changeset, naming the package, the bump and the command", async () => {
    const result = await runGate(released(narrowed));
    expect(result.ok).toBe(false);
    const text = result.lines.join("\n");
    expect(text).toContain(
      "FAIL @sso/logto: specs/logto.openapi.yaml differs from the spec released in 0.1.0: breaking changes need a minor bump",
    );
    expect(text).toContain("no pending changeset in .changeset/ names @sso/logto");
    expect(text).toContain("computed bump: minor. Fix: pnpm spec:changeset");
    expect(text).toContain(
      "- [breaking] `ssoConnectors.list()`: `page_size` query parameter now rejects values above 100 (was 200)",
    );
    expect(text).toContain("while 0.x: breaking -> minor, additive -> patch");
    expect(text).not.toContain("FAIL @sso/keycard");
  });

  it("fails when the pending changesets give the package a lower bump", async () => {
    const root = released(narrowed);
    changeset(root, "small-steps.md", '---\n"@sso/logto": patch\n---\n\nTweak.\n');
    const result = await runGate(root);
    expect(result.ok).toBe(false);
    expect(result.lines.join("\n")).toContain(
      "pending changesets give only patch (.changeset/small-steps.md)",
    );
  });

  it("does not count a changeset for another package of the fixed group", async () => {
    const root = released(narrowed);
    changeset(root, "core-only.md", '---\n"@sso/keycard": minor\n---\n\nOther work.\n');
    expect((await runGate(root)).ok).toBe(false);
  });

  it("passes with a hand-written changeset of at least the computed bump", async () => {
    const root = released(narrowed);
    changeset(
      root,
      "limit-page-size.md",
      '---\n"@sso/logto": minor\n"@sso/keycard": patch\n---\n\n`ssoConnectors.list()` limits `page_size` to 100.\n',
    );
    const result = await runGate(root);
    expect(result.ok).toBe(true);
    expect(result.lines).toContain(
      "ok   @sso/logto: spec changes need minor; .changeset/limit-page-size.md gives minor",
    );
  });

  it("fails when a changeset with enough bump is about something else, naming the change it misses", async () => {
    const root = released(narrowed);
    changeset(root, "other-work.md", '---\n"@sso/logto": minor\n---\n\nRetries honour `retry-after-ms`.\n');
    const result = await runGate(root);
    expect(result.ok).toBe(false);
    const text = result.lines.join("\n");
    expect(text).toContain(
      "FAIL @sso/logto: 1 spec change(s) are not described by a changeset (.changeset/other-work.md does not mention it).",
    );
    expect(text).toContain(
      "- [breaking] `ssoConnectors.list()`: `page_size` query parameter now rejects values above 100 (was 200)",
    );
    expect(text).not.toContain("pending changesets give only");
  });

  it("needs every name of the change in one changeset: the method alone is not enough", async () => {
    const root = released(narrowed);
    changeset(root, "vague.md", '---\n"@sso/logto": minor\n---\n\nChanged `ssoConnectors.list()`.\n');
    expect((await runGate(root)).ok).toBe(false);
    changeset(
      root,
      "vague.md",
      '---\n"@sso/logto": minor\n---\n\nssoConnectors.list() takes page_size up to 100.\n',
    );
    expect((await runGate(root)).ok).toBe(true);
  });

  it("does not count a description in a changeset that does not name the package", async () => {
    const root = released(narrowed);
    changeset(root, "bump.md", '---\n"@sso/logto": minor\n---\n\nOther work.\n');
    changeset(root, "words.md", '---\n"@sso/keycard": patch\n---\n\n`ssoConnectors.list()` `page_size`.\n');
    expect((await runGate(root)).ok).toBe(false);
  });

  it("passes once `spec:changeset` has written the changeset", async () => {
    const root = released(narrowed);
    writeChangesets(root, await Promise.all(specPackages(root).map((pkg) => diffPackage(root, pkg))));
    expect((await runGate(root)).ok).toBe(true);
  });

  it("asks for at least a patch for a package that has no baseline yet", async () => {
    const root = workspace({ logto: { spec: BASE } });
    const result = await runGate(root);
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toContain(
      "FAIL @sso/logto: specs/logto.openapi.yaml differs from its release baseline (none yet)",
    );
    expect(result.lines.join("\n")).toContain("computed bump: patch");
  });

  it("reports a changeset that cannot be parsed", async () => {
    const root = released(narrowed);
    changeset(root, "broken.md", "no frontmatter here\n");
    await expect(runGate(root)).rejects.toThrow(/\.changeset\/broken\.md is not a valid changeset/);
  });
});

describe("the CLI, as CI and contributors run it", () => {
  const cli = (root: string, command: string) =>
    spawnSync(
      process.execPath,
      [join(import.meta.dirname, "..", "bin", "sso-release.js"), command, "--root", root],
      {
        encoding: "utf8",
      },
    );

  it("gate exits 1 on a spec change, spec:changeset fixes it, gate exits 0", async () => {
    const root = released(narrowed);
    const failed = cli(root, "gate");
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("FAIL @sso/logto");
    expect(failed.stderr).toContain("pnpm spec:changeset");

    const written = cli(root, "changeset");
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(/wrote {3}\.changeset\/spec-logto-[0-9a-f]{8}\.md/);

    const passed = cli(root, "gate");
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain("ok   @sso/logto: spec changes need minor");
  });
});
