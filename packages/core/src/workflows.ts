/**
 * The skeletons of the hand-written workflows in each package's src/lib/workflows.ts: create-or-update by a
 * natural key (`ensure`) and polling until a state settles (`waitForVerification`). The providers supply the
 * steps; the rules (no write when nothing differs, what to do after a write whose outcome is unknown, backoff,
 * deadlines, aborts) are written once, here.
 */
import { APIConnectionError, APIError, APIUserAbortError } from "./errors.js";
import type { RequestOptions } from "./types.js";

/** What `ensure` is made of, for one resource. */
export interface EnsureSteps<T> {
  /** The existing resource with the natural key, if there is one. */
  find(): Promise<T | undefined>;
  create(): Promise<T>;
  /** The fields to change on an existing resource so it matches what was asked; empty when nothing differs. */
  changes(existing: T): Record<string, unknown>;
  update(existing: T, changes: Record<string, unknown>): Promise<T>;
}

/**
 * Finds the resource by its natural key; creates it when absent, else updates only what differs (no request at
 * all when nothing does). A create that may have reached the server although it failed (a dropped connection, a
 * timeout, a 5xx, or a 409 because a previous attempt did get through) is checked by looking again, so calling
 * `ensure` again after any failure is safe.
 */
export async function ensureResource<T>(steps: EnsureSteps<T>): Promise<{ value: T; created: boolean }> {
  const existing = await steps.find();
  if (existing !== undefined) return { value: await updated(steps, existing), created: false };
  let made: T;
  try {
    made = await steps.create();
  } catch (error) {
    if (!mayHaveHappened(error)) throw error;
    const found = await steps.find();
    if (found === undefined) throw error;
    // It is there now: made by the attempt that failed, or by someone else in the meantime.
    return { value: await updated(steps, found), created: error instanceof APIConnectionError };
  }
  const rest = steps.changes(made);
  return { value: Object.keys(rest).length > 0 ? await steps.update(made, rest) : made, created: true };
}

async function updated<T>(steps: EnsureSteps<T>, existing: T): Promise<T> {
  const changes = steps.changes(existing);
  return Object.keys(changes).length > 0 ? steps.update(existing, changes) : existing;
}

/** True when a failed write may still have been carried out by the server. */
export function mayHaveHappened(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  return (
    error instanceof APIError && error.status !== undefined && (error.status === 409 || error.status >= 500)
  );
}

/**
 * The fields of `wanted` that are given and differ from `current` (compared as JSON, so arrays and objects by
 * value; `normalize` may canonicalise a field first, say to compare domains case-insensitively).
 */
export function differing<W extends object>(
  wanted: W,
  current: object,
  fields: readonly (keyof W & string)[],
  normalize: (field: string, value: unknown) => unknown = (_, value) => value,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = wanted[field];
    const now = (current as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (canonical(normalize(field, value)) !== canonical(normalize(field, now))) out[field] = value;
  }
  return out;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** How long and how often to poll. */
export interface PollOptions {
  /** Give up after this many milliseconds; default 5 minutes. */
  timeout?: number;
  /** First wait between reads in milliseconds, growing by half each time up to 30 s; default 2 s. */
  interval?: number;
  signal?: AbortSignal;
}

/** What a read of the polled resource says. */
export type PollState = "done" | "failed" | "pending";

/**
 * Reads until `state` says done (resolves with the last value) or failed (rejects with `failure(value)`), waiting
 * longer between reads each time; past the deadline rejects with `failure(value, true)`; the caller's signal
 * aborts the wait and the read in flight.
 */
export async function pollUntil<T>(
  read: (options: RequestOptions) => Promise<T>,
  state: (value: T) => PollState,
  failure: (value: T, timedOut: boolean) => Error,
  options: PollOptions = {},
): Promise<T> {
  const { timeout = 300_000, interval = 2_000, signal } = options;
  const deadline = Date.now() + timeout;
  for (let wait = interval; ; wait = Math.min(wait * 1.5, 30_000)) {
    const value = await read(signal ? { signal } : {});
    const now = state(value);
    if (now === "done") return value;
    if (now === "failed") throw failure(value, false);
    const left = deadline - Date.now();
    if (left <= 0) throw failure(value, true);
    await pause(Math.min(wait, left), signal);
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError("polling: aborted by the caller"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal?.aborted) aborted();
    else signal?.addEventListener("abort", aborted, { once: true });
  });
}
