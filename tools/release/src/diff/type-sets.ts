import type { DiffContext, Place, Side } from "./context.ts";
import { type Flat, flatten } from "./flat.ts";
import type { Add } from "./types.ts";
import { joinWords, name, typeWord } from "./words.ts";

const SCALARS = ["string", "number", "integer", "boolean", "array", "object", "null"];

/** The union of the variants' types, when every variant has one. */
function variantTypes(side: Side, schema: Flat): ReadonlySet<string> | undefined {
  if (!schema.variants) return undefined;
  const set = new Set<string>();
  for (const variant of schema.variants) {
    const types = flatten(variant, side.components).types;
    if (!types) return undefined;
    for (const t of types) set.add(t);
  }
  return set;
}

/** `integer` values are `number`s too. */
function covers(set: ReadonlySet<string>, type: string): boolean {
  return set.has(type) || (type === "integer" && set.has("number"));
}

/** `integer` -> "integers", `null` -> "`null`". */
function plainType(type: string): string {
  return type === "null" ? "`null`" : `${type}s`;
}

/** Returns false when the types are unrelated, so nothing below is worth comparing. */
export function types(ctx: DiffContext, o: Flat, n: Flat, place: Place, what: string, add: Add): boolean {
  const before = o.types ?? variantTypes(ctx.before, o);
  const after = n.types ?? variantTypes(ctx.after, n);
  const list = (set: ReadonlySet<string>) =>
    joinWords([...set].sort((a, b) => SCALARS.indexOf(a) - SCALARS.indexOf(b)).map(name));
  if (before === undefined && after !== undefined) {
    if (place.dir === "request") add("breaking", "type-narrowed", `${what} now only accepts ${list(after)}`);
    else add("additive", "type-documented", `${what} is now typed as ${list(after)}`);
    return true;
  }
  if (before !== undefined && after === undefined) {
    if (place.dir === "request") add("additive", "type-widened", `${what} now accepts any value`);
    else add("breaking", "type-widened", `${what} is no longer typed (was ${list(before)})`);
    return true;
  }
  if (before === undefined || after === undefined) return true;
  const removed = [...before].filter((t) => !covers(after, t));
  const added = [...after].filter((t) => !covers(before, t));
  if (removed.length === 0 && added.length === 0) return true;
  const solid = (set: ReadonlySet<string>) => [...set].filter((t) => t !== "null");
  const overlap = solid(before).some((t) => solid(after).some((u) => covers(after, t) || covers(before, u)));
  if (solid(before).length > 0 && solid(after).length > 0 && !overlap) {
    add("breaking", "type-changed", `${what} changed type from ${list(before)} to ${list(after)}`);
    return false;
  }
  if (place.dir === "request") {
    if (removed.length > 0) {
      const lost = removed.map((t) =>
        t === "number" && after.has("integer") ? "fractional numbers" : plainType(t),
      );
      add("breaking", "type-narrowed", `${what} no longer accepts ${joinWords(lost)}`);
    }
    if (added.length > 0)
      add("additive", "type-widened", `${what} now also accepts ${joinWords(added.map(plainType))}`);
  } else {
    if (added.length > 0) {
      const detail = added.map((t) => (t === "null" ? "`null`" : typeWord(t))).join(" or ");
      add("breaking", "response-type-widened", `${what} may now be ${detail}`);
    }
    if (removed.length > 0) {
      add(
        "additive",
        "response-type-narrowed",
        `${what} is never ${removed.map(plainType).join(" or ")} anymore`,
      );
    }
  }
  return true;
}
