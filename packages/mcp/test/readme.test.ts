/** The README's tool table is what `sso-mcp --list-tools --markdown` prints: regenerate it when a spec changes. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BIN } from "./support/server.js";

it("shows the current tool table", () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
  const table = /<!-- tools:start[^>]*-->\n([\s\S]*?)\n<!-- tools:end -->/.exec(readme)?.[1];
  const printed = spawnSync(process.execPath, [BIN, "--list-tools", "--markdown"], {
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
  }).stdout.trimEnd();
  expect(table, "README.md: replace the table with `node dist/bin.js --list-tools --markdown`").toBe(printed);
});
