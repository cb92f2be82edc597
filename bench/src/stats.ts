/** Median of a non-empty list (mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * Runs every task once per round, rotating the start position each round so that no task always runs
 * first (or right after the same neighbour). Pairs measured this way see the same machine noise, which is
 * why ratios are taken per round and then the median of the ratios.
 */
export async function alternate<K extends string, R>(
  rounds: number,
  tasks: ReadonlyArray<readonly [K, () => Promise<R>]>,
  onError?: (key: K, error: unknown) => void,
): Promise<Map<K, R[]>> {
  const results = new Map<K, R[]>(tasks.map(([key]) => [key, []]));
  const failed = new Set<K>();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < tasks.length; i++) {
      const [key, run] = tasks[(i + round) % tasks.length]!;
      if (failed.has(key)) continue;
      if (!onError) {
        results.get(key)!.push(await run());
        continue;
      }
      try {
        results.get(key)!.push(await run());
      } catch (error) {
        failed.add(key);
        results.delete(key);
        onError(key, error);
      }
    }
  }
  return results;
}

export interface Spread {
  median: number;
  /** 25th and 75th percentile of the per-round ratios */
  q1: number;
  q3: number;
}

/** Median and interquartile range over rounds of a[i] / b[i]. */
export function ratioSpread(a: readonly number[], b: readonly number[]): Spread {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(a[i]! / b[i]!);
  return { median: median(ratios), q1: percentile(ratios, 25), q3: percentile(ratios, 75) };
}
