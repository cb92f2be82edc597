import type { OperationModel, ResourceModel } from "../ir/model.js";
import { camelCase } from "../ir/names.js";
import type { JsonValue, Schema } from "../ir/schema.js";
import { literal } from "./literal.js";

/**
 * The `@example` of an operation, unformatted: a call with the positional argument and every required field, using
 * the spec's example values. `names` maps a component schema to its public name.
 */
export function exampleCode(
  names: ReadonlyMap<string, string>,
  op: OperationModel,
  resource: ResourceModel,
): string {
  const args: JsonValue[] = [];
  if (op.positional) args.push(op.positional.example);
  const body = op.body;
  const required = [...op.parameters, ...(body?.kind === "fields" ? body.fields : [])].filter(
    (f) => f.required,
  );
  if (op.paramsType && (required.length > 0 || !op.paramsOptional || body?.kind === "value")) {
    const fields: Record<string, JsonValue> = Object.fromEntries(required.map((f) => [f.name, f.example]));
    if (body?.kind === "value") fields.body = body.example;
    else if (body?.union && isObject(body.example)) Object.assign(fields, body.example);
    args.push(fields);
  }
  const call = `client.${resource.key}.${op.name}(${args.map(literal).join(", ")})`;
  let code: string;
  if (op.pagination) {
    const item = variableName(op.pagination.item, false, names);
    code = `for await (const ${item} of ${call}) {\n  console.log(${item});\n}`;
  } else if (!op.result.schema && op.result.content === "none") {
    code = `await ${call};`;
  } else {
    const name = op.resultAlias ? camelCase(op.resultAlias) : variableName(op.result.schema, true, names);
    code = `const ${name} = await ${call};\nconsole.log(${name});`;
  }
  return code;
}

function variableName(
  schema: Schema | undefined,
  plural: boolean,
  names: ReadonlyMap<string, string>,
): string {
  const alias = (component: string) => camelCase(names.get(component) ?? component);
  if (schema?.kind === "ref") return alias(schema.target);
  if (plural && schema?.kind === "array" && schema.items && schema.items.kind === "ref") {
    return `${alias(schema.items.target)}s`;
  }
  return plural ? "result" : "item";
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
