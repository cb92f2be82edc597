/**
 * The formatting pass: at scale (Biome skips files over 1 MiB unless told otherwise, and a large spec's schema.ts
 * is bigger than that: 800 operations, about 1 MB before formatting), and the examples formatted in one batch.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createFormatter, type Formatter } from "../src/emit/format.js";
import { REPO } from "./support/compile.js";

let formatter: Formatter;
beforeAll(async () => {
  formatter = await createFormatter(REPO);
});

it("formats a module larger than Biome's default 1 MiB file limit", () => {
  const lines = Array.from({ length: 45_000 }, (_, i) => `export const value${i}   =   ${i}`);
  const code = lines.join("\n");
  expect(code.length).toBeGreaterThan(1024 * 1024);
  const formatted = formatter.format(code, "schema.ts");
  expect(formatted.split("\n", 2)).toEqual(["export const value0 = 0;", "export const value1 = 1;"]);
});

describe("examples formatted in one batch", () => {
  const cases: Array<[string, string, string]> = [
    [
      "a statement without its semicolon",
      "await client.things.delete('t1')",
      'await client.things.delete("t1");',
    ],
    [
      "a loop",
      "for await (const thing of client.things.list()) {\nconsole.log(thing)}",
      "for await (const thing of client.things.list()) {\n  console.log(thing);\n}",
    ],
    [
      "a call too long for the example width",
      'const thing = await client.things.create({ name: "a name long enough", description: "to wrap the call" });',
      'const thing = await client.things.create({\n  name: "a name long enough",\n  description: "to wrap the call",\n});',
    ],
    ["blank lines inside", "const a = 1;\n\n\nconsole.log(a);", "const a = 1;\n\nconsole.log(a);"],
  ];

  it.each(cases)("%s, alone", (_, code, want) => {
    expect(formatter.snippets([code])).toEqual([want]);
  });

  it("gives each example back as it would be alone, in order", () => {
    const codes = cases.map(([, code]) => code);
    expect(formatter.snippets([...codes, ...codes])).toEqual([...cases, ...cases].map(([, , want]) => want));
  });

  it("an empty batch gives none back", () => {
    expect(formatter.snippets([])).toEqual([]);
  });
});
