import { cloudflareScenario } from "./cloudflare.js";
import { keycardScenario } from "./keycard.js";
import { logtoScenario } from "./logto.js";
import { describeError } from "./steps.js";
import type { FakeEndpoints, ScenarioResult } from "./types.js";

/** Every provider's scenario, one after the other (each against its own fake); never throws. */
export async function runScenarios(endpoints: FakeEndpoints): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const [provider, scenario] of [
    ["cloudflare", cloudflareScenario],
    ["logto", logtoScenario],
    ["keycard", keycardScenario],
  ] as const) {
    try {
      results.push(await scenario(endpoints));
    } catch (error) {
      results.push({
        provider,
        ok: false,
        steps: [{ step: "scenario", ok: false, detail: describeError(error) }],
      });
    }
  }
  return results;
}
