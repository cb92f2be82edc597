import type { Json, JsonObject } from "./types.ts";

/** A node with its `$ref` chain followed: `ref` is the first pointer followed, if any. */
export interface Resolved {
  node: JsonObject;
  ref?: string;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a local JSON pointer (`#/components/schemas/SSOConnector`) from the document. */
export function readPointer(doc: JsonObject, pointer: string): Json | undefined {
  if (!pointer.startsWith("#")) {
    throw new Error(
      `external $ref ${JSON.stringify(pointer)} is not supported: bundle the spec into one file`,
    );
  }
  const tokens = pointer
    .slice(1)
    .split("/")
    .slice(1)
    .map((token) => decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~"));
  let node: Json | undefined = doc;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * Follows `$ref` until a node without one. Sibling keys next to a `$ref` (allowed in OpenAPI 3.1, mostly
 * `description`) override the target's. A cycle of pure references (`A -> B -> A`) is an error.
 */
export function resolve(doc: JsonObject, node: Json | undefined): Resolved {
  if (!isObject(node)) return { node: {} };
  let current: JsonObject = node;
  let first: string | undefined;
  let overrides: JsonObject = {};
  const seen = new Set<string>();
  while (typeof current.$ref === "string") {
    const pointer = current.$ref;
    if (seen.has(pointer)) throw new Error(`$ref cycle through ${pointer}`);
    seen.add(pointer);
    first ??= pointer;
    const { $ref: _, ...siblings } = current;
    overrides = { ...siblings, ...overrides };
    const target = readPointer(doc, pointer);
    if (!isObject(target)) throw new Error(`$ref ${pointer} does not point at an object`);
    current = target;
  }
  const merged = Object.keys(overrides).length > 0 ? { ...current, ...overrides } : current;
  return first === undefined ? { node: merged } : { node: merged, ref: first };
}

/** `#/components/schemas/SSOConnector` -> `SSOConnector`; other pointers -> undefined. */
export function componentSchemaName(ref: string | undefined): string | undefined {
  const prefix = "#/components/schemas/";
  return ref?.startsWith(prefix) ? decodeURIComponent(ref.slice(prefix.length)) : undefined;
}
