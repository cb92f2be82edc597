import type { ApiModel, OperationModel, ResourceModel } from "../ir/types.ts";
import { README_END, README_START } from "../output/manifest.ts";
import type { SchemaTypes } from "./schema-types.ts";
import { headerLine } from "./text.ts";
import { walk } from "./types-file.ts";

export { README_END, README_START };

/** `api.md`: every method with its HTTP verb and path, per resource, like Stainless SDKs ship. */
export function apiMarkdown(model: ApiModel, types: SchemaTypes): string {
  const lines = [`<!-- ${headerLine(model.specFile)} -->`, "", `# ${model.client.className} API`, ""];
  lines.push(`\`new ${model.client.className}(options)\` from \`${model.client.packageName}\`.`, "");
  for (const resource of walk(model.resources)) {
    lines.push(`## ${resource.key}`, "");
    lines.push(
      `Class \`${resource.className}\` in [src/generated/${resource.file}](src/generated/${resource.file}).`,
      "",
    );
    if (resource.operations.length === 0) continue;
    const typeNames = resource.operations
      .flatMap((op) => [op.paramsType, op.response.alias])
      .filter((name): name is string => Boolean(name));
    if (typeNames.length > 0) lines.push(`Types: ${typeNames.map((t) => `\`${t}\``).join(", ")}`, "");
    lines.push("| Method | HTTP | Returns |", "| --- | --- | --- |");
    for (const op of resource.operations) {
      lines.push(
        `| \`${call(resource, op)}\` | \`${op.httpMethod} ${op.path}\` | \`${returns(op, types)}\` |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** The operation table the generator keeps between the README's markers; the rest is hand-written. */
export function readmeSection(model: ApiModel): string {
  const lines = [README_START, "", "| Method | HTTP | Description |", "| --- | --- | --- |"];
  for (const resource of walk(model.resources)) {
    for (const op of resource.operations) {
      const summary = (op.summary ?? "").replace(/\|/g, "\\|").replace(/\s+/g, " ");
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
    const required = [...op.parameters, ...(op.body?.fields ?? [])]
      .filter((f) => f.required)
      .map((f) => f.name);
    const optional = required.length < op.parameters.length + (op.body?.fields.length ?? 0);
    const fields = [...required, ...(optional ? ["..."] : [])];
    args.push(`{ ${fields.join(", ")} }`);
  }
  return `client.${resource.key}.${op.name}(${args.join(", ")})`;
}

function returns(op: OperationModel, types: SchemaTypes): string {
  const name = (type: OperationModel["response"]["type"]): string => {
    const { text } = types.print(type);
    return text.includes("\n") ? "object" : text;
  };
  if (op.pagination) return `PagePromise<${name(op.pagination.item)}>`;
  return `APIPromise<${op.response.alias ?? name(op.response.type)}>`;
}
