/** The page's script: exposes `runScenarios(endpoints)`, which the matrix calls through Playwright. */
import { runScenarios } from "../scenario/all.js";
import type { FakeEndpoints, RuntimeReport } from "../scenario/types.js";
import { runtimeInfo } from "./runtime-info.js";

(globalThis as { runScenarios?: (endpoints: FakeEndpoints) => Promise<RuntimeReport> }).runScenarios = async (
  endpoints,
) => ({ ...runtimeInfo(), results: await runScenarios(endpoints) });
