import type { JSDocStructure, OptionalKind } from "ts-morph";
import type { OperationModel } from "../ir/model.js";
import type { EmitContext } from "./context.js";
import { docText, firstSentence } from "./text.js";

/** The JSDoc of a generated method: summary, description, paging, headers, errors, an example, deprecation. */
export function operationDocs(ctx: EmitContext, op: OperationModel): OptionalKind<JSDocStructure> {
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
  const example = ctx.examples.get(op) ?? "";
  tags.push({ tagName: "example", text: `\n\`\`\`ts\n${docText(example)}\n\`\`\`` });
  if (op.deprecated) tags.push({ tagName: "deprecated" });
  const prose = docText(paragraphs.filter(Boolean).join("\n\n"));
  // The trailing newline leaves a blank line between the prose and the tags.
  return { description: prose ? `${prose}\n` : "", tags };
}
