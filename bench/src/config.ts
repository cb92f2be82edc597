import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** bench/ */
export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** the monorepo root */
export const rootDir = resolve(benchDir, "..");
/** where the pinned anchor packages are installed on demand (gitignored) */
export const anchorsDir = join(benchDir, ".anchors");
/** the committed manifest + lockfile of the anchors */
export const anchorsManifestDir = join(benchDir, "anchors");
/** scratch space: bundle entries, tsc consumers, generator sandboxes (gitignored) */
export const workDir = join(benchDir, ".work");
export const resultsDir = join(benchDir, "results");
export const fixturesDir = join(benchDir, "fixtures");

export const providers = ["cloudflare", "logto", "keycard"] as const;
export type Provider = (typeof providers)[number];

/** Sizes of one run. `--quick` is a smoke run: same rows, fewer iterations. */
export interface Mode {
  quick: boolean;
  overhead: { rounds: number; calls: number; warmup: number };
  loopback: { rounds: number; requests: number; concurrency: number };
  typecheck: { rounds: number };
  generate: { rounds: number };
  mcp: { rounds: number };
}

export function modeFor(quick: boolean): Mode {
  return quick
    ? {
        quick,
        overhead: { rounds: 3, calls: 2_000, warmup: 500 },
        loopback: { rounds: 2, requests: 200, concurrency: 8 },
        typecheck: { rounds: 1 },
        generate: { rounds: 1 },
        mcp: { rounds: 2 },
      }
    : {
        quick,
        overhead: { rounds: 15, calls: 10_000, warmup: 5_000 },
        loopback: { rounds: 10, requests: 2_000, concurrency: 8 },
        typecheck: { rounds: 5 },
        generate: { rounds: 5 },
        mcp: { rounds: 10 },
      };
}
