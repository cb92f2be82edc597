import { isObject, resolve } from "./refs.ts";
import { canonical, type DiffContext, diffContext, diffSchema, sameJson } from "./schema.ts";
import type { Change, Json, JsonObject, Severity } from "./types.ts";
import { code, joinWords, name } from "./words.ts";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One operation of a spec, with what is needed to match it against the other version. */
interface Operation {
  /** `GET /accounts/{}/sso_connectors`: path parameters renamed still match. */
  key: string;
  method: string;
  path: string;
  op: JsonObject;
  pathItem: JsonObject;
  /** "`iam.sso.list()`" from the SDK extensions, else "`GET /path`". */
  label: string;
}

/** Classifies every difference between the released spec and the current one. */
export function diffSpecs(oldDoc: JsonObject, newDoc: JsonObject): Change[] {
  const ctx = diffContext(oldDoc, newDoc);
  const changes = [...diffDocument(ctx), ...diffOperations(ctx)];
  if (changes.length === 0 && canonical(oldDoc) !== canonical(newDoc)) {
    changes.push({
      severity: "patch",
      rule: "other",
      message: "other spec changes with no effect on the SDK",
    });
  }
  return changes;
}

function operations(doc: JsonObject): Map<string, Operation> {
  const out = new Map<string, Operation>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths).sort()) {
    const pathItem = resolve(doc, paths[path]).node;
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const key = `${method.toUpperCase()} ${normalisePath(path)}`;
      out.set(key, {
        key,
        method: method.toUpperCase(),
        path,
        op,
        pathItem,
        label: operationLabel(method, path, op),
      });
    }
  }
  return out;
}

/** `/a/{id}/b` -> `/a/{}/b`. */
function normalisePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
}

function operationLabel(method: string, path: string, op: JsonObject): string {
  const resource = op["x-sdk-resource"];
  const sdkMethod = op["x-sdk-method"];
  if (typeof resource === "string" && typeof sdkMethod === "string")
    return name(`${resource}.${sdkMethod}()`);
  return name(`${method.toUpperCase()} ${path}`);
}

function httpLabel(op: Operation): string {
  const http = name(`${op.method} ${op.path}`);
  return op.label === http ? http : `${http} (${op.label})`;
}

function diffOperations(ctx: DiffContext): Change[] {
  const before = operations(ctx.oldDoc);
  const after = operations(ctx.newDoc);
  const changes: Change[] = [];
  const pathsBefore = new Set([...before.values()].map((o) => normalisePath(o.path)));
  const pathsAfter = new Set([...after.values()].map((o) => normalisePath(o.path)));

  const removedPaths = new Map<string, Operation[]>();
  for (const [key, op] of before) {
    if (after.has(key)) continue;
    const path = normalisePath(op.path);
    if (!pathsAfter.has(path)) removedPaths.set(path, [...(removedPaths.get(path) ?? []), op]);
    else {
      changes.push({
        severity: "breaking",
        rule: "operation-removed",
        message: `operation ${httpLabel(op)} removed`,
      });
    }
  }
  for (const ops of removedPaths.values()) {
    const first = ops[0]!;
    const methods = joinWords(ops.map((o) => o.label));
    changes.push({
      severity: "breaking",
      rule: "path-removed",
      message: `path ${name(first.path)} removed (${methods})`,
    });
  }
  for (const [key, op] of after) {
    if (before.has(key)) continue;
    const rule = pathsBefore.has(normalisePath(op.path)) ? "operation-added" : "path-added";
    changes.push({ severity: "additive", rule, message: `operation ${httpLabel(op)} added` });
  }
  for (const [key, op] of after) {
    const old = before.get(key);
    if (old) changes.push(...diffOperation(ctx, old, op));
  }
  return changes;
}

function diffOperation(ctx: DiffContext, o: Operation, n: Operation): Change[] {
  const where = n.label;
  const changes: Change[] = [];
  // Messages written here name the method themselves; those from parameters and bodies get `where`.
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });

  if (o.label !== n.label) add("breaking", "method-renamed", `${o.label} is now ${n.label}`);
  const oPos = positionalIndex(o);
  const nPos = positionalIndex(n);
  if (oPos !== nPos) {
    const names = pathParamNames(n.path);
    const now =
      nPos === undefined ? "no positional argument" : `${name(names[nPos] ?? "")} as its first argument`;
    add("breaking", "positional-changed", `${n.label} now takes ${now}`);
  }
  const pagination = (op: JsonObject) => {
    const p = isObject(op["x-sdk-pagination"]) ? op["x-sdk-pagination"] : undefined;
    if (!p) return undefined;
    const { maxPageSize: _, ...rest } = p;
    return rest;
  };
  if (!sameJson(pagination(o.op), pagination(n.op))) {
    add(
      "breaking",
      "pagination-changed",
      `pagination of ${n.label} changed: it returns a different page type`,
    );
  } else if (!sameJson(o.op["x-sdk-pagination"], n.op["x-sdk-pagination"])) {
    add("patch", "pagination-limit-changed", `largest page size of ${n.label} changed`);
  }
  if ((o.op["x-sdk-idempotent"] === true) !== (n.op["x-sdk-idempotent"] === true)) {
    const now = n.op["x-sdk-idempotent"] === true;
    add(
      "patch",
      "idempotency-changed",
      `${n.label} is ${now ? "now" : "no longer"} retried automatically like a GET`,
    );
  }
  const sdkKeys = new Set([
    "x-sdk-resource",
    "x-sdk-method",
    "x-sdk-positional",
    "x-sdk-pagination",
    "x-sdk-idempotent",
  ]);
  const extensions = keysOf(o.op, n.op).filter(
    (k) => k.startsWith("x-") && !sdkKeys.has(k) && !sameJson(o.op[k], n.op[k]),
  );
  if (extensions.length > 0)
    add("patch", "extension-changed", `${joinWords(extensions.map(name))} of ${n.label} changed`);

  if (o.op.operationId !== undefined && !sameJson(o.op.operationId, n.op.operationId)) {
    const was = code(o.op.operationId);
    const now = code(n.op.operationId ?? null);
    add(
      "breaking",
      "operation-id-changed",
      `operation id of ${n.label} changed from ${was} to ${now}: the exported \`operations\` type is keyed by it`,
    );
  }
  const docs = ["summary", "description", "tags", "externalDocs"].filter((k) => !sameJson(o.op[k], n.op[k]));
  if (docs.length > 0) add("patch", "documentation-changed", `${joinWords(docs)} of ${n.label} updated`);
  if (o.op.deprecated !== true && n.op.deprecated === true)
    add("additive", "deprecated", `${n.label} is now deprecated`);
  if (o.op.deprecated === true && n.op.deprecated !== true)
    add("patch", "undeprecated", `${n.label} is no longer deprecated`);
  const servers = (x: Operation) => x.op.servers ?? x.pathItem.servers;
  if (!sameJson(servers(o), servers(n)))
    add("additive", "servers-changed", `server URLs of ${n.label} changed`);

  security(ctx, o, n, add);
  changes.push(...parameters(ctx, o, n).map((c) => ({ ...c, where })));
  changes.push(...requestBody(ctx, o.op.requestBody, n.op.requestBody).map((c) => ({ ...c, where })));
  changes.push(...responses(ctx, o.op.responses, n.op.responses).map((c) => ({ ...c, where })));

  const handled = new Set([
    ...sdkKeys,
    ...docs,
    "summary",
    "description",
    "tags",
    "externalDocs",
    "operationId",
    "deprecated",
    "servers",
    "security",
    "parameters",
    "requestBody",
    "responses",
  ]);
  for (const key of keysOf(o.op, n.op)) {
    if (handled.has(key) || key.startsWith("x-") || sameJson(o.op[key], n.op[key])) continue;
    add("patch", "operation-keyword-changed", `${name(key)} of ${n.label} changed`);
  }
  return changes;
}

function keysOf(a: JsonObject, b: JsonObject): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** Index (in the path template) of the path parameter passed positionally, per `x-sdk-positional`. */
function positionalIndex(op: Operation): number | undefined {
  const names = pathParamNames(op.path);
  const declared = op.op["x-sdk-positional"];
  if (declared === false) return undefined;
  if (typeof declared === "string") {
    const index = names.indexOf(declared);
    return index === -1 ? undefined : index;
  }
  return names.length === 0 ? undefined : names.length - 1;
}

function security(
  ctx: DiffContext,
  o: Operation,
  n: Operation,
  add: (s: Severity, r: string, m: string) => void,
) {
  const alternatives = (doc: JsonObject, op: JsonObject) => {
    const list = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
    // No requirement at all means anonymous access, the same as one empty requirement object.
    return list.length === 0 ? [canonical({})] : list.map((entry) => canonical(entry));
  };
  const before = alternatives(ctx.oldDoc, o.op);
  const after = alternatives(ctx.newDoc, n.op);
  if (canonical(before.slice().sort()) === canonical(after.slice().sort())) return;
  const describe = (list: string[]) =>
    list.length === 0
      ? "no authentication"
      : joinWords(
          list.map((entry) => {
            const requirement = JSON.parse(entry) as Record<string, string[]>;
            const parts = Object.entries(requirement).map(
              ([scheme, scopes]) =>
                `${name(scheme)}${scopes.length > 0 ? ` with scopes ${scopes.map(name).join(", ")}` : ""}`,
            );
            return parts.length === 0 ? "anonymous access" : parts.join(" plus ");
          }),
        );
  if (before.every((entry) => after.includes(entry))) {
    add(
      "additive",
      "security-widened",
      `${n.label} now also accepts ${describe(after.filter((e) => !before.includes(e)))}`,
    );
  } else {
    add(
      "breaking",
      "security-changed",
      `authentication of ${n.label} changed to ${describe(after)} (was ${describe(before)})`,
    );
  }
}

interface Parameter {
  key: string;
  label: string;
  param: JsonObject;
}

function parameterList(doc: JsonObject, op: Operation): Map<string, Parameter> {
  const names = pathParamNames(op.path);
  const merged = new Map<string, JsonObject>();
  for (const source of [op.pathItem.parameters, op.op.parameters]) {
    if (!Array.isArray(source)) continue;
    for (const raw of source) {
      const param = resolve(doc, raw).node;
      if (typeof param.name !== "string" || typeof param.in !== "string") continue;
      merged.set(`${param.in}:${param.name}`, param);
    }
  }
  const out = new Map<string, Parameter>();
  for (const param of merged.values()) {
    const where = param.in as string;
    const pname = param.name as string;
    const key =
      where === "path"
        ? `path#${names.indexOf(pname)}`
        : `${where}:${where === "header" ? pname.toLowerCase() : pname}`;
    const noun = where === "header" ? "header" : where === "cookie" ? "cookie" : `${where} parameter`;
    out.set(key, { key, label: `${name(pname)} ${noun}`, param });
  }
  return out;
}

function parameters(ctx: DiffContext, o: Operation, n: Operation): Change[] {
  const before = parameterList(ctx.oldDoc, o);
  const after = parameterList(ctx.newDoc, n);
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });
  for (const [key, p] of before) {
    if (!after.has(key)) add("breaking", "parameter-removed", `${p.label} removed`);
  }
  for (const [key, p] of after) {
    const old = before.get(key);
    if (!old) {
      if (p.param.required === true)
        add("breaking", "required-parameter-added", `${p.label} added and required`);
      else add("additive", "parameter-added", `${p.label} added (optional)`);
      continue;
    }
    const what = p.label;
    if (old.param.name !== p.param.name) {
      const positional = key === `path#${positionalIndex(n)}` && key === `path#${positionalIndex(o)}`;
      if (positional) {
        add(
          "patch",
          "positional-parameter-renamed",
          `${old.label} renamed to ${what} (passed positionally, calls are unchanged)`,
        );
      } else add("breaking", "parameter-renamed", `${old.label} renamed to ${what}`);
    }
    if ((old.param.required === true) !== (p.param.required === true)) {
      if (p.param.required === true) add("breaking", "parameter-required", `${what} is now required`);
      else add("additive", "parameter-optional", `${what} is now optional`);
    }
    const serialisation = ["style", "explode", "allowReserved", "allowEmptyValue"].filter(
      (k) => !sameJson(old.param[k], p.param[k]),
    );
    if (serialisation.length > 0) {
      add(
        "breaking",
        "parameter-serialisation-changed",
        `serialisation of ${what} changed (${joinWords(serialisation)})`,
      );
    }
    const docs = ["description", "example", "examples"].filter((k) => !sameJson(old.param[k], p.param[k]));
    if (docs.length > 0) add("patch", "documentation-changed", `${joinWords(docs)} of ${what} updated`);
    if (old.param.deprecated !== true && p.param.deprecated === true)
      add("additive", "deprecated", `${what} is now deprecated`);
    if (old.param.deprecated === true && p.param.deprecated !== true) {
      add("patch", "undeprecated", `${what} is no longer deprecated`);
    }
    changes.push(
      ...diffSchema(ctx, paramSchema(old.param), paramSchema(p.param), {
        dir: "request",
        root: what,
        anchored: false,
      }),
    );
  }
  return changes;
}

function paramSchema(param: JsonObject): Json | undefined {
  if (param.schema !== undefined) return param.schema;
  if (isObject(param.content)) {
    const first = Object.values(param.content)[0];
    if (isObject(first)) return first.schema;
  }
  return undefined;
}

function requestBody(ctx: DiffContext, oldRaw: Json | undefined, newRaw: Json | undefined): Change[] {
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });
  if (oldRaw === undefined && newRaw === undefined) return changes;
  const o = resolve(ctx.oldDoc, oldRaw).node;
  const n = resolve(ctx.newDoc, newRaw).node;
  if (oldRaw === undefined) {
    if (n.required === true) add("breaking", "request-body-added", "request body added and required");
    else add("additive", "request-body-added", "optional request body added");
    return changes;
  }
  if (newRaw === undefined) {
    add("breaking", "request-body-removed", "request body removed");
    return changes;
  }
  if ((o.required === true) !== (n.required === true)) {
    if (n.required === true) add("breaking", "request-body-required", "request body is now required");
    else add("additive", "request-body-optional", "request body is now optional");
  }
  if (!sameJson(o.description, n.description))
    add("patch", "documentation-changed", "description of request body updated");
  changes.push(...content(ctx, o.content, n.content, "request", "request body", true));
  return changes;
}

function content(
  ctx: DiffContext,
  oldRaw: Json | undefined,
  newRaw: Json | undefined,
  dir: "request" | "response",
  root: string,
  success: boolean,
): Change[] {
  const o = isObject(oldRaw) ? oldRaw : {};
  const n = isObject(newRaw) ? newRaw : {};
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });
  for (const type of Object.keys(o).sort()) {
    if (n[type] !== undefined) continue;
    if (dir === "request") add("breaking", "media-type-removed", `${root} no longer accepts ${name(type)}`);
    else if (success) add("breaking", "media-type-removed", `${root} is no longer sent as ${name(type)}`);
    else add("patch", "media-type-removed", `${root} is no longer documented as ${name(type)}`);
  }
  for (const type of Object.keys(n).sort()) {
    const before = o[type];
    const after = n[type];
    if (before === undefined) {
      if (dir === "request") add("additive", "media-type-added", `${root} now also accepts ${name(type)}`);
      else if (success) add("widening", "media-type-added", `${root} may now be sent as ${name(type)}`);
      else add("additive", "media-type-added", `${root} is now documented as ${name(type)}`);
      continue;
    }
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const docs = ["example", "examples"].filter((k) => !sameJson(b[k], a[k]));
    if (docs.length > 0) add("patch", "documentation-changed", `${joinWords(docs)} of ${root} updated`);
    changes.push(...diffSchema(ctx, b.schema, a.schema, { dir, root, anchored: false }));
  }
  return changes;
}

function isSuccess(status: string): boolean {
  return /^2/.test(status);
}

function responses(ctx: DiffContext, oldRaw: Json | undefined, newRaw: Json | undefined): Change[] {
  const o = isObject(oldRaw) ? oldRaw : {};
  const n = isObject(newRaw) ? newRaw : {};
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });
  for (const status of Object.keys(o).sort()) {
    if (n[status] !== undefined) continue;
    if (isSuccess(status))
      add("breaking", "success-status-removed", `no longer answers with status ${name(status)}`);
    else add("patch", "error-status-removed", `no longer documents a ${name(status)} error`);
  }
  for (const status of Object.keys(n).sort()) {
    const success = isSuccess(status);
    if (o[status] === undefined) {
      if (success) add("widening", "success-status-added", `may now answer with status ${name(status)}`);
      else add("additive", "error-status-added", `now documents a ${name(status)} error`);
      continue;
    }
    const before = resolve(ctx.oldDoc, o[status]).node;
    const after = resolve(ctx.newDoc, n[status]).node;
    const root = success ? "response body" : `${name(status)} error body`;
    if (!sameJson(before.description, after.description)) {
      add("patch", "documentation-changed", `description of the ${name(status)} response updated`);
    }
    changes.push(...headers(ctx, before.headers, after.headers, success));
    changes.push(...content(ctx, before.content, after.content, "response", root, success));
  }
  return changes;
}

function headers(
  ctx: DiffContext,
  oldRaw: Json | undefined,
  newRaw: Json | undefined,
  success: boolean,
): Change[] {
  const index = (doc: JsonObject, raw: Json | undefined) => {
    const out = new Map<string, { name: string; header: JsonObject }>();
    if (!isObject(raw)) return out;
    for (const [key, value] of Object.entries(raw)) {
      out.set(key.toLowerCase(), { name: key, header: resolve(doc, value).node });
    }
    return out;
  };
  const before = index(ctx.oldDoc, oldRaw);
  const after = index(ctx.newDoc, newRaw);
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });
  for (const [key, h] of before) {
    if (after.has(key)) continue;
    if (success) add("breaking", "response-header-removed", `response header ${name(h.name)} removed`);
    else
      add("patch", "response-header-removed", `error response header ${name(h.name)} no longer documented`);
  }
  for (const [key, h] of after) {
    const old = before.get(key);
    const root = `response header ${name(h.name)}`;
    if (!old) {
      add("additive", "response-header-added", `${root} added`);
      continue;
    }
    if (!sameJson(old.header.description, h.header.description))
      add("patch", "documentation-changed", `description of ${root} updated`);
    if (success && old.header.required === true && h.header.required !== true) {
      add("breaking", "response-header-optional", `${root} may now be absent`);
    }
    changes.push(
      ...diffSchema(ctx, old.header.schema, h.header.schema, { dir: "response", root, anchored: false }),
    );
  }
  return changes;
}

function diffDocument(ctx: DiffContext): Change[] {
  const o = ctx.oldDoc;
  const n = ctx.newDoc;
  const changes: Change[] = [];
  const add = (severity: Severity, rule: string, message: string) =>
    changes.push({ severity, rule, message });
  const client = (doc: JsonObject) => (isObject(doc["x-sdk-client"]) ? doc["x-sdk-client"] : {});
  const [oc, nc] = [client(o), client(n)];
  if (oc.name !== undefined && !sameJson(oc.name, nc.name)) {
    add("breaking", "client-renamed", `client class ${code(oc.name)} renamed to ${code(nc.name)}`);
  }
  if (oc.package !== undefined && !sameJson(oc.package, nc.package)) {
    add("breaking", "package-renamed", `package ${code(oc.package)} renamed to ${code(nc.package)}`);
  }
  if (Object.keys(oc).length > 0 && !sameJson(o["x-sdk-envelope"], n["x-sdk-envelope"])) {
    add(
      "breaking",
      "envelope-changed",
      `response envelope changed from ${code(o["x-sdk-envelope"] ?? null)} to ${code(n["x-sdk-envelope"] ?? null)}`,
    );
  }
  const url = (doc: JsonObject) =>
    Array.isArray(doc.servers) && isObject(doc.servers[0]) ? doc.servers[0].url : undefined;
  if (url(o) !== undefined && !sameJson(url(o), url(n))) {
    add(
      "additive",
      "default-server-changed",
      `default base URL changed from ${code(url(o))} to ${code(url(n))}`,
    );
  } else if (!sameJson(o.servers, n.servers)) add("patch", "servers-documented", "server list updated");
  if (!sameJson(o.info, n.info))
    add("patch", "info-changed", "spec information (title, version, description) updated");
  if (!sameJson(o.tags, n.tags)) add("patch", "tags-changed", "tag descriptions updated");

  const components = (doc: JsonObject) => (isObject(doc.components) ? doc.components : {});
  const group = (doc: JsonObject, key: string) => {
    const value = components(doc)[key];
    return isObject(value) ? value : {};
  };
  const [os, ns] = [group(o, "schemas"), group(n, "schemas")];
  for (const type of Object.keys(os).sort()) {
    if (ns[type] === undefined) add("breaking", "type-removed", `exported type ${name(type)} removed`);
  }
  for (const type of Object.keys(ns).sort()) {
    if (os[type] === undefined) add("additive", "type-added", `exported type ${name(type)} added`);
  }
  const [oa, na] = [group(o, "securitySchemes"), group(n, "securitySchemes")];
  for (const scheme of Object.keys(oa).sort()) {
    if (na[scheme] === undefined)
      add("breaking", "auth-scheme-removed", `authentication scheme ${name(scheme)} removed`);
  }
  for (const scheme of Object.keys(na).sort()) {
    const before = oa[scheme];
    const after = na[scheme];
    if (before === undefined) {
      add("additive", "auth-scheme-added", `authentication scheme ${name(scheme)} added`);
      continue;
    }
    const strip = (s: Json | undefined) => {
      if (!isObject(s)) return s;
      const { description: _, ...rest } = s;
      return rest;
    };
    if (!sameJson(strip(before), strip(after))) {
      add("breaking", "auth-scheme-changed", `authentication scheme ${name(scheme)} changed`);
    } else if (!sameJson(before, after)) {
      add("patch", "documentation-changed", `description of authentication scheme ${name(scheme)} updated`);
    }
  }
  return changes;
}
