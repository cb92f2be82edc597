import type { Provider, ScenarioResult, StepResult } from "./types.js";

/** Throws with `what` unless `condition` holds: the scenario's only assertion. */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

/** The error's class name and message, for a step's detail. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs a scenario's steps in order and records each one; after the first failure the remaining steps are
 * recorded as not run, since each builds on the state the previous ones left.
 */
export class Steps {
  readonly steps: StepResult[] = [];
  #failed = false;

  async run(step: string, work: () => Promise<string>): Promise<void> {
    if (this.#failed) {
      this.steps.push({ step, ok: false, detail: "not run: an earlier step failed" });
      return;
    }
    try {
      this.steps.push({ step, ok: true, detail: await work() });
    } catch (error) {
      this.#failed = true;
      this.steps.push({ step, ok: false, detail: describeError(error) });
    }
  }

  result(provider: Provider, extra: Pick<ScenarioResult, "duplicatePost"> = {}): ScenarioResult {
    return { provider, ok: this.steps.every((s) => s.ok), steps: this.steps, ...extra };
  }
}
