import { compare, isRecord } from "@sso/codegen";

/** A copy of a JSON value with every object's keys sorted; `undefined` members are dropped, as JSON does. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item) ?? null) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compare)) {
    const item = sortKeys(value[key]);
    if (item !== undefined) out[key] = item;
  }
  return out as T;
}

/** JSON with object keys sorted, so key order never counts as a change. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "undefined";
}

/** True when two values are the same JSON, whatever their key order. */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
