import type { JSDocStructure, OptionalKind } from "ts-morph";
import type { OperationModel, ResourceModel } from "../ir/model.js";
import { camelCase } from "../ir/names.js";
import type { JsonValue, Schema } from "../ir/schema.js";
import type { EmitContext } from "./context.js";
import { literal } from "./literal.js";
import { docText, firstSentence } from "./text.js";

/** The JSDoc of a generated method: summary, description, paging, headers, errors, an example, deprecation. */
export function operationDocs(
  ctx: EmitContext,
  op: OperationModel,
  resource: ResourceModel,
): OptionalKind<JSDocStructure> {
  const paragraphs = [op.summary, op.description !== op.summary ? op.description : undefined];
  const paging = op.pagination;
  if (paging?.style === "page-number" || paging?.style === "result-info") {
    const most = paging.maxPageSize ? ` (at most ${paging.maxPageSize} per page)` : "";
    paragraphs.push(
      `Paginated by \`${paging.page}\` and \`${paging.pageSize}\`${most}; \`for await\` walks every page.`,
    );
  } else if (paging?.style === "cursor") {
    paragraphs.push(`Paginated by the \`${paging.cursorParam}\` cursor; \`for await\` walks every page.`);
  }
  if (op.servedBy) paragraphs.push(`Served by: ${op.servedBy}`);
  if (op.result.headers.length > 0) {
    const headers = op.result.headers.map(
      (h) => `- \`${h.name}\`${h.description ? `: ${firstSentence(h.description)}` : ""}`,
    );
    paragraphs.push(`Response headers (read them with \`.withResponse()\`):\n${headers.join("\n")}`);
  }
  const tags: { tagName: string; text?: string }[] = op.errors.map((error) => ({
    tagName: "throws",
    text: docText(
      `{${error.errorClass}} ${error.status}${error.description ? ` ${firstSentence(error.description)}` : ""}`,
    ),
  }));
  tags.push({ tagName: "example", text: `\n\`\`\`ts\n${docText(example(ctx, op, resource))}\n\`\`\`` });
  if (op.deprecated) tags.push({ tagName: "deprecated" });
  const prose = docText(paragraphs.filter(Boolean).join("\n\n"));
  // The trailing newline leaves a blank line between the prose and the tags.
  return { description: prose ? `${prose}\n` : "", tags };
}

/** A call with the positional argument and every required field, using the spec's example values; formatted. */
function example(ctx: EmitContext, op: OperationModel, resource: ResourceModel): string {
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
    const item = variableName(op.pagination.item, false, ctx);
    code = `for await (const ${item} of ${call}) {\n  console.log(${item});\n}`;
  } else if (!op.result.schema && op.result.content === "none") {
    code = `await ${call};`;
  } else {
    const name = op.resultAlias ? camelCase(op.resultAlias) : variableName(op.result.schema, true, ctx);
    code = `const ${name} = await ${call};\nconsole.log(${name});`;
  }
  return ctx.formatter.snippet(code);
}

function variableName(schema: Schema | undefined, plural: boolean, ctx: EmitContext): string {
  if (schema?.kind === "ref") return camelCase(aliasOf(schema.target, ctx));
  if (plural && schema?.kind === "array" && schema.items && schema.items.kind === "ref") {
    return `${camelCase(aliasOf(schema.items.target, ctx))}s`;
  }
  return plural ? "result" : "item";
}

function aliasOf(component: string, ctx: EmitContext): string {
  return ctx.model.schemas.find((s) => s.component === component)?.name ?? component;
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
