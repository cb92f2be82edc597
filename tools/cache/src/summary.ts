/** The part of `turbo run --summarize` output (`.turbo/runs/<id>.json`) the check reads. */
export interface RunSummary {
  tasks: {
    taskId: string;
    cache: { status: string; source?: string; remote?: boolean; local?: boolean };
    /** Present in turbo 2 summaries; `false` for tasks with `"cache": false`. */
    resolvedTaskDefinition?: { cache?: boolean };
  }[];
}

/**
 * Why a second clean clone's summary does not prove the remote cache: every cacheable task must be a remote
 * hit (a local hit would mean the clone was not clean; a miss that it rebuilt). Returns one line per problem.
 */
export function remoteHitProblems(summary: RunSummary): string[] {
  const cacheable = summary.tasks.filter((t) => t.resolvedTaskDefinition?.cache !== false);
  if (cacheable.length === 0) return ["the run has no cacheable task"];
  return cacheable
    .filter((t) => !(t.cache.status === "HIT" && t.cache.source === "REMOTE"))
    .map(
      (t) =>
        `${t.taskId}: ${t.cache.status}${t.cache.source ? ` (${t.cache.source})` : ""}, expected a remote HIT`,
    );
}

/** Why the first clone's summary is not a cold build that filled the cache: every cacheable task must miss. */
export function coldMissProblems(summary: RunSummary): string[] {
  const cacheable = summary.tasks.filter((t) => t.resolvedTaskDefinition?.cache !== false);
  if (cacheable.length === 0) return ["the run has no cacheable task"];
  return cacheable
    .filter((t) => t.cache.status !== "MISS")
    .map((t) => `${t.taskId}: ${t.cache.status}, expected a MISS in a clean clone with an empty cache`);
}
