import type { JSDocStructure, OptionalKind } from "ts-morph";
import { camelCase } from "../ir/names.ts";
import type { OperationModel, ResourceModel, TypeRef } from "../ir/types.ts";
import { docText, printValue } from "./text.ts";

/** The JSDoc of a generated method: summary, description, headers, errors, an example, deprecation. */
export function operationDocs(
  op: OperationModel,
  resource: ResourceModel,
  returnTypeName: string | undefined,
): OptionalKind<JSDocStructure> {
  const paragraphs = [op.summary, op.description !== op.summary ? op.description : undefined];
  if (op.pagination?.style === "page-number" || op.pagination?.style === "result-info") {
    const { page, pageSize, maxPageSize } = op.pagination;
    const most = maxPageSize ? ` (at most ${maxPageSize} per page)` : "";
    paragraphs.push(`Paginated by \`${page}\` and \`${pageSize}\`${most}; \`for await\` walks every page.`);
  } else if (op.pagination?.style === "cursor") {
    paragraphs.push(
      `Paginated by the \`${op.pagination.cursorParam}\` cursor; \`for await\` walks every page.`,
    );
  }
  if (op.response.headers.length > 0) {
    const headers = op.response.headers.map(
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
  tags.push({
    tagName: "example",
    text: `\n\`\`\`ts\n${docText(example(op, resource, returnTypeName))}\n\`\`\``,
  });
  if (op.deprecated) tags.push({ tagName: "deprecated" });
  const prose = docText(paragraphs.filter(Boolean).join("\n\n"));
  // The trailing newline leaves a blank line between the prose and the tags.
  return { description: prose ? `${prose}\n` : "", tags };
}

/** The first sentence of a description, on one line: enough for a `@throws` tag. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/\.(\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
}

/** A call with the positional argument and every required field, using the spec's example values. */
function example(op: OperationModel, resource: ResourceModel, returnTypeName: string | undefined): string {
  const args: unknown[] = [];
  if (op.positional) args.push(op.positional.example);
  const required = [...op.parameters, ...(op.body?.fields ?? [])].filter((field) => field.required);
  if (op.paramsType && (required.length > 0 || !op.paramsOptional)) {
    const body = op.body?.union && isObject(op.body.example) ? op.body.example : {};
    args.push({ ...Object.fromEntries(required.map((field) => [field.name, field.example])), ...body });
  }
  const callee = `client.${resource.key}.${op.name}`;
  const call = (indent: string) => {
    const flat = `${callee}(${args.map((a) => printValue(a, indent, Number.POSITIVE_INFINITY)).join(", ")})`;
    if (flat.length + indent.length <= 90 || args.length === 0) return flat;
    const last = args.length - 1;
    const head = args.slice(0, last).map((a) => printValue(a, indent, Number.POSITIVE_INFINITY));
    return `${callee}(${[...head, printValue(args[last], indent, 0)].join(", ")})`;
  };
  if (op.pagination) {
    const item = variableName(op.pagination.item, false);
    return `for await (const ${item} of ${call("")}) {\n  console.log(${item});\n}`;
  }
  if (op.response.type.kind === "void") return `await ${call("")};`;
  const name = returnTypeName ? camelCase(returnTypeName) : variableName(op.response.type, true);
  return `const ${name} = await ${call("")};\nconsole.log(${name});`;
}

function variableName(type: TypeRef, plural: boolean): string {
  if (type.kind === "named") return camelCase(type.name);
  if (type.kind === "inline" && plural) {
    const items = (type.schema as { items?: { $ref?: string } }).items?.$ref;
    if (items) return `${camelCase(items.slice(items.lastIndexOf("/") + 1))}s`;
  }
  return plural ? "result" : "item";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
