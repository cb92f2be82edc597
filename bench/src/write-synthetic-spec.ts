/**
 * `pnpm --filter @sso/bench synthetic-spec <out.yaml> [--operations N]`: writes the generator's scale-benchmark
 * spec (src/synthetic-spec.ts) to a file, or to stdout without one.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { countOperations, syntheticSpec } from "./synthetic-spec.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  allowPositionals: true,
  options: {
    operations: { type: "string", default: "800" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help || positionals.length > 1) {
  console.log(`Usage: pnpm --filter @sso/bench synthetic-spec [<out.yaml>] [--operations N]

  Writes the synthetic OpenAPI 3.1 spec of the generator's scale benchmark (default 800 operations), as JSON
  (valid YAML), to <out.yaml> or to stdout. A relative path is taken from where pnpm was started.`);
  process.exit(values.help ? 0 : 2);
}

const text = syntheticSpec(Number(values.operations));
const [out] = positionals;
if (out === undefined || out === "-") {
  process.stdout.write(text);
} else {
  /** pnpm runs the script in bench/; INIT_CWD is where the user typed the command. */
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), out);
  writeFileSync(file, text);
  console.error(`wrote ${file}: ${countOperations(text)} operations, ${(text.length / 1e6).toFixed(2)} MB`);
}
