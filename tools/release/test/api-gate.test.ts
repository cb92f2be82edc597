import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeApiBaselines } from "../src/api/baseline.ts";
import { apiReports } from "../src/api/extract.ts";
import { writeBaselines } from "../src/baseline.ts";
import { runGate } from "../src/gate.ts";
import { specPackages } from "../src/workspace.ts";
import { BASE, workspace } from "./helpers.ts";

const write = (root: string, path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

const REPORT = (body: string) => `## API Report File for "@sso/logto"\n\n\`\`\`ts\n\n${body}\n\n\`\`\`\n`;
const RELEASED = REPORT(
  "// @public\nexport interface LogtoOptions {\n    clientId?: string;\n    endpoint?: string;\n}\n\n// @public\nexport class Logto {\n    constructor(options?: LogtoOptions);\n}",
);

/** A released @sso/logto with a spec, exports and API reports; `report` is the current API report. */
function released(report: string, spec = BASE) {
  const root = workspace({ logto: { spec: BASE } });
  write(
    root,
    "packages/logto/package.json",
    JSON.stringify({
      name: "@sso/logto",
      version: "0.1.0",
      exports: { ".": { import: { types: "./dist/index.d.ts", default: "./dist/index.js" } } },
    }),
  );
  writeBaselines(root, specPackages(root));
  write(root, "packages/logto/etc/logto.api.md", RELEASED);
  writeApiBaselines(root);
  write(root, "packages/logto/etc/logto.api.md", report);
  write(root, "specs/logto.openapi.yaml", spec);
  return root;
}

const removedOption = REPORT(
  "// @public\nexport interface LogtoOptions {\n    clientId?: string;\n}\n\n// @public\nexport class Logto {\n    constructor(options?: LogtoOptions);\n}",
);
const changeset = (root: string, file: string, text: string) => write(root, `.changeset/${file}`, text);

describe("the gate compares the public API with the released one", () => {
  it("passes when the report matches the released report", async () => {
    const result = await runGate(released(RELEASED));
    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      "ok   @sso/logto: specs/logto.openapi.yaml matches the spec released in 0.1.0; public API matches its released report",
    ]);
  });

  it("refuses a removed option without a changeset of at least minor, listing what was removed", async () => {
    const root = released(removedOption);
    changeset(root, "tidy.md", '---\n"@sso/logto": patch\n---\n\nTidy options.\n');
    const result = await runGate(root);
    expect(result.ok).toBe(false);
    const text = result.lines.join("\n");
    expect(text).toContain(
      "FAIL @sso/logto: the public API differs from the one released in 0.1.0 (etc/released/*.api.md): breaking changes need a minor bump",
    );
    expect(text).toContain("pending changesets give only patch (.changeset/tidy.md)");
    expect(text).toContain("- [breaking] @sso/logto: `LogtoOptions.endpoint` removed");
  });

  it("passes the removal with a minor changeset", async () => {
    const root = released(removedOption);
    changeset(root, "drop-endpoint.md", '---\n"@sso/logto": minor\n---\n\n`endpoint` is gone.\n');
    const result = await runGate(root);
    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      "ok   @sso/logto: API changes need minor; .changeset/drop-endpoint.md gives minor",
    ]);
  });

  it("asks for a patch for an addition", async () => {
    const added = RELEASED.replace(
      "    endpoint?: string;\n",
      "    endpoint?: string;\n    tenantId?: string;\n",
    );
    const root = released(added);
    expect((await runGate(root)).lines.join("\n")).toContain("additions need a patch bump");
    changeset(root, "tenant.md", '---\n"@sso/logto": patch\n---\n\nNew `tenantId` option.\n');
    expect((await runGate(root)).ok).toBe(true);
  });

  it("takes the larger of the spec's bump and the API's: a patch for the spec is not enough for a removal", async () => {
    const root = released(
      removedOption,
      BASE.replace("description: Lists connectors.", "description: Lists them."),
    );
    changeset(
      root,
      "docs.md",
      '---\n"@sso/logto": patch\n---\n\nReworded the description of `ssoConnectors.list()`.\n',
    );
    const result = await runGate(root);
    expect(result.ok).toBe(false);
    expect(result.lines.join("\n")).toContain("FAIL @sso/logto: the public API differs");
    expect(result.lines.join("\n")).not.toContain("FAIL @sso/logto: specs/logto.openapi.yaml differs");
  });

  it("says how to make a report that is missing", async () => {
    const root = released(RELEASED);
    write(
      root,
      "packages/logto/package.json",
      JSON.stringify({
        name: "@sso/logto",
        version: "0.1.0",
        exports: { "./testing": { import: { types: "./dist/testing/index.d.ts" } } },
      }),
    );
    await expect(runGate(root)).rejects.toThrow(
      /packages\/logto\/etc\/logto-testing\.api\.md is missing: run `pnpm build && pnpm api:report`/,
    );
  });
});

describe("api:report and api:check, with API Extractor on a built .d.ts", () => {
  // Three API Extractor runs (each loads its own TypeScript): the timeout only guards against a hang.
  it("writes the report, passes the check, and fails it once the declarations change", {
    timeout: 300_000,
  }, () => {
    const root = workspace({});
    const dts =
      "/** A client. */\nexport declare class Client {\n    /** Its id. */\n    readonly id: string;\n}\n";
    write(
      root,
      "packages/mini/package.json",
      JSON.stringify({
        name: "@sso/mini",
        version: "0.1.0",
        exports: { ".": { import: { types: "./dist/index.d.ts" } } },
      }),
    );
    write(root, "packages/mini/dist/index.d.ts", dts);
    const written = apiReports(root, { check: false });
    expect(written.ok).toBe(true);
    expect(written.lines[0]).toBe("wrote packages/mini/etc/mini.api.md");
    expect(readFileSync(join(root, "packages/mini/etc/mini.api.md"), "utf8")).toContain(
      "readonly id: string;",
    );
    expect(apiReports(root, { check: true }).ok).toBe(true);

    write(root, "packages/mini/dist/index.d.ts", dts.replace("readonly id: string;", "readonly id: number;"));
    const stale = apiReports(root, { check: true });
    expect(stale.ok).toBe(false);
    expect(stale.lines[0]).toBe(
      "FAIL packages/mini/etc/mini.api.md is stale: the built .d.ts of @sso/mini differs",
    );
    expect(readFileSync(join(root, "packages/mini/etc/mini.api.md"), "utf8")).toContain(
      "readonly id: string;",
    );
  });
});
