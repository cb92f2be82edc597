/**
 * Where each operation lands on the client: `x-sdk-resource` / `x-sdk-method` when the spec says, else the
 * naming rule (docs/spec-extensions.md, "Operations without x-sdk extensions"):
 *
 * - resource: the path's static segments in camelCase, joined with dots, after a leading `api` or version
 *   segment (`/accounts/{id}/sso_connectors` -> `accounts.ssoConnectors`); the first tag when the path has none.
 * - method: `list` / `get` / `create` / `update` / `replace` / `delete` from the HTTP method and whether the path
 *   ends in a parameter; an action (a POST to a last static segment after a parameter, with nothing below it)
 *   is named for that segment (`/{id}/begin_verification` -> `beginVerification`).
 * - two operations on one name: each derived one falls back to its `operationId` in camelCase.
 */
import { RESERVED_RESOURCE_MEMBERS } from "../runtime-facts.js";
import { child } from "./document.js";
import { camelCase } from "./names.js";
import type { Problems } from "./problems.js";
import type { ReadOperation } from "./read-operation.js";
import { arrayItems, type Components } from "./shape.js";

const RESOURCE_RE = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
export const METHOD_RE = /^[a-z][A-Za-z0-9]*$/;
const PREFIX_SEGMENT = /^(api|v\d+[a-z0-9.]*)$/i;

export interface Placement {
  readonly resource: string;
  readonly method: string;
}

interface Draft {
  op: ReadOperation;
  resource: string;
  method: string;
  /** How the method name came about; derived names may fall back to the operationId. */
  explicit: boolean;
}

export function place(
  operations: readonly ReadOperation[],
  problems: Problems,
  components: Components,
): Map<ReadOperation, Placement> {
  const paths = operations.map((op) => op.path);
  const drafts: Draft[] = [];
  for (const op of operations) {
    const resource = resourceOf(op, paths, problems);
    const method = methodOf(op, operations, paths, problems, components);
    if (resource && method) drafts.push({ op, resource, method: method.name, explicit: method.explicit });
  }
  for (const group of collisions(drafts)) {
    for (const draft of group.filter((d) => !d.explicit && d.op.operationId)) {
      draft.method = camelCase(draft.op.operationId as string);
    }
  }
  const placed = new Map<ReadOperation, Placement>();
  for (const group of collisions(drafts)) {
    const [first, ...rest] = group;
    for (const draft of rest) {
      const at = draft.explicit ? child(draft.op.pointer, "x-sdk-method") : draft.op.pointer;
      problems.add(
        at,
        `\`${draft.resource}.${draft.method}\` is already mapped to ${first?.op.httpMethod} ${first?.op.path}` +
          (draft.explicit ? "" : "; set x-sdk-method (or an operationId) to tell them apart"),
      );
    }
  }
  const taken = new Set<string>();
  for (const draft of drafts) {
    const id = `${draft.resource}.${draft.method}`;
    if (taken.has(id)) continue;
    taken.add(id);
    if (!METHOD_RE.test(draft.method) || RESERVED_RESOURCE_MEMBERS.includes(draft.method)) {
      problems.add(
        draft.explicit ? child(draft.op.pointer, "x-sdk-method") : draft.op.pointer,
        `method name \`${draft.method}\` is not usable (reserved: ${RESERVED_RESOURCE_MEMBERS.join(", ")}); set x-sdk-method`,
      );
      continue;
    }
    placed.set(draft.op, { resource: draft.resource, method: draft.method });
  }
  return placed;
}

function collisions(drafts: readonly Draft[]): Draft[][] {
  const groups = new Map<string, Draft[]>();
  for (const draft of drafts) {
    const id = `${draft.resource}.${draft.method}`;
    groups.set(id, [...(groups.get(id) ?? []), draft]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

function resourceOf(op: ReadOperation, paths: readonly string[], problems: Problems): string | undefined {
  const ext = op.extensions.resource;
  if (ext !== undefined) {
    if (typeof ext === "string" && RESOURCE_RE.test(ext)) return ext;
    return problems.add(
      child(op.pointer, "x-sdk-resource"),
      `x-sdk-resource must be dotted camelCase names, got \`${String(ext)}\``,
    );
  }
  const segments = resourceSegments(op, paths).map(camelCase);
  const parts = segments.length > 0 ? segments : op.tags[0] ? [camelCase(op.tags[0])] : [];
  const key = parts.join(".");
  if (!parts.length || !RESOURCE_RE.test(key)) {
    return problems.add(
      op.pointer,
      `cannot name a resource for ${op.httpMethod} ${op.path} from its path${parts.length ? ` (got \`${key}\`)` : ""}; set x-sdk-resource`,
    );
  }
  return key;
}

/** The static segments that name the resource: the path's, minus a leading prefix and a trailing action. */
function resourceSegments(op: ReadOperation, paths: readonly string[]): string[] {
  const segments = op.path.split("/").filter(Boolean);
  while (segments[0] !== undefined && PREFIX_SEGMENT.test(segments[0]) && segments.length > 1)
    segments.shift();
  const statics = segments.filter((s) => !isParam(s));
  return actionOf(op, paths) ? statics.slice(0, -1) : statics;
}

/** The last segment when it is an action: a POST to `/…/{id}/<verb>` with nothing below it and no GET on it. */
function actionOf(op: ReadOperation, paths: readonly string[]): string | undefined {
  const segments = op.path.split("/").filter(Boolean);
  const last = segments.at(-1);
  const before = segments.at(-2);
  if (op.httpMethod !== "POST" || !last || isParam(last) || !before || !isParam(before)) return undefined;
  if (paths.some((p) => p.startsWith(`${op.path}/`))) return undefined;
  return last;
}

function methodOf(
  op: ReadOperation,
  all: readonly ReadOperation[],
  paths: readonly string[],
  problems: Problems,
  components: Components,
): { name: string; explicit: boolean } | undefined {
  const ext = op.extensions.method;
  if (ext !== undefined) {
    if (typeof ext === "string" && METHOD_RE.test(ext)) return { name: ext, explicit: true };
    return problems.add(
      child(op.pointer, "x-sdk-method"),
      `x-sdk-method must be a camelCase method name, got \`${String(ext)}\``,
    );
  }
  const action = actionOf(op, paths);
  if (action) return { name: camelCase(action), explicit: false };
  const item = isParam(op.path.split("/").filter(Boolean).at(-1) ?? "");
  const samePath = (method: string) => all.some((o) => o.path === op.path && o.httpMethod === method);
  const isList =
    op.pagination !== undefined ||
    (op.result.schema !== undefined && arrayItems(op.result.schema, components) !== undefined);
  const name = (() => {
    switch (op.httpMethod) {
      case "GET":
        return item || !isList ? "get" : "list";
      case "POST":
        return item ? undefined : "create";
      case "PUT":
        return item && !samePath("PATCH") ? "update" : "replace";
      case "PATCH":
        return "update";
      case "DELETE":
        return "delete";
    }
  })();
  if (name) return { name, explicit: false };
  if (op.operationId) return { name: camelCase(op.operationId), explicit: false };
  return problems.add(op.pointer, `cannot name the method of ${op.httpMethod} ${op.path}; set x-sdk-method`);
}

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}
