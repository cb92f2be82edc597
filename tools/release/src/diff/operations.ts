import { type ApiModel, compare, type OperationModel, operationsOf, type SecurityModel } from "@sso/codegen";
import { requestBody, responses } from "./bodies.ts";
import { canonical, same } from "./canonical.ts";
import type { DiffContext } from "./context.ts";
import { parameters, pathParamNames, positionalIndex } from "./parameters.ts";
import { type Add, type Change, collector } from "./types.ts";
import { code, joinWords, name } from "./words.ts";

/** The order operations are reported in: by path, then by method as OpenAPI lists them. */
const METHOD_ORDER = ["GET", "PUT", "POST", "DELETE", "PATCH"];

/** One operation of a spec, with what is needed to match it against the other version. */
interface Operation {
  /** `GET /accounts/{}/sso_connectors`: path parameters renamed still match. */
  key: string;
  op: OperationModel;
  /** "`iam.sso.list()`": the SDK method. */
  label: string;
}

function operations(model: ApiModel): Map<string, Operation> {
  const ops = [...operationsOf(model)].sort(
    (a, b) =>
      compare(a.path, b.path) || METHOD_ORDER.indexOf(a.httpMethod) - METHOD_ORDER.indexOf(b.httpMethod),
  );
  return new Map(
    ops.map((op) => {
      const key = `${op.httpMethod} ${normalisePath(op.path)}`;
      return [key, { key, op, label: name(`${op.key}()`) }];
    }),
  );
}

/** `/a/{id}/b` -> `/a/{}/b`. */
function normalisePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

function httpLabel(operation: Operation): string {
  return `${name(`${operation.op.httpMethod} ${operation.op.path}`)} (${operation.label})`;
}

export function diffOperations(ctx: DiffContext): Change[] {
  const before = operations(ctx.before.model);
  const after = operations(ctx.after.model);
  const changes: Change[] = [];
  const pathsBefore = new Set([...before.values()].map((o) => normalisePath(o.op.path)));
  const pathsAfter = new Set([...after.values()].map((o) => normalisePath(o.op.path)));

  const removedPaths = new Map<string, Operation[]>();
  for (const [key, op] of before) {
    if (after.has(key)) continue;
    const path = normalisePath(op.op.path);
    if (!pathsAfter.has(path)) removedPaths.set(path, [...(removedPaths.get(path) ?? []), op]);
    else
      changes.push({
        severity: "breaking",
        rule: "operation-removed",
        message: `operation ${httpLabel(op)} removed`,
      });
  }
  for (const ops of removedPaths.values()) {
    const methods = joinWords(ops.map((o) => o.label));
    const message = `path ${name(ops[0]?.op.path ?? "")} removed (${methods})`;
    changes.push({ severity: "breaking", rule: "path-removed", message });
  }
  for (const [key, op] of after) {
    if (before.has(key)) continue;
    const rule = pathsBefore.has(normalisePath(op.op.path)) ? "operation-added" : "path-added";
    changes.push({ severity: "additive", rule, message: `operation ${httpLabel(op)} added` });
  }
  for (const [key, op] of after) {
    const old = before.get(key);
    if (old) changes.push(...diffOperation(ctx, old, op));
  }
  return changes;
}

function diffOperation(ctx: DiffContext, before: Operation, after: Operation): Change[] {
  const o = before.op;
  const n = after.op;
  const label = after.label;
  // Messages written here name the method themselves; those from parameters and bodies get `where`.
  const { changes, add } = collector();

  if (before.label !== label) add("breaking", "method-renamed", `${before.label} is now ${label}`);
  const oPos = positionalIndex(o);
  const nPos = positionalIndex(n);
  if (oPos !== nPos) {
    const names = pathParamNames(n.path);
    const now =
      nPos === undefined ? "no positional argument" : `${name(names[nPos] ?? "")} as its first argument`;
    add("breaking", "positional-changed", `${label} now takes ${now}`);
  }
  if (!same(pageType(o), pageType(n))) {
    add("breaking", "pagination-changed", `pagination of ${label} changed: it returns a different page type`);
  } else if (maxPageSize(o) !== maxPageSize(n)) {
    add("patch", "pagination-limit-changed", `largest page size of ${label} changed`);
  }
  if (o.idempotent !== n.idempotent) {
    const now = n.idempotent ? "now" : "no longer";
    add("patch", "idempotency-changed", `${label} is ${now} retried automatically like a GET`);
  }
  if (o.servedBy !== n.servedBy)
    add("patch", "extension-changed", `${name("x-sdk-served-by")} of ${label} changed`);
  if (o.operationId !== undefined && o.operationId !== n.operationId) {
    add(
      "breaking",
      "operation-id-changed",
      `operation id of ${label} changed from ${code(o.operationId)} to ${code(n.operationId ?? null)}: the exported \`operations\` type is keyed by it`,
    );
  }
  const docs = (["summary", "description", "tags"] as const).filter((key) => !same(o[key], n[key]));
  if (docs.length > 0) add("patch", "documentation-changed", `${joinWords(docs)} of ${label} updated`);
  if (!o.deprecated && n.deprecated) add("additive", "deprecated", `${label} is now deprecated`);
  if (o.deprecated && !n.deprecated) add("patch", "undeprecated", `${label} is no longer deprecated`);
  security(o.security, n.security, label, add);

  const where = label;
  changes.push(...parameters(ctx, o, n).map((c) => ({ ...c, where })));
  changes.push(...requestBody(ctx, o.body, n.body).map((c) => ({ ...c, where })));
  changes.push(...responses(ctx, o.responses, n.responses).map((c) => ({ ...c, where })));
  return changes;
}

/**
 * What decides the page type a list returns: the style and the parameters it pages with. The item (compared as
 * the response) and the item key (the field that spots a repeated page, usually a required `id`) do not.
 */
function pageType(op: OperationModel): unknown {
  if (!op.pagination) return undefined;
  const { item: _item, itemKey: _key, ...rest } = op.pagination;
  return { ...rest, maxPageSize: undefined };
}

function maxPageSize(op: OperationModel): number | undefined {
  return op.pagination && "maxPageSize" in op.pagination ? op.pagination.maxPageSize : undefined;
}

/** The requirements as the spec lists them: `{ scheme: scopes }` each, `{}` for anonymous access. */
function requirements(security: SecurityModel): string[] {
  const list = security.schemes.map((scheme) => canonical({ [scheme]: security.scopes?.[scheme] ?? [] }));
  // No requirement at all means anonymous access, the same as one empty requirement object.
  if (security.optional || list.length === 0) list.push(canonical({}));
  return list;
}

function describe(list: readonly string[]): string {
  if (list.length === 0) return "no authentication";
  return joinWords(
    list.map((entry) => {
      const requirement = JSON.parse(entry) as Record<string, string[]>;
      const parts = Object.entries(requirement).map(
        ([scheme, scopes]) =>
          `${name(scheme)}${scopes.length > 0 ? ` with scopes ${scopes.map(name).join(", ")}` : ""}`,
      );
      return parts.length === 0 ? "anonymous access" : parts.join(" plus ");
    }),
  );
}

function security(o: SecurityModel, n: SecurityModel, label: string, add: Add) {
  const before = requirements(o);
  const after = requirements(n);
  if (same(before.slice().sort(), after.slice().sort())) return;
  if (before.every((entry) => after.includes(entry))) {
    const extra = describe(after.filter((e) => !before.includes(e)));
    add("additive", "security-widened", `${label} now also accepts ${extra}`);
  } else {
    add(
      "breaking",
      "security-changed",
      `authentication of ${label} changed to ${describe(after)} (was ${describe(before)})`,
    );
  }
}
