import {
  type ClassDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type PropertyDeclarationStructure,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from "ts-morph";
import type { OperationModel, ResourceModel, WorkflowModel } from "../ir/model.js";
import type { EmitContext } from "./context.js";
import { descriptor } from "./descriptors.js";
import { operationDocs } from "./docs.js";
import { Imports } from "./imports.js";
import { literal } from "./literal.js";
import { docText } from "./text.js";
import { TypePrinter } from "./type-printer.js";

/** Where generated code finds the runtime. */
export const CORE = "@sso/core/internal";
export const TYPES_FILE = "types.ts";

/** One generated file: its path under `src/generated/` and its top-level statements, in order. */
export interface FileStructures {
  readonly file: string;
  readonly statements: readonly StatementStructures[];
}

/** The file of one resource: an operation descriptor per method, then the class. */
export function resourceFile(ctx: EmitContext, resource: ResourceModel): FileStructures {
  const imports = new Imports(resource.file);
  const printer = new TypePrinter(ctx.model.schemas);
  const descriptors = resource.operations.map((op) => descriptorStatement(ctx, op, imports));
  const cls: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: resource.className,
    extends: imports.value(CORE, "APIResource"),
    ...(resource.description ? { docs: [docText(resource.description)] } : {}),
    properties: resource.children.map((child) => childProperty(child, imports)),
    methods: [
      ...resource.operations.map((op) => method(ctx, op, imports, printer)),
      ...resource.workflows.map((workflow) => workflowMethod(workflow, imports)),
    ],
  };
  return { file: resource.file, statements: [...imports.structures(), ...descriptors, cls] };
}

export function childProperty(
  child: ResourceModel,
  imports: Imports,
  client = "this._client",
): OptionalKind<PropertyDeclarationStructure> {
  const name = imports.value(child.file, child.className);
  return {
    name: child.property,
    isReadonly: true,
    type: name,
    initializer: `new ${name}(${client})`,
    ...(child.description ? { docs: [docText(child.description)] } : {}),
  };
}

/** `const getOperation = { … } as const satisfies OperationDescriptor;` */
function descriptorStatement(ctx: EmitContext, op: OperationModel, imports: Imports): StatementStructures {
  const { value, factories } = descriptor(op, ctx.components);
  for (const factory of factories) imports.value(CORE, factory);
  return {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      {
        name: `${op.name}Operation`,
        initializer: `${literal(value)} as const satisfies ${imports.type(CORE, "OperationDescriptor")}`,
      },
    ],
  };
}

function method(
  ctx: EmitContext,
  op: OperationModel,
  imports: Imports,
  printer: TypePrinter,
): OptionalKind<MethodDeclarationStructure> {
  const use = (text: string) => {
    for (const ref of printer.takeReferences()) {
      if (ref === "components" || ref === "Writable") imports.type("schema.ts", ref);
      else imports.type(TYPES_FILE, ref);
    }
    return text;
  };
  const parameters: { name: string; type: string; initializer?: string; hasQuestionToken?: boolean }[] = [];
  if (op.positional) {
    parameters.push({ name: op.positional.local, type: use(positionalType(op, printer)) });
  }
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
  if (op.pagination) {
    const item = use(printer.print(op.pagination.item, "response"));
    returnType = `${imports.type(CORE, "PagePromise")}<${item}>`;
    call = `requestPage<${item}>`;
  } else {
    const data = op.resultAlias ? imports.type(TYPES_FILE, op.resultAlias) : use(resultType(op, printer));
    returnType = `${imports.type(CORE, "APIPromise")}<${data}>`;
    call = `request<${data}>`;
  }
  const params = op.positional
    ? `{ ${op.paramsType ? "...params, " : ""}${member(op.positional.name, op.positional.local)} }`
    : op.paramsType
      ? "params"
      : "{}";
  return {
    name: op.name,
    docs: [operationDocs(ctx, op)],
    parameters,
    returnType,
    statements: [`return this._client.${call}(${op.name}Operation, ${params}, options);`],
  };
}

/** Hand-written workflows live next to the client, in the package's own src/lib. */
const WORKFLOWS_FILE = "../lib/workflows.ts";

/**
 * A workflow method: its arguments and result are those of the hand-written function (after the resource it
 * runs on), so the two cannot drift; the body only hands over.
 */
function workflowMethod(workflow: WorkflowModel, imports: Imports): OptionalKind<MethodDeclarationStructure> {
  const local = imports.value(WORKFLOWS_FILE, workflow.name, `${workflow.name}Workflow`);
  const args = imports.type(CORE, "WorkflowArgs");
  return {
    name: workflow.name,
    docs: [
      `${docText(workflow.summary)}\n\nWritten by hand on top of the generated methods: see \`${workflow.name}\` in src/lib/workflows.ts.`,
    ],
    parameters: [{ name: "...args", type: `${args}<typeof ${local}>` }],
    returnType: `ReturnType<typeof ${local}>`,
    statements: [`return ${local}(this, ...args);`],
  };
}

/** The positional argument's type: path parameters are scalars, so a schema without a type is a string. */
function positionalType(op: OperationModel, printer: TypePrinter): string {
  const schema = op.positional?.schema;
  if (!schema || schema.kind === "unknown") return "string";
  return printer.print(schema, "request");
}

/** What awaiting the call gives, when it is not a named alias. */
export function resultType(op: OperationModel, printer: TypePrinter): string {
  const { result } = op;
  if (result.content === "binary") return "Blob";
  if (!result.schema) return "void";
  const text = printer.print(result.schema, "response");
  return result.mayBeEmpty ? `${text} | undefined` : text;
}

/** A shorthand (`{ id }`) or renamed (`{ "X-Id": xId }`) object member. */
function member(key: string, local: string): string {
  return key === local ? key : `${JSON.stringify(key)}: ${local}`;
}
