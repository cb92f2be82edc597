import type { Log } from "../logger.js";

/** What an AuthProvider gets per attempt: the client's fetch and the bounds of the call that waits. */
export interface AuthContext {
  fetch: typeof fetch;
  /** Aborts when the waiting attempt times out or its caller aborts. */
  signal?: AbortSignal | undefined;
  /** The waiting call's per-attempt timeout, used for a token request it starts. */
  timeout?: number;
  maxRetries?: number;
  maxResponseBytes?: number;
  log?: Log;
}

export interface AuthProvider {
  /** Headers that authorize one request (may fetch or reuse a token). */
  headers(ctx: AuthContext): Promise<Record<string, string>>;
  /** Drops a cached credential after a 401 (`refused`: the headers that were refused); true when a retry with fresh credentials makes sense. */
  invalidate?(refused?: Record<string, string>): boolean;
  /** Values that must never appear in a log line or error message. */
  secrets?(): readonly string[];
}
