import { readFile } from "node:fs/promises";
import { lint, lintConfig, lintFromString, makeDocumentFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import {
  bundleSpec,
  formatProblems,
  loadRedoclyConfig,
  redoclyConfigPath,
  SPEC_NAMES,
  specPath,
} from "./support.js";

describe("redocly.yaml", () => {
  it("is a valid redocly configuration (no unknown or misspelled rules)", async () => {
    const source = await readFile(redoclyConfigPath, "utf8");
    const document = makeDocumentFromString(source, redoclyConfigPath);
    const problems = await lintConfig({ document, config: await loadRedoclyConfig() });
    expect(problems, formatProblems(problems)).toEqual([]);
  });

  it("registers every spec as an api", async () => {
    const config = await loadRedoclyConfig();
    expect(Object.keys(config.apis).sort()).toEqual([...SPEC_NAMES].sort());
  });

  it("keeps the strict example rule on (examples may not carry undeclared properties)", async () => {
    const config = await loadRedoclyConfig();
    expect(config.styleguide.rules.oas3_1["no-invalid-media-type-examples"]).toEqual({
      severity: "error",
      allowAdditionalProperties: false,
    });
  });

  it("really rejects an undeclared property in a response example", async () => {
    // Guards the shared-Ajv pitfall described in redocly.yaml: the option above is not enough on its own.
    const path = specPath("keycard");
    const source = await readFile(path, "utf8");
    const marker = 'updated_at: "2026-05-18T09:30:00Z"\n';
    expect(source).toContain(marker);
    const broken = source.replace(marker, `${marker}                bogus_field: 1\n`);
    const problems = await lintFromString({
      source: broken,
      absoluteRef: path,
      config: await loadRedoclyConfig(),
    });
    expect(problems.map((problem) => problem.ruleId)).toEqual(["no-invalid-media-type-examples"]);
    expect(problems[0]?.message).toContain("bogus_field");
  });
});

describe.each(SPEC_NAMES)("%s spec", (name) => {
  it("lints with no errors and no warnings", async () => {
    const problems = await lint({ ref: specPath(name), config: await loadRedoclyConfig() });
    expect(problems, `\n${formatProblems(problems)}`).toEqual([]);
  });

  it("bundles with no problems", async () => {
    const { doc, problems } = await bundleSpec(name);
    expect(problems, `\n${formatProblems(problems)}`).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("dereferences with no problems", async () => {
    const { problems } = await bundleSpec(name, { dereference: true });
    expect(problems, `\n${formatProblems(problems)}`).toEqual([]);
  });
});
