import { same } from "./canonical.ts";
import type { Place } from "./context.ts";
import type { Flat } from "./flat.ts";
import type { Add } from "./types.ts";
import { name, plural, values } from "./words.ts";

export function enums(o: Flat, n: Flat, place: Place, what: string, add: Add) {
  const before = o.values;
  const after = n.values;
  const request = place.dir === "request";
  if (!before && after) {
    if (request) add("breaking", "enum-added", `${what} now only accepts ${values(after)}`);
    else add("additive", "enum-documented", `${what} is now one of ${values(after)}`);
    return;
  }
  if (before && !after) {
    if (request)
      add("additive", "enum-dropped", `${what} now accepts any value (was one of ${values(before)})`);
    else add("widening", "enum-dropped", `${what} may now hold any value (was one of ${values(before)})`);
    return;
  }
  if (!before || !after) return;
  const removed = before.filter((v) => !after.some((w) => same(v, w)));
  const added = after.filter((v) => !before.some((w) => same(v, w)));
  if (removed.length > 0) {
    if (request)
      add("breaking", "request-enum-value-removed", `${what} no longer accepts ${values(removed)}`);
    else add("breaking", "response-enum-value-removed", `${what} is never ${values(removed)} anymore`);
  }
  if (added.length > 0) {
    if (request) add("additive", "request-enum-value-added", `${what} now also accepts ${values(added)}`);
    else {
      add(
        "widening",
        "response-enum-value-added",
        `${what} may now be ${values(added)}: an exhaustive \`switch\` over it needs a new case`,
      );
    }
  }
}

interface Bound {
  value: number;
  exclusive: boolean;
}

function upperBound(s: Flat): Bound | undefined {
  if (s.exclusiveMaximum !== undefined) {
    if (s.maximum !== undefined && s.maximum < s.exclusiveMaximum)
      return { value: s.maximum, exclusive: false };
    return { value: s.exclusiveMaximum, exclusive: true };
  }
  return s.maximum === undefined ? undefined : { value: s.maximum, exclusive: false };
}

function lowerBound(s: Flat): Bound | undefined {
  if (s.exclusiveMinimum !== undefined) {
    if (s.minimum !== undefined && s.minimum > s.exclusiveMinimum)
      return { value: s.minimum, exclusive: false };
    return { value: s.exclusiveMinimum, exclusive: true };
  }
  return s.minimum === undefined ? undefined : { value: s.minimum, exclusive: false };
}

/** Count limits: each reads as a sentence when added, tightened, loosened or dropped. */
const COUNT_LIMITS: {
  key: "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties" | "maxProperties";
  upper: boolean;
  rejects: (n: number) => string;
  accepts: (n: number) => string;
  unit: string;
}[] = [
  {
    key: "maxLength",
    upper: true,
    rejects: (n) => `values longer than ${plural(n, "character")}`,
    accepts: (n) => `values up to ${plural(n, "character")} long`,
    unit: "length",
  },
  {
    key: "minLength",
    upper: false,
    rejects: (n) => (n === 1 ? "empty strings" : `values shorter than ${plural(n, "character")}`),
    accepts: (n) => (n === 0 ? "empty strings" : `values as short as ${plural(n, "character")}`),
    unit: "length",
  },
  {
    key: "maxItems",
    upper: true,
    rejects: (n) => `more than ${plural(n, "item")}`,
    accepts: (n) => `up to ${plural(n, "item")}`,
    unit: "number of items",
  },
  {
    key: "minItems",
    upper: false,
    rejects: (n) => (n === 1 ? "empty lists" : `fewer than ${plural(n, "item")}`),
    accepts: (n) => (n === 0 ? "empty lists" : `as few as ${plural(n, "item")}`),
    unit: "number of items",
  },
  {
    key: "maxProperties",
    upper: true,
    rejects: (n) => `more than ${entries(n)}`,
    accepts: (n) => `up to ${entries(n)}`,
    unit: "number of entries",
  },
  {
    key: "minProperties",
    upper: false,
    rejects: (n) => `fewer than ${entries(n)}`,
    accepts: (n) => `as few as ${entries(n)}`,
    unit: "number of entries",
  },
];

function entries(n: number): string {
  return `${n} ${n === 1 ? "entry" : "entries"}`;
}

export function limits(o: Flat, n: Flat, place: Place, what: string, add: Add) {
  const request = place.dir === "request";
  const documented = (limit: string, before: string, after: string) =>
    add(
      "patch",
      "response-limit-changed",
      `documented ${limit} of ${what} changed from ${before} to ${after}`,
    );

  const showMax = (b: Bound | undefined) => (b ? `${b.exclusive ? "<" : ""}${b.value}` : "none");
  const oMax = upperBound(o);
  const nMax = upperBound(n);
  if (!same(oMax, nMax)) {
    if (!request) documented("maximum", showMax(oMax), showMax(nMax));
    else if (nMax && (!oMax || tighterUpper(nMax, oMax))) {
      const over = nMax.exclusive ? `values of ${nMax.value} or more` : `values above ${nMax.value}`;
      add(
        "breaking",
        "maximum-lowered",
        `${what} now rejects ${over}${oMax ? ` (was ${showMax(oMax)})` : ""}`,
      );
    } else if (nMax && oMax) {
      add(
        "additive",
        "maximum-raised",
        `${what} now accepts values up to ${showMax(nMax)} (was ${showMax(oMax)})`,
      );
    } else if (oMax)
      add("additive", "maximum-dropped", `${what} no longer has a maximum (was ${showMax(oMax)})`);
  }
  const showMin = (b: Bound | undefined) => (b ? `${b.exclusive ? ">" : ""}${b.value}` : "none");
  const oMin = lowerBound(o);
  const nMin = lowerBound(n);
  if (!same(oMin, nMin)) {
    if (!request) documented("minimum", showMin(oMin), showMin(nMin));
    else if (nMin && (!oMin || tighterLower(nMin, oMin))) {
      const under = nMin.exclusive ? `values of ${nMin.value} or less` : `values below ${nMin.value}`;
      add(
        "breaking",
        "minimum-raised",
        `${what} now rejects ${under}${oMin ? ` (was ${showMin(oMin)})` : ""}`,
      );
    } else if (nMin && oMin) {
      add(
        "additive",
        "minimum-lowered",
        `${what} now accepts values down to ${showMin(nMin)} (was ${showMin(oMin)})`,
      );
    } else if (oMin)
      add("additive", "minimum-dropped", `${what} no longer has a minimum (was ${showMin(oMin)})`);
  }
  for (const limit of COUNT_LIMITS) {
    const before = o[limit.key];
    const after = n[limit.key];
    if (before === after) continue;
    if (!request) {
      documented(limit.key, String(before ?? "none"), String(after ?? "none"));
      continue;
    }
    const tighter =
      after !== undefined && (before === undefined || (limit.upper ? after < before : after > before));
    const was = before === undefined ? "" : ` (was ${limit.key} ${before})`;
    if (tighter)
      add("breaking", `${limit.key}-tightened`, `${what} now rejects ${limit.rejects(after)}${was}`);
    else if (after !== undefined)
      add("additive", `${limit.key}-loosened`, `${what} now accepts ${limit.accepts(after)}${was}`);
    else add("additive", `${limit.key}-dropped`, `${what} no longer limits the ${limit.unit}${was}`);
  }
  if (o.multipleOf !== n.multipleOf) {
    if (!request) documented("multipleOf", String(o.multipleOf ?? "none"), String(n.multipleOf ?? "none"));
    else if (n.multipleOf !== undefined) {
      add("breaking", "multiple-of-added", `${what} must now be a multiple of ${n.multipleOf}`);
    } else
      add("additive", "multiple-of-dropped", `${what} no longer has to be a multiple of ${o.multipleOf}`);
  }
}

function tighterUpper(a: Bound, b: Bound): boolean {
  return a.value < b.value || (a.value === b.value && a.exclusive && !b.exclusive);
}

function tighterLower(a: Bound, b: Bound): boolean {
  return a.value > b.value || (a.value === b.value && a.exclusive && !b.exclusive);
}

export function textRules(o: Flat, n: Flat, place: Place, what: string, add: Add) {
  const request = place.dir === "request";
  if (o.pattern !== n.pattern) {
    const before = o.pattern === undefined ? undefined : name(o.pattern);
    const after = n.pattern === undefined ? undefined : name(n.pattern);
    if (!request) add("patch", "response-pattern-changed", `documented pattern of ${what} changed`);
    else if (after)
      add("breaking", "pattern-added", `${what} must now match ${after}${before ? ` (was ${before})` : ""}`);
    else add("additive", "pattern-dropped", `${what} no longer has to match ${before}`);
  }
  if (o.format !== n.format) {
    const before = o.format === undefined ? undefined : name(o.format);
    const after = n.format === undefined ? undefined : name(n.format);
    if (!request) add("patch", "response-format-changed", `documented format of ${what} changed`);
    else if (after) {
      add(
        "breaking",
        "format-added",
        `${what} must now be a valid ${after}${before ? ` (was ${before})` : ""}`,
      );
    } else add("additive", "format-dropped", `${what} no longer has to be a valid ${before}`);
  }
  if ((o.uniqueItems === true) !== (n.uniqueItems === true)) {
    if (!request) add("patch", "response-unique-changed", `documented uniqueness of ${what} changed`);
    else if (n.uniqueItems === true)
      add("breaking", "unique-items-added", `${what} now rejects duplicate items`);
    else add("additive", "unique-items-dropped", `${what} now accepts duplicate items`);
  }
}
