/**
 * The formatting pass at scale: Biome skips files over 1 MiB unless told otherwise, and a large spec's schema.ts
 * is bigger than that (800 operations: about 1 MB before formatting).
 */
import { expect, it } from "vitest";
import { createFormatter } from "../src/emit/format.js";
import { REPO } from "./support/compile.js";

it("formats a module larger than Biome's default 1 MiB file limit", async () => {
  const formatter = await createFormatter(REPO);
  const lines = Array.from({ length: 45_000 }, (_, i) => `export const value${i}   =   ${i}`);
  const code = lines.join("\n");
  expect(code.length).toBeGreaterThan(1024 * 1024);
  const formatted = formatter.format(code, "schema.ts");
  expect(formatted.split("\n", 2)).toEqual(["export const value0 = 0;", "export const value1 = 1;"]);
});
