/**
 * Emitter tests: one tiny spec per feature (the table is in emit-cases.ts), and the exact text it must produce.
 * Snippets are matched with `toContain` against one generated file, so each case pins only its feature.
 */
import { describe, expect, it } from "vitest";
import { cases } from "./emit-cases.js";
import { dedent, fixture, generate } from "./support/fixture.js";

describe("emit", () => {
  it.each(Object.entries(cases))("%s", async (_name, { spec, file, want }) => {
    const files = await generate(fixture(spec));
    const text = files.get(file);
    expect(text, `${file} was not generated`).toBeDefined();
    for (const snippet of want) expect(text).toContain(reindent(snippet, text ?? ""));
  });
});

/** Dedents a snippet, then indents it as deep as its first line sits in the generated file. */
function reindent(snippet: string, text: string): string {
  const body = dedent(snippet);
  const first = body.split("\n")[0] ?? "";
  const at = text.indexOf(first.trim());
  const lineStart = text.lastIndexOf("\n", at) + 1;
  const depth = at < 0 ? "" : text.slice(lineStart, at);
  return body
    .split("\n")
    .map((line, i) => (i === 0 ? line.trim() : line ? depth + line : line))
    .join("\n");
}
