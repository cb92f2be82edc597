/**
 * Fault injection shared by every fake. Rules are queued, matched in order against each incoming
 * request, and consumed one request at a time. The queue is bounded.
 */
import type { FakeReply, FakeRequest } from "./http.js";

/** Which requests a rule applies to. Paths are relative to the fake's base URL; omitted fields match all. */
export interface FaultMatch {
  method?: string;
  /** An exact path (`/api/sso-connectors`), or a RegExp tested against the path. */
  path?: string | RegExp;
}

export interface FaultRuleOptions {
  /** How many matching requests the rule applies to (default 1, at most 1000). */
  times?: number;
  match?: FaultMatch;
}

export interface FailOptions extends FaultRuleOptions {
  /** The status to answer with (default 503). */
  status?: number;
  /** `Retry-After` in seconds (number) or as an HTTP date / raw value (string). */
  retryAfter?: number | string;
  /** `retry-after-ms`, the non-standard millisecond header some SDKs honour. */
  retryAfterMs?: number;
  /** The body to send; default: the provider's error body for `status`. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type FaultKind = "status" | "html" | "drop-before" | "drop-after" | "truncate" | "tamper";

/** A planned outcome for one request. `synthetic` outcomes replace the fake's own answer. */
export type FaultOutcome =
  | { kind: "status"; status: number; headers: Record<string, string>; body?: unknown }
  | { kind: "html"; status: number }
  | { kind: "drop-before" }
  | { kind: "drop-after" }
  | { kind: "truncate" }
  | { kind: "tamper"; transform: (reply: FakeReply, request: FakeRequest) => FakeReply };

interface Rule {
  remaining: number;
  match: FaultMatch | undefined;
  outcome?: FaultOutcome;
  delayMs?: number;
}

export const MAX_FAULT_RULES = 64;
const MAX_TIMES = 1000;

/**
 * True when a fault replaced or mangled the fake's own answer (`status`, `html`, `drop-before`, `truncate`), so
 * the response is not the fake's and must not be checked against the spec. `drop-after` and `tamper` responses
 * are the fake's own (a tampered reply is how a test simulates a server that drifted from its spec).
 */
export function isSynthetic(kind: FaultKind): boolean {
  return kind === "status" || kind === "html" || kind === "drop-before" || kind === "truncate";
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  return typeof match.path === "string" ? match.path === path : match.path.test(path);
}

function times(options: FaultRuleOptions | undefined): number {
  const n = options?.times ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TIMES) {
    throw new RangeError(`times must be an integer from 1 to ${MAX_TIMES}, got ${n}`);
  }
  return n;
}

/**
 * The fault controls of a running fake (`fake.faults`). Every method returns `this`, so rules chain:
 * `fake.faults.failNext(2, { status: 503 }).dropNext({ when: "after" })`.
 */
export class Faults {
  #rules: Rule[] = [];
  #latencyMs = 0;

  /** Adds `ms` of latency to every request from now on (0 turns it off). */
  latency(ms: number): this {
    if (!(ms >= 0 && ms <= 60_000)) throw new RangeError("latency must be between 0 and 60000 ms");
    this.#latencyMs = ms;
    return this;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** Delays the next matching request(s) by `ms` before the fake acts (use it to provoke client timeouts). */
  delayNext(ms: number, options?: FaultRuleOptions): this {
    if (!(ms >= 0 && ms <= 60_000)) throw new RangeError("delay must be between 0 and 60000 ms");
    return this.#push({ remaining: times(options), match: options?.match, delayMs: ms });
  }

  /** Answers the next `count` matching requests with `status` (default 503) without acting on them. */
  failNext(count = 1, options: Omit<FailOptions, "times"> = {}): this {
    const headers: Record<string, string> = { ...options.headers };
    if (options.retryAfter !== undefined) headers["retry-after"] = String(options.retryAfter);
    if (options.retryAfterMs !== undefined) headers["retry-after-ms"] = String(options.retryAfterMs);
    const status = options.status ?? 503;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`failNext status must be 4xx or 5xx, got ${status}`);
    }
    const outcome: FaultOutcome =
      options.body === undefined
        ? { kind: "status", status, headers }
        : { kind: "status", status, headers, body: options.body };
    return this.#push({ remaining: times({ times: count }), match: options.match, outcome });
  }

  /**
   * Destroys the connection of the next matching request(s) with no response.
   * `before`: the fake does not act. `after`: the fake acts (state changes), then the socket is destroyed.
   */
  dropNext(options: FaultRuleOptions & { when?: "before" | "after" } = {}): this {
    const kind = options.when === "after" ? "drop-after" : "drop-before";
    return this.#push({ remaining: times(options), match: options.match, outcome: { kind } });
  }

  /** Answers with an HTML error page (default status 502), as a proxy in front of the API would. */
  htmlNext(options: FaultRuleOptions & { status?: number } = {}): this {
    const status = options.status ?? 502;
    return this.#push({ remaining: times(options), match: options.match, outcome: { kind: "html", status } });
  }

  /** The fake acts, then answers with its real status but the JSON body cut in half. */
  truncateNext(options: FaultRuleOptions = {}): this {
    return this.#push({ remaining: times(options), match: options.match, outcome: { kind: "truncate" } });
  }

  /**
   * The fake acts, then `transform` rewrites its reply. Unlike the other faults, a tampered reply is
   * treated as the fake's own answer (contract checks still apply): use it to simulate a server that
   * drifted from its spec.
   */
  tamperNext(
    transform: (reply: FakeReply, request: FakeRequest) => FakeReply,
    options: FaultRuleOptions = {},
  ): this {
    return this.#push({
      remaining: times(options),
      match: options.match,
      outcome: { kind: "tamper", transform },
    });
  }

  /** Removes every queued rule and the added latency. */
  clear(): this {
    this.#rules = [];
    this.#latencyMs = 0;
    return this;
  }

  /** How many rules are still queued. */
  get pending(): number {
    return this.#rules.length;
  }

  /** Consumes the rules that apply to one request: at most one delay and one outcome. */
  take(method: string, path: string): { delayMs: number; outcome?: FaultOutcome } {
    let delayMs = this.#latencyMs;
    let delayTaken = false;
    let outcome: FaultOutcome | undefined;
    for (const rule of this.#rules) {
      if (!matches(rule.match, method, path)) continue;
      if (rule.delayMs !== undefined && !delayTaken) {
        delayMs += rule.delayMs;
        delayTaken = true;
        rule.remaining--;
      } else if (rule.outcome && !outcome) {
        outcome = rule.outcome;
        rule.remaining--;
      }
    }
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    return outcome ? { delayMs, outcome } : { delayMs };
  }

  #push(rule: Rule): this {
    if (this.#rules.length >= MAX_FAULT_RULES) {
      throw new RangeError(`too many queued fault rules (max ${MAX_FAULT_RULES}); call faults.clear()`);
    }
    this.#rules.push(rule);
    return this;
  }
}
