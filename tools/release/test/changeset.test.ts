import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import parseChangeset from "@changesets/parse";
import { describe, expect, it } from "vitest";
import { writeBaselines } from "../src/baseline.ts";
import {
  changesetSlug,
  diffPackage,
  readPendingChangesets,
  renderChangeset,
  writeChangesets,
} from "../src/changeset.ts";
import { specPackages } from "../src/workspace.ts";
import { BASE, variant, workspace } from "./helpers.ts";

/** A workspace whose logto spec was released as BASE and has since been edited. */
function released(after: string, version = "0.1.0") {
  const root = workspace({ logto: { spec: BASE, version } });
  writeBaselines(root, specPackages(root));
  writeFileSync(join(root, "specs/logto.openapi.yaml"), after);
  return root;
}

const breaking = variant(
  ["maximum: 200", "maximum: 100"],
  [
    "providerLogo: { type: string, description: Logo URL. }",
    "providerLogo: { type: string, description: Logo URL. }\n        providerLogoDark: { type: string }",
  ],
);

describe("baseline", () => {
  it("records the spec, the package and its version, so the released spec diffs as unchanged", async () => {
    const root = workspace({ logto: { spec: BASE, version: "0.4.2" } });
    expect(writeBaselines(root, specPackages(root))).toEqual(["packages/logto/spec.released.json"]);
    const json = JSON.parse(readFileSync(join(root, "packages/logto/spec.released.json"), "utf8"));
    expect(json).toMatchObject({ package: "@sso/logto", version: "0.4.2", spec: "specs/logto.openapi.yaml" });
    const [pkg] = specPackages(root);
    expect((await diffPackage(root, pkg!)).changes).toEqual([]);
    expect(writeBaselines(root, specPackages(root))).toEqual([]);
  });
});

describe("changeset writing", () => {
  it("names the file spec-<id>-<hash>, puts the computed bump in the frontmatter and the changes in the body", async () => {
    const root = released(breaking);
    const [pkg] = specPackages(root);
    const diff = await diffPackage(root, pkg!);
    const result = writeChangesets(root, [diff]);
    expect(result.written).toEqual([`.changeset/${changesetSlug(diff)}.md`]);
    expect(changesetSlug(diff)).toMatch(/^spec-logto-[0-9a-f]{8}$/);

    const text = readFileSync(join(root, result.written[0]!), "utf8");
    expect(text).toBe(
      [
        "---",
        '"@sso/logto": minor',
        "---",
        "",
        "API changes from `specs/logto.openapi.yaml` since 0.1.0: 1 breaking, 1 compatible.",
        "",
        "Breaking:",
        "",
        "- `ssoConnectors.list()`: `page_size` query parameter now rejects values above 100 (was 200)",
        "",
        "Compatible additions and changes:",
        "",
        "- response field `SsoConnectorProvider.providerLogoDark` added",
        "",
      ].join("\n"),
    );
    const parsed = parseChangeset(text);
    expect(parsed.releases).toEqual([{ name: "@sso/logto", type: "minor" }]);
    expect(readPendingChangesets(root)).toEqual([
      { file: result.written[0], summary: parsed.summary, releases: [{ name: "@sso/logto", type: "minor" }] },
    ]);
  });

  it("uses semver bumps from 1.0.0 on", async () => {
    const root = released(breaking, "1.3.0");
    const [pkg] = specPackages(root);
    expect(renderChangeset(await diffPackage(root, pkg!))).toContain('"@sso/logto": major');
  });

  it("asks for a patch when only descriptions changed", async () => {
    const root = released(variant(["description: Lists connectors.", "description: Lists all connectors."]));
    const [pkg] = specPackages(root);
    const text = renderChangeset(await diffPackage(root, pkg!));
    expect(text).toContain('"@sso/logto": patch');
    expect(text).toContain("- description of `ssoConnectors.list()` updated");
  });

  it("keeps its own file on a rerun, replaces it when the spec moves on, and removes it when the change is undone", async () => {
    const root = released(breaking);
    const [pkg] = specPackages(root);
    const first = writeChangesets(root, [await diffPackage(root, pkg!)]).written[0]!;
    writeFileSync(
      join(root, first),
      readFileSync(join(root, first), "utf8").replace("API changes", "Edited by hand"),
    );
    expect(writeChangesets(root, [await diffPackage(root, pkg!)])).toEqual({
      written: [],
      kept: [first],
      removed: [],
    });
    expect(readFileSync(join(root, first), "utf8")).toContain("Edited by hand");

    writeFileSync(join(root, "specs/logto.openapi.yaml"), variant(["maximum: 200", "maximum: 150"]));
    const second = writeChangesets(root, [await diffPackage(root, pkg!)]);
    expect(second.removed).toEqual([first]);
    expect(second.written).toHaveLength(1);

    writeFileSync(join(root, "specs/logto.openapi.yaml"), BASE);
    expect(writeChangesets(root, [await diffPackage(root, pkg!)]).removed).toEqual(second.written);
    expect(readdirSync(join(root, ".changeset")).filter((f) => f.startsWith("spec-"))).toEqual([]);
  });

  it("leaves changesets written by people alone", async () => {
    const root = released(breaking);
    writeFileSync(
      join(root, ".changeset/brave-owls-sing.md"),
      '---\n"@sso/logto": patch\n---\n\nFix a typo.\n',
    );
    const [pkg] = specPackages(root);
    writeChangesets(root, [await diffPackage(root, pkg!)]);
    expect(existsSync(join(root, ".changeset/brave-owls-sing.md"))).toBe(true);
  });
});
