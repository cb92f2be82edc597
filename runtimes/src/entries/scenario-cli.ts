/**
 * Runs every provider's scenario in whatever runtime starts this file (Node, Deno, Bun) against the fakes
 * whose endpoints are the first argument (JSON), and prints `RESULT <json>` on one line.
 */
import { runScenarios } from "../scenario/all.js";
import type { FakeEndpoints, RuntimeReport } from "../scenario/types.js";
import { runtimeInfo } from "./runtime-info.js";

const endpoints = JSON.parse(process.argv[2] ?? "null") as FakeEndpoints | null;
if (!endpoints) {
  console.error("usage: scenario-cli '<endpoints json>'");
  process.exit(2);
}
const report: RuntimeReport = { ...runtimeInfo(), results: await runScenarios(endpoints) };
console.log(`RESULT ${JSON.stringify(report)}`);
