/**
 * The ir stage: one pass over a loaded spec into the `ApiModel`. It reads every schema and operation, names each
 * operation's place on the client, builds the resource tree, and reports every problem of the spec at once.
 */

import type { LoadedSpec } from "../load/load.js";
import { PUBLIC_EXPORTS, RESERVED_CLIENT_MEMBERS, RESERVED_RESOURCE_MEMBERS } from "../runtime-facts.js";
import { type PackageInfo, readClient } from "./client.js";
import { checkExtensions, child, compare, Document, isRecord } from "./document.js";
import type { ApiModel, HttpMethod, OperationModel, ResourceModel, WorkflowModel } from "./model.js";
import { Casing, isIdentifier, kebabCase, pascalCase } from "./names.js";
import { METHOD_RE, place } from "./placement.js";
import { Problems } from "./problems.js";
import { type ReadOperation, readOperation } from "./read-operation.js";
import { SchemaReader } from "./read-schema.js";
import type { NamedSchema, Schema } from "./schema.js";
import { SecurityReader } from "./security.js";
import { infiniteComponents, isDirectional, jsonTypes, selfContaining } from "./shape.js";

export type { PackageInfo };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const UNSUPPORTED_METHODS = ["head", "options", "trace"] as const;
/** Names a public type must not take: globals users reach for, and the names generated files import. */
const TAKEN_TYPE_NAMES = new Set(
  (
    "Array ArrayBuffer Awaited Blob Boolean Date Error Exclude Extract File FormData Function Headers JSON Map " +
    "Math NonNullable Number Object Omit Partial Pick Promise Readonly Record RegExp Request Required Response " +
    "ReturnType Set String Symbol URL Uint8Array components operations paths webhooks Readable Writable " +
    "APIResource BaseClient OperationDescriptor"
  ).split(" "),
);

/** Normalises a loaded spec into the ApiModel; throws a SpecError with every problem found. */
export function buildModel(spec: LoadedSpec, pkg: PackageInfo): ApiModel {
  const doc = new Document(spec.document);
  const problems = new Problems(spec.source);
  const schemas = new SchemaReader(doc, problems);
  const security = new SecurityReader(doc, problems);
  const components = (name: string): Schema => schemas.component(name);
  checkExtensions(doc.root, "#", ["x-sdk-client", "x-sdk-envelope", "x-sdk-workflows"], (at, message) =>
    problems.add(at, message),
  );
  const named = namedSchemas(doc, problems, schemas);
  const envelope = doc.root["x-sdk-envelope"] === "cloudflare" ? ("cloudflare" as const) : undefined;
  const ctx = { doc, problems, schemas, security, components, ...(envelope ? { envelope } : {}) };
  const read: ReadOperation[] = [];
  const paths = isRecord(doc.root.paths) ? doc.root.paths : {};
  for (const path of Object.keys(paths).sort(compare)) {
    const itemPointer = child("#/paths", path);
    const item = doc.resolve(paths[path], itemPointer);
    if (!item) {
      problems.add(itemPointer, "path item `$ref` names nothing");
      continue;
    }
    for (const method of UNSUPPORTED_METHODS) {
      if (method in item.value)
        problems.add(child(itemPointer, method), `HTTP method ${method} is not supported`);
    }
    for (const method of METHODS) {
      const operation = item.value[method];
      if (!isRecord(operation)) continue;
      problems.operation = `${method.toUpperCase()} ${path}`;
      const op = readOperation(
        ctx,
        path,
        method.toUpperCase() as HttpMethod,
        item.value,
        item.pointer,
        operation,
        child(item.pointer, method),
      );
      problems.operation = undefined;
      if (op) read.push(op);
    }
  }
  for (const { schema, pointer } of schemas.intersections) {
    if (jsonTypes(schema, components).size === 0) {
      problems.add(pointer, "the parts of this `allOf` allow no JSON type in common: no value can have it");
    }
  }
  const client = readClient(doc, problems, pkg, spec.name, security.schemes());
  const placements = place(read, problems, components);
  const workflows = readWorkflows(doc, problems);
  const resources = resourceTree(read, placements, named, client.className, problems, doc, workflows);
  problems.throwIfAny();
  return { name: spec.name, specFile: spec.source.file, client, resources, schemas: named };
}

/** Every component schema with its public alias; clashes with each other or with taken names are refused. */
function namedSchemas(doc: Document, problems: Problems, reader: SchemaReader): NamedSchema[] {
  const raw =
    isRecord(doc.root.components) && isRecord(doc.root.components.schemas) ? doc.root.components.schemas : {};
  const byName = new Map<string, string>();
  const out: { component: string; name: string; schema: Schema }[] = [];
  for (const component of Object.keys(raw).sort(compare)) {
    const pointer = child("#/components/schemas", component);
    const ext = isRecord(raw[component]) ? raw[component]["x-sdk-name"] : undefined;
    if (ext !== undefined && (typeof ext !== "string" || !isIdentifier(ext))) {
      problems.add(child(pointer, "x-sdk-name"), "x-sdk-name must be a TypeScript identifier");
    }
    const name = typeof ext === "string" ? ext : isIdentifier(component) ? component : pascalCase(component);
    const clash = byName.get(name);
    if (clash !== undefined) {
      problems.add(
        pointer,
        `schema \`${component}\` and \`${clash}\` would both be exported as \`${name}\`; set x-sdk-name`,
      );
      continue;
    }
    if (TAKEN_TYPE_NAMES.has(name) || PUBLIC_EXPORTS.includes(name)) {
      problems.add(
        pointer,
        `schema \`${component}\` would be exported as \`${name}\`, which ${PUBLIC_EXPORTS.includes(name) ? "the runtime exports" : "shadows a global or a generated name"}; set x-sdk-name`,
      );
      continue;
    }
    byName.set(name, component);
    out.push({ component, name, schema: reader.component(component) });
  }
  const components = (name: string) => reader.component(name);
  for (const { component } of out) {
    if (selfContaining(component, components)) {
      problems.add(
        child("#/components/schemas", component),
        `schema \`${component}\` contains itself through references, compositions and array items alone; TypeScript cannot name such a type: put an object property in between`,
      );
    }
  }
  for (const component of infiniteComponents(
    out.map((s) => s.component),
    components,
  )) {
    problems.add(
      child("#/components/schemas", component),
      `schema \`${component}\` has no finite value: a required property or item leads back to it with no way out`,
    );
  }
  return out
    .map((s) => ({ ...s, directional: isDirectional(s.schema, components) }))
    .sort((a, b) => compare(a.name, b.name));
}

function resourceTree(
  read: readonly ReadOperation[],
  placements: Map<ReadOperation, { resource: string; method: string }>,
  schemas: readonly NamedSchema[],
  clientClass: string,
  problems: Problems,
  doc: Document,
  workflows: ReadonlyMap<string, readonly WorkflowModel[]>,
): ResourceModel[] {
  const keys = new Set<string>();
  for (const { resource } of placements.values()) {
    const parts = resource.split(".");
    for (let i = 1; i <= parts.length; i++) keys.add(parts.slice(0, i).join("."));
  }
  const schemaNames = new Set(schemas.map((s) => s.name));
  const casing = new Casing([...schemaNames]);
  const byProperty = new Map<string, number>();
  for (const key of keys) {
    const property = lastPart(key);
    byProperty.set(property, (byProperty.get(property) ?? 0) + 1);
  }
  const names = new Map<string, { className: string; typePrefix: string }>();
  for (const key of keys) {
    const base = pascalCase((byProperty.get(lastPart(key)) ?? 0) > 1 ? key : lastPart(key), casing);
    const taken =
      schemaNames.has(base) ||
      base === clientClass ||
      TAKEN_TYPE_NAMES.has(base) ||
      PUBLIC_EXPORTS.includes(base);
    names.set(key, { className: taken ? `${base}Resource` : base, typePrefix: base });
  }
  const typeNames = new Map<string, string>([...schemaNames].map((n) => [n, "schema"]));
  const build = (key: string): ResourceModel => {
    const { className, typePrefix } = names.get(key) as { className: string; typePrefix: string };
    const ops = read
      .filter((op) => placements.get(op)?.resource === key)
      .map((op) => operation(op, (placements.get(op) as { method: string }).method, key, typePrefix));
    ops.sort((a, b) => compare(a.path, b.path) || rank(a.httpMethod) - rank(b.httpMethod));
    const children = [...keys]
      .filter((k) => k.startsWith(`${key}.`) && !k.slice(key.length + 1).includes("."))
      .sort((a, b) => compare(lastPart(a), lastPart(b)))
      .map(build);
    for (const childResource of children) {
      const clash = ops.find((op) => op.name === childResource.property);
      if (clash) {
        problems.add(
          child(pointerOf(read, placements, clash), "x-sdk-method"),
          `\`${key}.${childResource.property}\` is both a method and a resource`,
        );
      }
    }
    for (const op of ops) {
      for (const typeName of [op.paramsType, op.resultAlias]) {
        if (!typeName) continue;
        const owner = typeNames.get(typeName);
        if (owner) {
          problems.add(
            pointerOf(read, placements, op),
            `the name \`${typeName}\` generated for ${op.key} is already taken by a ${owner}; rename one of them`,
          );
        }
        typeNames.set(typeName, `generated type of ${op.key}`);
      }
    }
    const own = workflows.get(key) ?? [];
    for (const workflow of own) {
      const taken =
        ops.some((op) => op.name === workflow.name) || children.some((c) => c.property === workflow.name);
      if (taken || RESERVED_RESOURCE_MEMBERS.includes(workflow.name)) {
        problems.add(
          child("#/x-sdk-workflows", key, workflow.name),
          `workflow \`${key}.${workflow.name}\` takes a name the resource already uses`,
        );
      }
    }
    const description = describe(read, placements, key, doc);
    return {
      key,
      property: lastPart(key),
      className,
      typePrefix,
      file: `resources/${key.split(".").map(kebabCase).join("/")}.ts`,
      ...(description ? { description } : {}),
      operations: ops,
      children,
      workflows: own,
    };
  };
  for (const key of workflows.keys()) {
    if (!keys.has(key)) {
      problems.add(
        child("#/x-sdk-workflows", key),
        `x-sdk-workflows names \`${key}\`, which is no resource of the client`,
      );
    }
  }
  const roots = [...keys].filter((k) => !k.includes(".")).sort(compare);
  for (const root of roots) {
    if (RESERVED_CLIENT_MEMBERS.includes(root)) {
      const op = read.find((o) => placements.get(o)?.resource.split(".")[0] === root);
      problems.add(
        op ? child(op.pointer, "x-sdk-resource") : "#",
        `\`${root}\` is reserved on the client (${RESERVED_CLIENT_MEMBERS.join(", ")}); set x-sdk-resource`,
      );
    }
  }
  return roots.map(build);
}

/** `x-sdk-workflows: { <resource key>: { <method>: <summary> } }`: hand-written methods, by resource. */
function readWorkflows(doc: Document, problems: Problems): Map<string, WorkflowModel[]> {
  const out = new Map<string, WorkflowModel[]>();
  const ext = doc.root["x-sdk-workflows"];
  if (ext === undefined) return out;
  if (!isRecord(ext)) {
    problems.add("#/x-sdk-workflows", "x-sdk-workflows must map resource keys to { method: summary }");
    return out;
  }
  for (const [key, methods] of Object.entries(ext)) {
    if (!isRecord(methods)) {
      problems.add(child("#/x-sdk-workflows", key), "expected { <method name>: <one-line summary> }");
      continue;
    }
    const list: WorkflowModel[] = [];
    for (const [name, summary] of Object.entries(methods)) {
      if (!METHOD_RE.test(name) || typeof summary !== "string" || !summary.trim()) {
        problems.add(
          child("#/x-sdk-workflows", key, name),
          "a workflow is a camelCase method name with a one-line summary",
        );
        continue;
      }
      list.push({ name, summary: summary.trim() });
    }
    out.set(
      key,
      list.sort((a, b) => compare(a.name, b.name)),
    );
  }
  return out;
}

function operation(op: ReadOperation, name: string, resource: string, typePrefix: string): OperationModel {
  const fields = [...op.parameters, ...(op.body?.kind === "fields" ? op.body.fields : [])];
  const takesParams = fields.length > 0 || op.body !== undefined;
  const bodyOptional = op.body === undefined || !op.body.required;
  const paramsOptional =
    op.parameters.every((p) => !p.required) &&
    (bodyOptional ||
      (op.body?.kind === "fields" && !op.body.union && op.body.fields.every((f) => !f.required)));
  const result = op.result.schema;
  const aliased = result !== undefined && ["object", "allOf", "union"].includes(result.kind);
  const { extensions: _extensions, pointer: _pointer, ...rest } = op;
  return {
    ...rest,
    key: `${resource}.${name}`,
    name,
    ...(takesParams ? { paramsType: `${typePrefix}${pascalCase(name)}Params` } : {}),
    paramsOptional,
    ...(aliased ? { resultAlias: `${typePrefix}${pascalCase(name)}Response` } : {}),
  };
}

function pointerOf(
  read: readonly ReadOperation[],
  placements: Map<ReadOperation, { resource: string; method: string }>,
  op: OperationModel,
): string {
  const found = read.find((r) => {
    const p = placements.get(r);
    return p && `${p.resource}.${p.method}` === op.key;
  });
  return found?.pointer ?? "#";
}

/** A resource's description is that of the first tag all its operations share. */
function describe(
  read: readonly ReadOperation[],
  placements: Map<ReadOperation, { resource: string }>,
  key: string,
  doc: Document,
): string | undefined {
  const tagLists = read.filter((op) => placements.get(op)?.resource === key).map((op) => op.tags);
  const shared = tagLists[0]?.find((tag) => tagLists.every((list) => list.includes(tag)));
  const tags = Array.isArray(doc.root.tags) ? doc.root.tags : [];
  const tag = tags.find((t) => isRecord(t) && t.name === shared);
  return isRecord(tag) && typeof tag.description === "string" && tag.description.trim()
    ? tag.description.trim()
    : undefined;
}

function lastPart(key: string): string {
  return key.slice(key.lastIndexOf(".") + 1);
}

function rank(method: HttpMethod): number {
  return ["GET", "POST", "PUT", "PATCH", "DELETE"].indexOf(method);
}
