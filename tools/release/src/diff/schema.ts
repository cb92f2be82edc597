import { componentSchemaName, isObject, resolve } from "./refs.ts";
import type { Change, Direction, Json, JsonObject, Severity } from "./types.ts";
import { code, joinWords, name, plural, typeWord, values } from "./words.ts";

/** Both documents, and the memory that keeps `$ref` cycles finite and shared components reported once. */
export interface DiffContext {
  oldDoc: JsonObject;
  newDoc: JsonObject;
  /** Results per compared pair of object components (`request|#/a|#/b`), reused by every operation. */
  cache: Map<string, Change[]>;
  /** Pairs of `$ref`s being compared right now: meeting one again means a recursive schema. */
  stack: Set<string>;
}

export function diffContext(oldDoc: JsonObject, newDoc: JsonObject): DiffContext {
  return { oldDoc, newDoc, cache: new Map(), stack: new Set() };
}

/**
 * Where a schema sits, for the wording of messages.
 * `root` names the thing the schema belongs to ("`page_size` query parameter", "request body");
 * `path` is the dotted field path inside it; once a `$ref` to an object component is followed the path
 * restarts at the component's name (`SSOConnector.verification`), and the change is `anchored`.
 */
export interface Place {
  dir: Direction;
  root: string;
  path?: string;
  anchored: boolean;
}

/** How a place reads in a sentence. */
export function label(place: Place): string {
  if (place.path === undefined || place.path === "") return place.root;
  if (place.anchored && !/[.[( ]/.test(place.path)) return `${place.dir} type ${name(place.path)}`;
  if (place.anchored || place.root === "request body" || place.root === "response body") {
    return `${place.dir} field ${name(place.path)}`;
  }
  return `field ${name(place.path)} of ${place.root}`;
}

function child(place: Place, segment: string): Place {
  return { ...place, path: place.path ? `${place.path}.${segment}` : segment };
}

/** Keywords that only document: changing them is a patch. */
const DOC_KEYS = [
  "description",
  "title",
  "summary",
  "example",
  "examples",
  "externalDocs",
  "$comment",
  "xml",
];

/** Keywords compared by a dedicated rule below; anything else falls to the generic rule. */
const HANDLED = new Set([
  ...DOC_KEYS,
  "$ref",
  "type",
  "nullable",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
  "pattern",
  "format",
  "uniqueItems",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "oneOf",
  "anyOf",
  "allOf",
  "discriminator",
  "deprecated",
  "default",
  "readOnly",
  "writeOnly",
]);

/** Compares two schemas (either may be a `$ref`) found at the same place. */
export function diffSchema(
  ctx: DiffContext,
  oldSchema: Json | undefined,
  newSchema: Json | undefined,
  place: Place,
) {
  const before = resolve(ctx.oldDoc, oldSchema);
  const after = resolve(ctx.newDoc, newSchema);
  if (before.ref === undefined && after.ref === undefined)
    return compare(ctx, before.node, after.node, place);

  const key = `${place.dir}|${before.ref ?? ""}|${after.ref ?? ""}`;
  if (ctx.stack.has(key)) return [];
  const component = componentSchemaName(after.ref) ?? componentSchemaName(before.ref);
  const anchor = component !== undefined && (isObjectSchema(after.node) || isObjectSchema(before.node));
  if (anchor) {
    const cached = ctx.cache.get(key);
    if (cached) return cached;
    place = { ...place, path: component, anchored: true };
  }
  ctx.stack.add(key);
  try {
    const changes = compare(ctx, before.node, after.node, place);
    if (anchor) ctx.cache.set(key, changes);
    return changes;
  } finally {
    ctx.stack.delete(key);
  }
}

function isObjectSchema(schema: JsonObject): boolean {
  const type = schema.type;
  return (
    type === "object" ||
    (Array.isArray(type) && type.includes("object")) ||
    isObject(schema.properties) ||
    Array.isArray(schema.allOf)
  );
}

function compare(ctx: DiffContext, oldRaw: JsonObject, newRaw: JsonObject, place: Place): Change[] {
  const o = flattenAllOf(ctx.oldDoc, oldRaw, new Set());
  const n = flattenAllOf(ctx.newDoc, newRaw, new Set());
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message, anchored: place.anchored });
  const what = label(place);

  documentation(o, n, what, add);
  annotations(o, n, place, what, add);
  if (!types(ctx, o, n, place, what, add)) return changes;
  enums(o, n, place, what, add);
  limits(o, n, place, what, add);
  textRules(o, n, place, what, add);
  changes.push(...properties(ctx, o, n, place));
  additionalProperties(ctx, o, n, place, what, add, changes);
  if (o.items !== undefined || n.items !== undefined) {
    const body = place.root === "request body" || place.root === "response body";
    const items: Place =
      place.path || body
        ? { ...place, path: `${place.path ?? ""}[]` }
        : { ...place, root: `items of ${what}` };
    changes.push(...diffSchema(ctx, o.items, n.items, items));
  }
  changes.push(...variants(ctx, o, n, place, what));
  discriminator(o, n, what, add);
  generic(o, n, place, what, add);
  return changes;
}

type Add = (severity: Severity, rule: string, message: string) => void;

/** `allOf` members merged into one schema: properties and `required` united, other keywords kept. */
export function flattenAllOf(doc: JsonObject, schema: JsonObject, seen: Set<string>): JsonObject {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  let merged: JsonObject = { ...rest };
  for (const member of allOf) {
    const resolved = resolve(doc, member);
    if (resolved.ref !== undefined) {
      if (seen.has(resolved.ref)) continue;
      seen.add(resolved.ref);
    }
    const flat = flattenAllOf(doc, resolved.node, seen);
    merged = mergeSchemas(merged, flat);
  }
  return merged;
}

function mergeSchemas(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...b, ...a };
  if (isObject(a.properties) || isObject(b.properties)) {
    out.properties = {
      ...(isObject(b.properties) ? b.properties : {}),
      ...(isObject(a.properties) ? a.properties : {}),
    };
  }
  const required = [...stringList(a.required), ...stringList(b.required)];
  if (required.length > 0) out.required = [...new Set(required)];
  return out;
}

function stringList(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted, so key order never counts as a change. */
export function canonical(value: Json | undefined): string {
  return JSON.stringify(sortKeys(value)) ?? "undefined";
}

export function sortKeys(value: Json | undefined): Json | undefined {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v) ?? null);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const v = sortKeys(value[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function documentation(o: JsonObject, n: JsonObject, what: string, add: Add) {
  const changed = DOC_KEYS.filter((key) => !same(o[key], n[key]));
  if (changed.length > 0) add("patch", "documentation-changed", `${joinWords(changed)} of ${what} updated`);
  const extensions = [...new Set([...Object.keys(o), ...Object.keys(n)])]
    .filter((key) => key.startsWith("x-") && !same(o[key], n[key]))
    .sort();
  if (extensions.length > 0) {
    add("patch", "extension-changed", `${joinWords(extensions.map(name))} of ${what} changed`);
  }
}

function annotations(o: JsonObject, n: JsonObject, place: Place, what: string, add: Add) {
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
      const severity = place.dir === "request" ? "additive" : "patch";
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

const SCALARS = ["string", "number", "integer", "boolean", "array", "object", "null"];

/** The set of JSON types a schema admits; `undefined` means any value. */
function typeSet(schema: JsonObject): Set<string> | undefined {
  const set = new Set<string>();
  const type = schema.type;
  if (typeof type === "string") set.add(type);
  if (Array.isArray(type)) for (const t of type) if (typeof t === "string") set.add(t);
  if (set.size === 0) {
    const listed =
      schema.const !== undefined ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
    if (listed) for (const value of listed) set.add(jsonType(value));
    else if (isObject(schema.properties) || schema.additionalProperties !== undefined) set.add("object");
    else if (schema.items !== undefined) set.add("array");
  }
  if (set.size === 0) return undefined;
  if (schema.nullable === true) set.add("null");
  return set;
}

function jsonType(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

/** `integer` values are `number`s too. */
function covers(set: Set<string>, type: string): boolean {
  return set.has(type) || (type === "integer" && set.has("number"));
}

/** Returns false when the types are unrelated, so nothing below is worth comparing. */
function types(
  ctx: DiffContext,
  o: JsonObject,
  n: JsonObject,
  place: Place,
  what: string,
  add: Add,
): boolean {
  const before = typeSet(o) ?? variantTypes(ctx.oldDoc, o);
  const after = typeSet(n) ?? variantTypes(ctx.newDoc, n);
  if (before === undefined && after === undefined) return true;
  const list = (set: Set<string>) =>
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
  const solid = (set: Set<string>) => [...set].filter((t) => t !== "null");
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

/** `integer` -> "integers", `null` -> "`null`". */
function plainType(type: string): string {
  return type === "null" ? "`null`" : `${type}s`;
}

/** The union of the variants' types, when every variant has one. */
function variantTypes(doc: JsonObject, schema: JsonObject): Set<string> | undefined {
  const list = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : undefined;
  if (!list) return undefined;
  const set = new Set<string>();
  for (const variant of list) {
    const types = typeSet(flattenAllOf(doc, resolve(doc, variant).node, new Set()));
    if (!types) return undefined;
    for (const t of types) set.add(t);
  }
  return set;
}

function enumOf(schema: JsonObject): Json[] | undefined {
  if (schema.const !== undefined) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function enums(o: JsonObject, n: JsonObject, place: Place, what: string, add: Add) {
  const before = enumOf(o);
  const after = enumOf(n);
  if (!before && !after) return;
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

function upperBound(s: JsonObject): Bound | undefined {
  if (typeof s.exclusiveMaximum === "number") {
    if (typeof s.maximum === "number" && s.maximum < s.exclusiveMaximum)
      return { value: s.maximum, exclusive: false };
    return { value: s.exclusiveMaximum, exclusive: true };
  }
  if (typeof s.maximum === "number") return { value: s.maximum, exclusive: s.exclusiveMaximum === true };
  return undefined;
}

function lowerBound(s: JsonObject): Bound | undefined {
  if (typeof s.exclusiveMinimum === "number") {
    if (typeof s.minimum === "number" && s.minimum > s.exclusiveMinimum)
      return { value: s.minimum, exclusive: false };
    return { value: s.exclusiveMinimum, exclusive: true };
  }
  if (typeof s.minimum === "number") return { value: s.minimum, exclusive: s.exclusiveMinimum === true };
  return undefined;
}

/** Count limits: each reads as a sentence when added, tightened, loosened or dropped. */
const COUNT_LIMITS: {
  key: string;
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
    rejects: (n) => `more than ${plural(n, "entry")}`.replace("entrys", "entries"),
    accepts: (n) => `up to ${plural(n, "entry")}`.replace("entrys", "entries"),
    unit: "number of entries",
  },
  {
    key: "minProperties",
    upper: false,
    rejects: (n) => `fewer than ${plural(n, "entry")}`.replace("entrys", "entries"),
    accepts: (n) => `as few as ${plural(n, "entry")}`.replace("entrys", "entries"),
    unit: "number of entries",
  },
];

function limits(o: JsonObject, n: JsonObject, place: Place, what: string, add: Add) {
  const request = place.dir === "request";
  const doc = (limit: string, before: string, after: string) =>
    add(
      "patch",
      "response-limit-changed",
      `documented ${limit} of ${what} changed from ${before} to ${after}`,
    );

  const show = (b: Bound | undefined) => (b ? `${b.exclusive ? "<" : ""}${b.value}` : "none");
  const oMax = upperBound(o);
  const nMax = upperBound(n);
  if (!same(oMax ? { ...oMax } : undefined, nMax ? { ...nMax } : undefined)) {
    if (!request) doc("maximum", show(oMax), show(nMax));
    else if (nMax && (!oMax || tighterUpper(nMax, oMax))) {
      const over = nMax.exclusive ? `values of ${nMax.value} or more` : `values above ${nMax.value}`;
      add("breaking", "maximum-lowered", `${what} now rejects ${over}${oMax ? ` (was ${show(oMax)})` : ""}`);
    } else if (nMax && oMax) {
      add("additive", "maximum-raised", `${what} now accepts values up to ${show(nMax)} (was ${show(oMax)})`);
    } else if (oMax)
      add("additive", "maximum-dropped", `${what} no longer has a maximum (was ${show(oMax)})`);
  }
  const oMin = lowerBound(o);
  const nMin = lowerBound(n);
  if (!same(oMin ? { ...oMin } : undefined, nMin ? { ...nMin } : undefined)) {
    const showMin = (b: Bound | undefined) => (b ? `${b.exclusive ? ">" : ""}${b.value}` : "none");
    if (!request) doc("minimum", showMin(oMin), showMin(nMin));
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
    const before = typeof o[limit.key] === "number" ? (o[limit.key] as number) : undefined;
    const after = typeof n[limit.key] === "number" ? (n[limit.key] as number) : undefined;
    if (before === after) continue;
    if (!request) {
      doc(limit.key, String(before ?? "none"), String(after ?? "none"));
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
  if (!same(o.multipleOf, n.multipleOf)) {
    if (!request) doc("multipleOf", String(o.multipleOf ?? "none"), String(n.multipleOf ?? "none"));
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

function textRules(o: JsonObject, n: JsonObject, place: Place, what: string, add: Add) {
  const request = place.dir === "request";
  if (!same(o.pattern, n.pattern)) {
    const before = typeof o.pattern === "string" ? name(o.pattern) : undefined;
    const after = typeof n.pattern === "string" ? name(n.pattern) : undefined;
    if (!request) add("patch", "response-pattern-changed", `documented pattern of ${what} changed`);
    else if (after) {
      add("breaking", "pattern-added", `${what} must now match ${after}${before ? ` (was ${before})` : ""}`);
    } else add("additive", "pattern-dropped", `${what} no longer has to match ${before}`);
  }
  if (!same(o.format, n.format)) {
    const before = typeof o.format === "string" ? name(o.format) : undefined;
    const after = typeof n.format === "string" ? name(n.format) : undefined;
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

function properties(ctx: DiffContext, o: JsonObject, n: JsonObject, place: Place): Change[] {
  const oProps = isObject(o.properties) ? o.properties : {};
  const nProps = isObject(n.properties) ? n.properties : {};
  const oReq = new Set(stringList(o.required));
  const nReq = new Set(stringList(n.required));
  const changes: Change[] = [];
  const names = [...new Set([...Object.keys(oProps), ...Object.keys(nProps)])].sort();
  for (const prop of names) {
    const at = child(place, prop);
    const what = label(at);
    const add = (severity: Severity, rule: string, message: string) =>
      changes.push({ severity, rule, message, anchored: place.anchored });
    const before = oProps[prop];
    const after = nProps[prop];
    if (after === undefined) {
      add("breaking", `${place.dir}-field-removed`, `${what} removed`);
      continue;
    }
    if (before === undefined) {
      if (place.dir === "response") add("additive", "response-field-added", `${what} added`);
      else if (nReq.has(prop)) add("breaking", "required-request-field-added", `${what} added and required`);
      else add("additive", "request-field-added", `${what} added (optional)`);
      continue;
    }
    if (oReq.has(prop) !== nReq.has(prop)) {
      if (place.dir === "request") {
        if (nReq.has(prop)) add("breaking", "request-field-required", `${what} is now required`);
        else add("additive", "request-field-optional", `${what} is now optional`);
      } else if (nReq.has(prop))
        add("additive", "response-field-always-present", `${what} is now always present`);
      else add("breaking", "response-field-optional", `${what} may now be absent`);
    }
    changes.push(...diffSchema(ctx, before, after, at));
  }
  return changes;
}

function additionalProperties(
  ctx: DiffContext,
  o: JsonObject,
  n: JsonObject,
  place: Place,
  what: string,
  add: Add,
  changes: Change[],
) {
  const before = o.additionalProperties;
  const after = n.additionalProperties;
  if (same(before, after)) return;
  const open = (v: Json | undefined) => v === undefined || v === true;
  if (isObject(before) && isObject(after)) {
    changes.push(
      ...diffSchema(
        ctx,
        before,
        after,
        place.path ? child(place, "*") : { ...place, root: `values of ${what}` },
      ),
    );
    return;
  }
  if (open(before) && open(after)) return;
  if (place.dir === "response") {
    add("patch", "response-extra-fields-changed", `documented extra fields of ${what} changed`);
  } else if (after === false || (open(before) && isObject(after))) {
    add("breaking", "extra-fields-restricted", `${what} no longer accepts arbitrary extra fields`);
  } else add("additive", "extra-fields-allowed", `${what} now accepts extra fields`);
}

interface Variant {
  key: string;
  schema: Json;
}

/** `oneOf`/`anyOf` members, keyed by component name, title or discriminating `const`, else position. */
function variantList(doc: JsonObject, schema: JsonObject): Variant[] | undefined {
  const list = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : undefined;
  if (!list) return undefined;
  return list.map((member, index) => {
    const resolved = resolve(doc, member);
    const flat = flattenAllOf(doc, resolved.node, new Set());
    const component = componentSchemaName(resolved.ref);
    if (component) return { key: name(component), schema: member };
    if (typeof flat.title === "string") return { key: name(flat.title), schema: member };
    const props = isObject(flat.properties) ? flat.properties : {};
    for (const [prop, value] of Object.entries(props)) {
      const v = resolve(doc, value).node;
      const only =
        v.const !== undefined
          ? v.const
          : Array.isArray(v.enum) && v.enum.length === 1
            ? v.enum[0]
            : undefined;
      if (only !== undefined) return { key: `\`${prop}: ${JSON.stringify(only)}\``, schema: member };
    }
    const types = typeSet(flat);
    return { key: types ? `${[...types].join(" | ")} #${index + 1}` : `#${index + 1}`, schema: member };
  });
}

function variants(ctx: DiffContext, o: JsonObject, n: JsonObject, place: Place, what: string): Change[] {
  const before = variantList(ctx.oldDoc, o);
  const after = variantList(ctx.newDoc, n);
  if (!before && !after) return [];
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message, anchored: place.anchored });
  const request = place.dir === "request";
  for (const variant of before ?? []) {
    if (after?.some((v) => v.key === variant.key)) continue;
    if (request)
      add("breaking", "request-variant-removed", `${what} no longer accepts variant ${variant.key}`);
    else add("breaking", "response-variant-removed", `${what} is never variant ${variant.key} anymore`);
  }
  for (const variant of after ?? []) {
    const old = before?.find((v) => v.key === variant.key);
    if (!old) {
      if (request)
        add("additive", "request-variant-added", `${what} now also accepts variant ${variant.key}`);
      else {
        add(
          "widening",
          "response-variant-added",
          `${what} may now be variant ${variant.key}: code that handles every variant needs a new case`,
        );
      }
      continue;
    }
    const inner: Place = place.path
      ? { ...place, path: `${place.path} (${variant.key.replaceAll("`", "")})` }
      : { ...place, root: `${what} (variant ${variant.key})` };
    changes.push(...diffSchema(ctx, old.schema, variant.schema, inner));
  }
  return changes;
}

function discriminator(o: JsonObject, n: JsonObject, what: string, add: Add) {
  const before = isObject(o.discriminator) ? o.discriminator : undefined;
  const after = isObject(n.discriminator) ? n.discriminator : undefined;
  if (same(before, after)) return;
  if (!same(before?.propertyName, after?.propertyName)) {
    add(
      "breaking",
      "discriminator-changed",
      `${what} is now told apart by ${code(after?.propertyName)} (was ${code(before?.propertyName)})`,
    );
  } else add("additive", "discriminator-mapping-changed", `discriminator mapping of ${what} changed`);
}

/** Any other keyword: in a request it may reject what passed before; in a response it only documents. */
function generic(o: JsonObject, n: JsonObject, place: Place, what: string, add: Add) {
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])]
    .filter((key) => !HANDLED.has(key) && !key.startsWith("x-") && !same(o[key], n[key]))
    .sort();
  for (const key of keys) {
    if (place.dir === "request") {
      add("breaking", "request-rule-changed", `validation keyword ${name(key)} of ${what} changed`);
    } else add("patch", "response-rule-changed", `documented keyword ${name(key)} of ${what} changed`);
  }
}

/** True when two schema values are the same after sorting keys (cheap test before a full diff). */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return same(a, b);
}
