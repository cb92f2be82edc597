import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { SPEC_NAMES, specPath } from "./support.js";

// Biome formats the YAML; this pins what the formatter does not check: strict YAML 1.2, unique keys, 2-space indentation.
describe.each(SPEC_NAMES)("%s YAML", (name) => {
  const source = readFile(specPath(name), "utf8");

  it("parses as strict YAML 1.2 with unique keys, no errors and no warnings", async () => {
    const document = parseDocument(await source, { strict: true, uniqueKeys: true, prettyErrors: true });
    expect(document.errors.map(String)).toEqual([]);
    expect(document.warnings.map(String)).toEqual([]);
  });

  it("is indented with spaces in steps of two, without trailing whitespace", async () => {
    const bad = (await source)
      .split("\n")
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(
        ({ line }) => /\t/.test(line) || /\s+$/.test(line) || (line.match(/^ */)?.[0].length ?? 0) % 2 !== 0,
      )
      .map(({ number, line }) => `${number}: ${JSON.stringify(line)}`);
    expect(bad).toEqual([]);
  });

  it("ends with exactly one newline", async () => {
    expect(await source).toMatch(/[^\n]\n$/);
  });
});
