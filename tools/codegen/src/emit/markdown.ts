import type { ApiModel, OperationModel, ResourceModel } from "../ir/model.js";
import { resourcesOf } from "../ir/walk.js";
import { README_END, README_START } from "../output/readme.js";
import { resultType } from "./resources.js";
import { headerLine } from "./text.js";
import { TypePrinter } from "./type-printer.js";

/** `api.md`: every method with its HTTP verb and path, per resource, like Stainless SDKs ship. */
export function apiMarkdown(model: ApiModel): string {
  const printer = new TypePrinter(model.schemas);
  const lines = [`<!-- ${headerLine(model.specFile)} -->`, "", `# ${model.client.className} API`, ""];
  lines.push(`\`new ${model.client.className}(options)\` from \`${model.client.packageName}\`.`, "");
  for (const resource of resourcesOf(model.resources)) {
    lines.push(`## ${resource.key}`, "");
    lines.push(
      `Class \`${resource.className}\` in [src/generated/${resource.file}](src/generated/${resource.file}).`,
      "",
    );
    if (resource.operations.length === 0) continue;
    const typeNames = resource.operations
      .flatMap((op) => [op.paramsType, op.resultAlias])
      .filter((name): name is string => Boolean(name));
    if (typeNames.length > 0) lines.push(`Types: ${typeNames.map((t) => `\`${t}\``).join(", ")}`, "");
    lines.push("| Method | HTTP | Returns |", "| --- | --- | --- |");
    for (const op of resource.operations) {
      lines.push(
        `| \`${call(resource, op)}\` | \`${op.httpMethod} ${op.path}\` | \`${returns(op, printer)}\` |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** The operation table the generator keeps between the README's markers; the rest is hand-written. */
function readmeSection(model: ApiModel): string {
  const lines = [README_START, "", "| Method | HTTP | Description |", "| --- | --- | --- |"];
  for (const resource of resourcesOf(model.resources)) {
    for (const op of resource.operations) {
      const summary = cell(op.summary ?? "");
      lines.push(
        `| \`${call(resource, op)}\` | \`${op.httpMethod} ${op.path}\` | ${summary}${op.deprecated ? " (deprecated)" : ""} |`,
      );
    }
  }
  lines.push("", README_END);
  return lines.join("\n");
}

/** Replaces the marked section of an existing README, or starts one. */
export function patchReadme(model: ApiModel, current: string | undefined): string {
  const section = readmeSection(model);
  if (current === undefined) return `# ${model.client.packageName}\n\n${section}\n`;
  const start = current.indexOf(README_START);
  const end = current.indexOf(README_END, start);
  if (start < 0 || end < 0) return `${current.replace(/\n*$/, "\n")}\n## Operations\n\n${section}\n`;
  return current.slice(0, start) + section + current.slice(end + README_END.length);
}

/** `client.iam.sso.get(sso_connector_id, { account_id })`: the positional id and the required fields. */
function call(resource: ResourceModel, op: OperationModel): string {
  const args: string[] = [];
  if (op.positional) args.push(op.positional.local);
  if (op.paramsType) {
    const body = op.body;
    const fields = [...op.parameters, ...(body?.kind === "fields" ? body.fields : [])];
    const required = fields.filter((f) => f.required).map((f) => f.name);
    if (body?.kind === "value" && body.required) required.push("body");
    const optional = required.length < fields.length + (body?.kind === "value" ? 1 : 0) || body?.union;
    args.push(`{ ${[...required, ...(optional ? ["..."] : [])].join(", ")} }`);
  }
  return `client.${resource.key}.${op.name}(${args.join(", ")})`;
}

function returns(op: OperationModel, printer: TypePrinter): string {
  const flat = (text: string) => (text.includes("\n") ? "object" : text);
  if (op.pagination) return `PagePromise<${flat(printer.print(op.pagination.item, "response"))}>`;
  return `APIPromise<${op.resultAlias ?? flat(resultType(op, printer))}>`;
}

/** Text safe in one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}
