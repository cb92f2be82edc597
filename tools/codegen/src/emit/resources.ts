import {
  type ClassDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type PropertyDeclarationStructure,
  type StatementStructures,
  StructureKind,
} from "ts-morph";
import type { OperationModel, ResourceModel } from "../ir/types.ts";
import { operationDocs } from "./docs.ts";
import { Imports } from "./imports.ts";
import type { SchemaTypes } from "./schema-types.ts";
import { docText, LINE_WIDTH, member, printValue } from "./text.ts";

const CORE = "@sso/core";
export const TYPES_FILE = "types.ts";

/** One generated file: its path under `src/generated/` and its top-level statements, in order. */
export interface FileStructures {
  file: string;
  /** Structures, or text for the few statements ts-morph would print with a hanging indent. */
  statements: (StatementStructures | string)[];
}

/** The file of one resource: an operation descriptor per method, then the class. */
export function resourceFile(resource: ResourceModel, types: SchemaTypes): FileStructures {
  const imports = new Imports(resource.file);
  const descriptors = resource.operations.map((op) => descriptor(op, imports));
  const cls: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: resource.className,
    extends: imports.value(CORE, "APIResource"),
    ...(resource.description ? { docs: [docText(resource.description)] } : {}),
    properties: resource.children.map((child) => childProperty(child, imports)),
    methods: resource.operations.map((op) => method(op, resource, imports, types)),
  };
  return { file: resource.file, statements: [...imports.structures(), ...descriptors, cls] };
}

export function childProperty(child: ResourceModel, imports: Imports, client = "this._client") {
  const name = imports.value(child.file, child.className);
  return {
    name: child.property,
    isReadonly: true,
    type: name,
    initializer: `new ${name}(${client})`,
    ...(child.description ? { docs: [docText(child.description)] } : {}),
  } satisfies OptionalKind<PropertyDeclarationStructure>;
}

/**
 * `const getOperation = { method, path, idempotent, pagination } as const satisfies OperationDescriptor;`,
 * as text: a multi-line initializer in a VariableStatement structure would get a hanging indent.
 */
function descriptor(op: OperationModel, imports: Imports): string {
  const { pagination } = op;
  const value = {
    method: op.httpMethod,
    path: op.path,
    idempotent: op.idempotent,
    ...(pagination ? { pagination: { ...pagination, item: undefined } } : {}),
  };
  const suffix = ` as const satisfies ${imports.type(CORE, "OperationDescriptor")};`;
  const head = `const ${op.name}Operation = `;
  return `${head}${printValue(value, "", LINE_WIDTH - head.length - suffix.length)}${suffix}`;
}

function method(
  op: OperationModel,
  resource: ResourceModel,
  imports: Imports,
  types: SchemaTypes,
): OptionalKind<MethodDeclarationStructure> {
  const use = (printed: { text: string; refs: string[] }) => {
    for (const ref of printed.refs) imports.type(TYPES_FILE, ref);
    return printed.text;
  };
  const parameters = [];
  if (op.positional)
    parameters.push({ name: op.positional.local, type: use(types.print(op.positional.type)) });
  if (op.paramsType) {
    parameters.push({
      name: "params",
      type: imports.type(TYPES_FILE, op.paramsType),
      ...(op.paramsOptional ? { initializer: "{}" } : {}),
    });
  }
  parameters.push({ name: "options", type: imports.type(CORE, "RequestOptions"), hasQuestionToken: true });

  let returnType: string;
  let call: string;
  let returnTypeName: string | undefined;
  if (op.pagination) {
    const item = use(types.print(op.pagination.item));
    returnType = `${imports.type(CORE, "PagePromise")}<${item}>`;
    call = `requestPage<${item}>`;
  } else {
    const data = op.response.alias
      ? imports.type(TYPES_FILE, op.response.alias)
      : use(types.print(op.response.type));
    returnTypeName = op.response.alias;
    returnType = `${imports.type(CORE, "APIPromise")}<${data}>`;
    call = `request<${data}>`;
  }
  return {
    name: op.name,
    docs: [operationDocs(op, resource, returnTypeName)],
    parameters,
    returnType,
    statements: body(op, call),
  };
}

/** Splits the params object into path, query, headers and body, then hands off to the runtime. */
function body(op: OperationModel, call: string): string[] {
  const byLocation = (location: string) => op.parameters.filter((p) => p.location === location);
  const template = (p: { name: string }) => op.path.indexOf(`{${p.name}}`);
  const path = [...(op.positional ? [op.positional] : []), ...byLocation("path")].sort(
    (a, b) => template(a) - template(b),
  );
  const query = byLocation("query");
  const headers = byLocation("header");
  const hasBody = op.body !== undefined;
  const statements: string[] = [];
  const named = [...byLocation("path"), ...query, ...headers];
  let bodyExpression = "body";
  if (named.length > 0) {
    const parts = named.map((p) => member(p.name, p.local));
    statements.push(`const { ${[...parts, ...(hasBody ? ["...body"] : [])].join(", ")} } = params;`);
  } else if (hasBody) {
    bodyExpression = "params";
  }
  const group = (key: string, list: typeof named) =>
    list.length > 0 ? [`${key}: { ${list.map((p) => member(p.name, p.local)).join(", ")} }`] : [];
  const input = [
    ...group("path", path),
    ...group("query", query),
    ...group("headers", headers),
    ...(hasBody ? [bodyExpression === "body" ? "body" : `body: ${bodyExpression}`] : []),
  ];
  const args = [`${op.name}Operation`, input.length > 0 ? `{ ${input.join(", ")} }` : "{}", "options"];
  const flat = `return this._client.${call}(${args.join(", ")});`;
  statements.push(
    flat.length + 4 <= LINE_WIDTH
      ? flat
      : `return this._client.${call}(\n${args.map((a) => `  ${a},`).join("\n")}\n);`,
  );
  return statements;
}
