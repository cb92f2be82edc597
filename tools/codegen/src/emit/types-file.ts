import {
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  StructureKind,
  type TypeAliasDeclarationStructure,
} from "ts-morph";
import { propertyKey } from "../ir/names.ts";
import type { ApiModel, FieldModel, OperationModel, ParameterModel, ResourceModel } from "../ir/types.ts";
import { Imports } from "./imports.ts";
import { type FileStructures, TYPES_FILE } from "./resources.ts";
import type { SchemaTypes } from "./schema-types.ts";
import { docText } from "./text.ts";

export const SCHEMA_FILE = "schema.ts";

/** Public names for the spec's types: one alias per component schema, then each method's params and response. */
export function typesFile(model: ApiModel, types: SchemaTypes): FileStructures {
  const imports = new Imports(TYPES_FILE);
  const statements: FileStructures["statements"] = [];
  for (const schema of model.schemas) {
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: schema.name,
      type: `${imports.type(SCHEMA_FILE, "components")}["schemas"][${JSON.stringify(schema.component)}]`,
      ...docs(schema.description, schema.deprecated),
    });
  }
  for (const resource of walk(model.resources)) {
    for (const op of resource.operations) {
      const print = (type: Parameters<SchemaTypes["print"]>[0]) => {
        const printed = types.print(type);
        for (const ref of printed.refs) imports.type(TYPES_FILE, ref);
        return printed.text;
      };
      if (op.paramsType) statements.push(paramsType(op, resource, print));
      if (op.response.alias) {
        statements.push({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: op.response.alias,
          type: print(op.response.type),
          docs: [docText(`What \`client.${resource.key}.${op.name}()\` resolves to.`)],
        } satisfies TypeAliasDeclarationStructure);
      }
    }
  }
  return { file: TYPES_FILE, statements: [...imports.structures(), ...statements] };
}

/** An interface of the parameters and body fields; for a union body, that union & the parameters. */
function paramsType(
  op: OperationModel,
  resource: ResourceModel,
  print: (type: FieldModel["type"]) => string,
): InterfaceDeclarationStructure | TypeAliasDeclarationStructure | string {
  const fields: (ParameterModel | FieldModel)[] = op.body?.union
    ? op.parameters
    : [...op.parameters, ...(op.body?.fields ?? [])];
  const properties = fields.map((field) => ({
    name: propertyKey(field.name),
    hasQuestionToken: !field.required,
    type: print(field.type),
    ...docs(field.description, field.deprecated),
  }));
  const common = {
    isExported: true,
    name: op.paramsType ?? "",
    docs: [docText(`Parameters of \`client.${resource.key}.${op.name}()\`.`)],
  };
  if (!op.body?.union) return { kind: StructureKind.Interface, ...common, properties };
  const union = print(op.body.union);
  if (properties.length === 0) return { kind: StructureKind.TypeAlias, ...common, type: union };
  // As text: a multi-line type in a TypeAlias structure would get a hanging indent.
  const members = properties.flatMap((property) => {
    const doc = property.docs?.[0];
    const text = typeof doc === "object" && typeof doc.description === "string" ? doc.description : "";
    return [
      ...(text ? [`  /** ${text.replace(/\n/g, " ")} */`] : []),
      `  ${property.name}${property.hasQuestionToken ? "?" : ""}: ${property.type.replace(/\n/g, "\n  ")};`,
    ];
  });
  return [`/** ${common.docs[0]} */`, `export type ${common.name} = ${union} & {`, ...members, "};"].join(
    "\n",
  );
}

function docs(
  description: string | undefined,
  deprecated: boolean,
): { docs?: OptionalKind<JSDocStructure>[] } {
  if (!description && !deprecated) return {};
  return {
    docs: [
      {
        description: docText(description ?? ""),
        ...(deprecated ? { tags: [{ tagName: "deprecated" }] } : {}),
      },
    ],
  };
}

/** Resources depth-first in their sorted order. */
export function* walk(resources: ResourceModel[]): Generator<ResourceModel> {
  for (const resource of resources) {
    yield resource;
    yield* walk(resource.children);
  }
}
