import { unsent } from "./errors.js";
import { checkHeader } from "./headers.js";
import type { NumericLimit, OperationDescriptor } from "./types.js";

/** The arguments of one call, split by location as the descriptor says. */
export interface SplitParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /** The serialised JSON body; undefined when none is sent. */
  body: string | undefined;
}

/**
 * Splits the params object of a call into path, query, header and body by the descriptor, and refuses a
 * caller's mistake before anything is sent: a params value that is not an object, a missing required field,
 * a number outside the spec's bounds, a header fetch would refuse, a body JSON cannot represent.
 */
export function splitParams(op: OperationDescriptor, params: unknown, label: string): SplitParams {
  const fail = (why: string) => unsent(label, why);
  if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params)))
    throw fail(
      `the params argument must be an object, got ${Array.isArray(params) ? "an array" : typeof params}`,
    );
  const given = (params ?? {}) as Record<string, unknown>;
  const missing = (op.required ?? []).filter((name) => given[name] === undefined);
  if (missing.length > 0)
    throw fail(
      `missing required ${missing.length > 1 ? "fields" : "field"} ${missing.map((n) => `"${n}"`).join(", ")}`,
    );
  const split: SplitParams = { path: {}, query: {}, headers: {}, body: undefined };
  const locations = op.params ?? {};
  const fields: Record<string, unknown> = {};
  let hasFields = false;
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const location = locations[name];
    const limit = op.limits?.[name];
    if (limit) checkLimit(name, value, limit, fail);
    if (location === "header") split.headers[name] = checkHeader(name, value, label);
    else if (location) split[location][name] = value;
    else if (op.body === "fields") {
      fields[name] = value;
      hasFields = true;
    }
  }
  const body =
    op.body === "value" ? given.body : hasFields || (op.body && !op.bodyOptional) ? fields : undefined;
  if (body !== undefined) split.body = serialise(body, fail);
  return split;
}

function checkLimit(name: string, value: unknown, limit: NumericLimit, fail: (why: string) => Error): void {
  const n = typeof value === "string" && value.trim() ? Number(value) : value;
  const { minimum, maximum, integer } = limit;
  const range =
    minimum !== undefined && maximum !== undefined
      ? ` from ${minimum} to ${maximum}`
      : minimum !== undefined
        ? ` >= ${minimum}`
        : maximum !== undefined
          ? ` <= ${maximum}`
          : "";
  const bounds = `${integer ? "an integer" : "a number"}${range}`;
  if (
    typeof n !== "number" ||
    !Number.isFinite(n) ||
    (integer && !Number.isInteger(n)) ||
    (minimum !== undefined && n < minimum) ||
    (maximum !== undefined && n > maximum)
  )
    throw fail(
      `"${name}" must be ${bounds}, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`,
    );
}

/** JSON.stringify with its TypeErrors (a cycle, a BigInt) turned into a caller-facing message. */
function serialise(body: unknown, fail: (why: string) => Error): string | undefined {
  try {
    return JSON.stringify(body);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const why = /circular|cyclic/i.test(text)
      ? "contains a cycle"
      : /bigint/i.test(text)
        ? "contains a BigInt"
        : text;
    throw fail(`the request body cannot be sent as JSON (it ${why})`);
  }
}
