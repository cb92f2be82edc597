import { describe, expect, it } from "vitest";
import { duplicatePostProblem } from "../src/matrix/expectations.js";
import type { MatrixRow } from "../src/matrix/rows.js";
import {
  duplicateCell,
  failures,
  markdownTable,
  providerCell,
  type RowOutcome,
  rowPassed,
} from "../src/matrix/table.js";
import type { ScenarioResult } from "../src/scenario/types.js";

const row = (id: string): MatrixRow => ({
  id,
  clients: id,
  fakes: "Node 20",
  run: () => Promise.reject(new Error("not run in this test")),
});
const passing = (provider: ScenarioResult["provider"], received = 1): ScenarioResult => ({
  provider,
  ok: true,
  steps: [
    { step: "create", ok: true, detail: "id" },
    { step: "duplicate POST", ok: true, detail: "" },
  ],
  duplicatePost: { received, outcome: received === 1 ? "APIConnectionError" : "ConflictError" },
});
const outcome = (id: string, results: ScenarioResult[]): RowOutcome => ({
  row: row(id),
  fakesRuntime: "Node 20.20.2",
  report: { runtime: id, version: "1.0.0", results },
  seconds: 1,
});

describe("the runtimes table", () => {
  it("passes a row whose scenarios pass and whose creates each reached the fake once", () => {
    const o = outcome("node20", [passing("cloudflare"), passing("logto"), passing("keycard")]);
    expect(rowPassed(o)).toBe(true);
    expect(providerCell(o, "logto")).toBe("pass (2/2)");
    expect(duplicateCell(o)).toBe("1 / 1 / 1");
    expect(markdownTable([o]).split("\n")[2]).toBe(
      "| node20 | 1.0.0 | Node 20.20.2 | pass (2/2) | pass (2/2) | pass (2/2) | 1 / 1 / 1 |",
    );
  });

  it("fails a row where a platform resent a create the SDK sent once", () => {
    const o = outcome("bun", [passing("cloudflare", 2), passing("logto"), passing("keycard")]);
    expect(rowPassed(o)).toBe(false);
    expect(failures([o])).toEqual([
      "bun cloudflare: the fake received a create the SDK sent once 2x (ConflictError), expected 1x",
    ]);
  });

  it("names the first failed step and fails the row", () => {
    const broken: ScenarioResult = {
      provider: "keycard",
      ok: false,
      steps: [
        { step: "token flow + enable", ok: true, detail: "" },
        { step: "retry", ok: false, detail: "InternalServerError: 503" },
      ],
    };
    const o = outcome("node22", [passing("cloudflare"), passing("logto"), broken]);
    expect(providerCell(o, "keycard")).toBe("FAIL at retry");
    expect(failures([o])).toEqual(["node22 keycard retry: InternalServerError: 503"]);
  });

  it("fails a row that produced no report, or a report missing a provider", () => {
    const crashed: RowOutcome = { row: row("deno"), fakesRuntime: "", error: "deno not found", seconds: 0 };
    expect(failures([crashed])).toEqual(["deno: deno not found"]);
    expect(providerCell(crashed, "cloudflare")).toBe("FAIL (no report)");
    expect(failures([outcome("node20", [passing("cloudflare"), passing("logto")])])).toEqual([
      "node20 keycard: no result",
    ]);
  });
});

describe("known platform resends", () => {
  it("expect two creates on a row known to resend, and say what to change when it stops", () => {
    expect(
      duplicatePostProblem("chromium", "logto", { received: 2, outcome: "ConflictError" }),
    ).toBeUndefined();
    expect(
      duplicatePostProblem("chromium", "logto", { received: 1, outcome: "APIConnectionError" }),
    ).toContain('take "chromium" out of PLATFORM_RESENDS_POST');
    expect(duplicatePostProblem("node20", "logto", undefined)).toBe("logto: no duplicate-POST observation");
  });
});
