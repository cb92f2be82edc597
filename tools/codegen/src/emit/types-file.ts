import {
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  type StatementStructures,
  StructureKind,
  type TypeAliasDeclarationStructure,
} from "ts-morph";
import type { FieldModel, OperationModel, ResourceModel } from "../ir/model.js";
import { propertyKey } from "../ir/names.js";
import { resourcesOf } from "../ir/walk.js";
import type { EmitContext } from "./context.js";
import { Imports } from "./imports.js";
import { type FileStructures, resultType, TYPES_FILE } from "./resources.js";
import { SCHEMA_FILE } from "./schema-file.js";
import { docText } from "./text.js";
import { TypePrinter } from "./type-printer.js";

/** Public names for the spec's types: one alias per component schema, then each method's params and result. */
export function typesFile(ctx: EmitContext): FileStructures {
  const imports = new Imports(TYPES_FILE);
  const printer = new TypePrinter(ctx.model.schemas);
  const use = (text: string) => {
    for (const ref of printer.takeReferences()) {
      if (ref === "components" || ref === "Writable") imports.type(SCHEMA_FILE, ref);
    }
    return text;
  };
  const statements: StatementStructures[] = [];
  for (const schema of ctx.model.schemas) {
    const components = imports.type(SCHEMA_FILE, "components");
    const target = `${components}["schemas"][${JSON.stringify(schema.component)}]`;
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: schema.name,
      // Response view: readOnly properties in, writeOnly ones out (see `Readable` in schema.ts).
      type: schema.directional ? `${imports.type(SCHEMA_FILE, "Readable")}<${target}>` : target,
      ...docs(schema.schema.description, schema.schema.deprecated === true),
    });
  }
  for (const resource of resourcesOf(ctx.model.resources)) {
    for (const op of resource.operations) {
      if (op.paramsType) statements.push(paramsType(op, resource, printer, use));
      if (op.resultAlias) {
        statements.push({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: op.resultAlias,
          type: use(resultType(op, printer)),
          docs: [docText(`What \`client.${resource.key}.${op.name}()\` resolves to.`)],
        });
      }
    }
  }
  return { file: TYPES_FILE, statements: [...imports.structures(), ...statements] };
}

/** What a params member is made of: a parameter, a body field, or the whole body. */
interface Member {
  readonly name: string;
  readonly required: boolean;
  readonly schema: FieldModel["schema"];
  readonly description?: string;
  readonly deprecated?: boolean;
}

/**
 * The params of one method: its parameters and body fields as an interface; for a union body, the union & the
 * parameters; for a body that is not an object, a `body` field; for an optional body with required fields,
 * all of its fields or none.
 */
function paramsType(
  op: OperationModel,
  resource: ResourceModel,
  printer: TypePrinter,
  use: (text: string) => string,
): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  const body = op.body;
  const common = {
    isExported: true,
    name: op.paramsType ?? "",
    docs: [docText(`Parameters of \`client.${resource.key}.${op.name}()\`.`)],
  };
  const members: Member[] = [...op.parameters];
  if (body?.kind === "value") {
    members.push({
      name: "body",
      required: body.required,
      schema: body.schema,
      ...(body.description ? { description: body.description } : {}),
    });
  }
  const literal = (list: readonly Member[]) =>
    `{\n${list.map((m) => use(printer.member(m.name, m.required, m.schema, "request", m))).join("\n")}\n}`;
  if (body?.kind === "fields" && body.union) {
    const union = use(printer.print(body.schema, "request"));
    return {
      kind: StructureKind.TypeAlias,
      ...common,
      type: members.length > 0 ? `(${union}) & ${literal(members)}` : union,
    };
  }
  const fields = body?.kind === "fields" ? body.fields : [];
  if (body?.kind === "fields" && !body.required && fields.some((f) => f.required)) {
    // An optional body that has required fields: send all of them, or leave the body out altogether.
    const none = `{\n${fields.map((f) => `${propertyKey(f.name)}?: undefined;`).join("\n")}\n}`;
    return {
      kind: StructureKind.TypeAlias,
      ...common,
      type: `${literal(members)} & (${literal(fields)} | ${none})`,
    };
  }
  return {
    kind: StructureKind.Interface,
    ...common,
    properties: [...members, ...fields].map((m) => ({
      name: propertyKey(m.name),
      hasQuestionToken: !m.required,
      type: use(printer.print(m.schema, "request")),
      ...docs(m.description, m.deprecated === true),
    })),
  };
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
