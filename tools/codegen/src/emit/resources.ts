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
import { Code, docText, LINE_WIDTH, member, printValue } from "./text.ts";

/** Generated code imports the runtime's internal face; users import the public one through each client. */
const CORE = "@sso/core/internal";
/**
 * The factory @sso/core/internal exports for each x-sdk-pagination style (its PAGINATION_STYLES; the
 * test in test/core-facts.test.ts keeps the two equal until the generator imports the table).
 */
export const PAGINATION_FACTORIES: Record<string, string> = {
  single: "singlePage",
  "page-number": "pageNumber",
  "result-info": "resultInfo",
  cursor: "cursor",
};
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
 * `const getOperation = { method, path, idempotent, params, required, ... } as const satisfies OperationDescriptor;`:
 * everything the runtime needs to split the params object, check it and the response, and authorize the call.
 * As text: a multi-line initializer in a VariableStatement structure would get a hanging indent.
 */
function descriptor(op: OperationModel, imports: Imports): string {
  const named = namedParameters(op);
  const required = [
    ...named.filter((p) => p.required).map((p) => p.name),
    ...(op.body?.required ? op.body.fields.filter((f) => f.required).map((f) => f.name) : []),
  ];
  const limited = named.filter((p) => p.limits);
  const value = {
    method: op.httpMethod,
    path: op.path,
    idempotent: op.idempotent,
    ...(named.length > 0 ? { params: Object.fromEntries(named.map((p) => [p.name, p.location])) } : {}),
    ...(required.length > 0 ? { required } : {}),
    ...(op.body ? { body: "fields", ...(op.body.required ? {} : { bodyOptional: true }) } : {}),
    ...(limited.length > 0 ? { limits: Object.fromEntries(limited.map((p) => [p.name, p.limits])) } : {}),
    security: op.security,
    ...(op.response.shape ? { response: op.response.shape } : {}),
    ...(op.response.hasContent ? {} : { content: "none" }),
    ...(op.pagination ? { pagination: pagination(op.pagination, imports) } : {}),
    ...(op.servedBy ? { servedBy: op.servedBy } : {}),
  };
  const suffix = ` as const satisfies ${imports.type(CORE, "OperationDescriptor")};`;
  const head = `const ${op.name}Operation = `;
  return `${head}${printValue(value, "", LINE_WIDTH - head.length - suffix.length)}${suffix}`;
}

/** `pageNumber({ page: "page", ... })`: the style object, imported from the runtime so only used styles are bundled. */
function pagination(model: NonNullable<OperationModel["pagination"]>, imports: Imports): Code {
  const { style, item: _item, ...options } = model;
  const factory = imports.value(CORE, PAGINATION_FACTORIES[style] ?? style);
  return new Code(`${factory}(${Object.keys(options).length > 0 ? printValue(options) : ""})`);
}

/** The positional parameter and every other named one, path parameters in template order. */
function namedParameters(op: OperationModel) {
  const template = (p: { name: string }) => op.path.indexOf(`{${p.name}}`);
  const byLocation = (location: string) => op.parameters.filter((p) => p.location === location);
  const path = [...(op.positional ? [op.positional] : []), ...byLocation("path")].sort(
    (a, b) => template(a) - template(b),
  );
  return [...path, ...byLocation("query"), ...byLocation("header")];
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

/**
 * Hands the params object to the runtime as it is, with the positional argument added: the runtime splits
 * and checks it by the descriptor, so a JS caller who leaves `params` out gets an InvalidArgumentError.
 */
function body(op: OperationModel, call: string): string[] {
  const positional = op.positional ? member(op.positional.name, op.positional.local) : undefined;
  const params = op.paramsType
    ? positional
      ? `{ ...params, ${positional} }`
      : "params"
    : positional
      ? `{ ${positional} }`
      : "{}";
  const args = [`${op.name}Operation`, params, "options"];
  const flat = `return this._client.${call}(${args.join(", ")});`;
  return [
    flat.length + 4 <= LINE_WIDTH
      ? flat
      : `return this._client.${call}(\n${args.map((a) => `  ${a},`).join("\n")}\n);`,
  ];
}
