import { describe, expect, it } from "vitest";
import { coldMissProblems, type RunSummary, remoteHitProblems } from "../src/summary.ts";

const task = (taskId: string, status: string, source?: string, cache = true) => ({
  taskId,
  cache: source ? { status, source } : { status },
  resolvedTaskDefinition: { cache },
});

describe("reading turbo run summaries", () => {
  it("accepts a second clone where every cacheable task was a remote hit", () => {
    const summary: RunSummary = {
      tasks: [task("@sso/core#build", "HIT", "REMOTE"), task("@sso/bench#bench", "MISS", undefined, false)],
    };
    expect(remoteHitProblems(summary)).toEqual([]);
  });

  it("names a task that missed or hit only the local cache", () => {
    const summary: RunSummary = {
      tasks: [task("@sso/core#build", "MISS"), task("@sso/logto#generate", "HIT", "LOCAL")],
    };
    expect(remoteHitProblems(summary)).toEqual([
      "@sso/core#build: MISS, expected a remote HIT",
      "@sso/logto#generate: HIT (LOCAL), expected a remote HIT",
    ]);
  });

  it("requires the first clone to be a cold build, and a run to have cacheable tasks at all", () => {
    expect(coldMissProblems({ tasks: [task("a#build", "MISS")] })).toEqual([]);
    expect(coldMissProblems({ tasks: [task("a#build", "HIT", "REMOTE")] })).toEqual([
      "a#build: HIT, expected a MISS in a clean clone with an empty cache",
    ]);
    expect(remoteHitProblems({ tasks: [] })).toEqual(["the run has no cacheable task"]);
  });
});
