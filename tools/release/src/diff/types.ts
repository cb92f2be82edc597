/**
 * How much a spec change can hurt code written against the previous release.
 * - `breaking`: code that compiled and worked may stop compiling or start failing at run time.
 * - `widening`: a response may now carry a value the old types did not allow (a new enum value, a new
 *   success status); code keeps working but an exhaustive `switch` stops compiling.
 * - `additive`: something new that old code does not notice (operation, optional field, deprecation).
 * - `patch`: documentation only (descriptions, examples, summaries).
 */
export type Severity = "breaking" | "widening" | "additive" | "patch";

export const SEVERITIES: readonly Severity[] = ["breaking", "widening", "additive", "patch"];

/** Higher is worse. */
function severityRank(severity: Severity): number {
  return 3 - SEVERITIES.indexOf(severity);
}

export function worstSeverity(changes: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const change of changes) {
    if (worst === undefined || severityRank(change.severity) > severityRank(worst)) worst = change.severity;
  }
  return worst;
}

/** One classified difference between two versions of a spec. */
export interface Change {
  severity: Severity;
  /** Stable rule id, for tests and for readers who want to look the rule up in the README. */
  rule: string;
  /** Plain words, markdown code spans for names: "`page_size` query parameter now rejects values above 100". */
  message: string;
  /** The SDK method or HTTP operation the change was found in; absent for document-level changes. */
  where?: string;
  /**
   * Set when the message names its own place (a component schema such as `SSOConnector.enabled`), so the same
   * change reached through several operations is reported once.
   */
  anchored?: boolean;
}

/** Records a change found at the current place. */
export type Add = (severity: Severity, rule: string, message: string) => void;

/** A list of changes and the `add` that fills it; `anchored` marks changes named after their component. */
export function collector(anchored?: boolean): { changes: Change[]; add: Add } {
  const changes: Change[] = [];
  const add: Add = (severity, rule, message) =>
    changes.push(
      anchored === undefined ? { severity, rule, message } : { severity, rule, message, anchored },
    );
  return { changes, add };
}

/** Plain JSON, as parsed from YAML. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
