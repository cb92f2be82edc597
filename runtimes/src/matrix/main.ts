/**
 * `pnpm --filter @sso/runtimes matrix [row ids...]`: runs each row of the matrix one after the other, prints the
 * runtimes table (Markdown, as in the README) and every failure, and exits 1 when a row failed.
 */
import { describeError } from "../scenario/steps.js";
import { ROWS } from "./rows.js";
import { duplicateDetails, failures, markdownTable, type RowOutcome, rowPassed } from "./table.js";

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !ROWS.some((r) => r.id === id));
if (unknown.length > 0) {
  console.error(`unknown row(s) ${unknown.join(", ")}; rows: ${ROWS.map((r) => r.id).join(", ")}`);
  process.exit(2);
}
const outcomes: RowOutcome[] = [];
for (const row of ROWS.filter((r) => wanted.length === 0 || wanted.includes(r.id))) {
  const started = performance.now();
  process.stdout.write(`runtimes: ${row.id} (clients in ${row.clients}, fakes in ${row.fakes}) ...`);
  let outcome: RowOutcome;
  try {
    const { report, fakesRuntime } = await row.run();
    outcome = { row, report, fakesRuntime, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    outcome = {
      row,
      fakesRuntime: "",
      error: describeError(error),
      seconds: (performance.now() - started) / 1000,
    };
  }
  outcomes.push(outcome);
  process.stdout.write(` ${rowPassed(outcome) ? "pass" : "FAIL"} in ${outcome.seconds.toFixed(1)} s\n`);
}
console.log(`\n${markdownTable(outcomes)}\n`);
console.log(
  "duplicate POST (a create sent once by the SDK, its reused connection closed after the fake acted):",
);
for (const line of duplicateDetails(outcomes)) console.log(`  ${line}`);
const failed = failures(outcomes);
for (const line of failed) console.error(`FAIL ${line}`);
const passedRows = outcomes.filter(rowPassed).length;
console.log(`runtimes: ${passedRows} passed, ${outcomes.length - passedRows} failed`);
process.exit(passedRows === outcomes.length ? 0 : 1);
