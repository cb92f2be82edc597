import type { Components, Discriminator, Schema } from "@sso/codegen";
import { same } from "./canonical.ts";
import { enums, limits, textRules } from "./constraints.ts";
import { child, type DiffContext, label, type Place } from "./context.ts";
import { type Flat, flatten } from "./flat.ts";
import { types } from "./type-sets.ts";
import { type Add, type Change, collector, type Severity } from "./types.ts";
import { variants } from "./variants.ts";
import { code, joinWords, name } from "./words.ts";

const ANY: Schema = { kind: "unknown" };

/** Compares two schemas (either may be a reference, or missing: any value) found at the same place. */
export function diffSchema(
  ctx: DiffContext,
  before: Schema | undefined,
  after: Schema | undefined,
  place: Place,
): Change[] {
  const o = before ?? ANY;
  const n = after ?? ANY;
  const oRef = o.kind === "ref" ? o.target : undefined;
  const nRef = n.kind === "ref" ? n.target : undefined;
  const flat = () => [flatten(o, ctx.before.components), flatten(n, ctx.after.components)] as const;
  if (oRef === undefined && nRef === undefined) return compare(ctx, ...flat(), place);
  const key = `${place.dir}|${oRef ?? ""}|${nRef ?? ""}`;
  if (ctx.stack.has(key)) return [];
  const component = (nRef ?? oRef) as string;
  const anchor = isObject(o, ctx.before.components) || isObject(n, ctx.after.components);
  if (anchor) {
    const cached = ctx.cache.get(key);
    if (cached) return cached;
    place = { ...place, path: component, anchored: true };
  }
  ctx.stack.add(key);
  try {
    const changes = compare(ctx, ...flat(), place);
    if (anchor) ctx.cache.set(key, changes);
    return changes;
  } finally {
    ctx.stack.delete(key);
  }
}

/** An object schema (or an `allOf` of them), after following a reference: its changes are named after it. */
function isObject(schema: Schema, components: Components): boolean {
  const target = schema.kind === "ref" ? components(schema.target) : schema;
  return target.kind === "object" || target.kind === "allOf";
}

function compare(ctx: DiffContext, o: Flat, n: Flat, place: Place): Change[] {
  const { changes, add } = collector(place.anchored);
  const what = label(place);

  documentation(o, n, what, add);
  annotations(o, n, place, what, add);
  if (!types(ctx, o, n, place, what, add)) return changes;
  enums(o, n, place, what, add);
  limits(o, n, place, what, add);
  textRules(o, n, place, what, add);
  changes.push(...properties(ctx, o, n, place));
  changes.push(...additionalProperties(ctx, o, n, place, what, add));
  if (o.items || n.items) {
    const body = place.root === "request body" || place.root === "response body";
    const items: Place =
      place.path || body
        ? { ...place, path: `${place.path ?? ""}[]` }
        : { ...place, root: `items of ${what}` };
    changes.push(...diffSchema(ctx, o.items || undefined, n.items || undefined, items));
  }
  changes.push(...variants(ctx, o, n, place, what));
  discriminator(o.discriminator, n.discriminator, o.variants, n.variants, what, add);
  generic(o, n, place, what, add);
  return changes;
}

/** Annotations that only document: changing them is a patch. */
function documentation(o: Flat, n: Flat, what: string, add: Add) {
  const several = (o.examples?.length ?? 0) > 1 || (n.examples?.length ?? 0) > 1;
  const changed = [
    ...(same(o.description, n.description) ? [] : ["description"]),
    ...(same(o.title, n.title) ? [] : ["title"]),
    ...(same(o.examples, n.examples) ? [] : [several ? "examples" : "example"]),
  ];
  if (changed.length > 0) add("patch", "documentation-changed", `${joinWords(changed)} of ${what} updated`);
}

function annotations(o: Flat, n: Flat, place: Place, what: string, add: Add) {
  if (o.deprecated !== true && n.deprecated === true)
    add("additive", "deprecated", `${what} is now deprecated`);
  if (o.deprecated === true && n.deprecated !== true)
    add("patch", "undeprecated", `${what} is no longer deprecated`);
  if (!same(o.default, n.default)) {
    if (o.default === undefined)
      add("patch", "default-documented", `${what} now documents the default ${code(n.default)}`);
    else if (n.default === undefined)
      add("patch", "default-undocumented", `${what} no longer documents a default`);
    else {
      const severity: Severity = place.dir === "request" ? "additive" : "patch";
      add(
        severity,
        "default-changed",
        `default of ${what} changed from ${code(o.default)} to ${code(n.default)}`,
      );
    }
  }
  for (const key of ["readOnly", "writeOnly"] as const) {
    if ((o[key] === true) !== (n[key] === true)) {
      const word = key === "readOnly" ? "read-only" : "write-only";
      add("patch", "access-changed", `${what} is ${n[key] === true ? "now" : "no longer"} ${word}`);
    }
  }
}

function properties(ctx: DiffContext, o: Flat, n: Flat, place: Place): Change[] {
  const before = new Map((o.properties ?? []).map((p) => [p.name, p]));
  const after = new Map((n.properties ?? []).map((p) => [p.name, p]));
  const { changes, add } = collector(place.anchored);
  for (const prop of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const at = child(place, prop);
    const what = label(at);
    const old = before.get(prop);
    const now = after.get(prop);
    if (now === undefined) {
      add("breaking", `${place.dir}-field-removed`, `${what} removed`);
      continue;
    }
    if (old === undefined) {
      if (place.dir === "response") add("additive", "response-field-added", `${what} added`);
      else if (now.required) add("breaking", "required-request-field-added", `${what} added and required`);
      else add("additive", "request-field-added", `${what} added (optional)`);
      continue;
    }
    if (old.required !== now.required) {
      if (place.dir === "request") {
        if (now.required) add("breaking", "request-field-required", `${what} is now required`);
        else add("additive", "request-field-optional", `${what} is now optional`);
      } else if (now.required)
        add("additive", "response-field-always-present", `${what} is now always present`);
      else add("breaking", "response-field-optional", `${what} may now be absent`);
    }
    changes.push(...diffSchema(ctx, old.schema, now.schema, at));
  }
  return changes;
}

function additionalProperties(
  ctx: DiffContext,
  o: Flat,
  n: Flat,
  place: Place,
  what: string,
  add: Add,
): Change[] {
  const before = o.additionalProperties;
  const after = n.additionalProperties;
  if (typeof before === "object" && typeof after === "object") {
    const values = place.path ? child(place, "*") : { ...place, root: `values of ${what}` };
    return diffSchema(ctx, before, after, values);
  }
  const open = (v: Schema | boolean | undefined) => v === undefined || v === true;
  if (same(before, after) || (open(before) && open(after))) return [];
  if (place.dir === "response") {
    add("patch", "response-extra-fields-changed", `documented extra fields of ${what} changed`);
  } else if (after === false || (open(before) && typeof after === "object")) {
    add("breaking", "extra-fields-restricted", `${what} no longer accepts arbitrary extra fields`);
  } else add("additive", "extra-fields-allowed", `${what} now accepts extra fields`);
  return [];
}

/**
 * The value -> component pairs a discriminator says, without those it would mean anyway (a variant that is a
 * reference to `X` is told apart by the value `X`), so an implied mapping and a written one compare equal.
 */
function mapping(discriminator: Discriminator, variants: readonly Schema[] | undefined): string[] {
  const implied = new Set((variants ?? []).flatMap((v) => (v.kind === "ref" ? [v.target] : [])));
  return discriminator.mapping
    .filter(([value, target]) => !(value === target && implied.has(target)))
    .map(([value, target]) => `${value}=${target}`)
    .sort();
}

function discriminator(
  o: Discriminator | undefined,
  n: Discriminator | undefined,
  oVariants: readonly Schema[] | undefined,
  nVariants: readonly Schema[] | undefined,
  what: string,
  add: Add,
) {
  if (o === undefined && n === undefined) return;
  if (o?.property !== n?.property) {
    add(
      "breaking",
      "discriminator-changed",
      `${what} is now told apart by ${code(n?.property)} (was ${code(o?.property)})`,
    );
  } else if (o && n && !same(mapping(o, oVariants), mapping(n, nVariants))) {
    add("additive", "discriminator-mapping-changed", `discriminator mapping of ${what} changed`);
  }
}

/** Keywords no rule above reads: a tuple's `prefixItems` (and `items: false`), a string's content encoding. */
const OTHER = ["contentEncoding", "contentMediaType", "prefixItems"] as const;

/** Any other keyword: in a request it may reject what passed before; in a response it only documents. */
function generic(o: Flat, n: Flat, place: Place, what: string, add: Add) {
  const keys: string[] = OTHER.filter((key) => !same(o[key], n[key]));
  if ((o.items === false) !== (n.items === false)) keys.push("items");
  for (const key of keys) {
    if (place.dir === "request") {
      add("breaking", "request-rule-changed", `validation keyword ${name(key)} of ${what} changed`);
    } else add("patch", "response-rule-changed", `documented keyword ${name(key)} of ${what} changed`);
  }
}
