import type { OperationModel } from "../../ir/model.js";
import type { JsonObject } from "../../ir/schema.js";
import type { Components } from "../../ir/shape.js";
import { type ToolAnnotations, toolAnnotations } from "./annotations.js";
import { inputSchema } from "./input-schema.js";
import { toolName } from "./names.js";

/** How the server calls the SDK method behind a tool. */
interface SdkCall {
  /** The resource's path from the client: `["iam", "sso"]` for `client.iam.sso`. */
  readonly resource: readonly string[];
  readonly method: string;
  /** The argument passed first, by position; the rest of the input is the params object. */
  readonly positional?: string;
  /** False when the method takes no params object (`get(id, options?)`): nothing but the positional is passed. */
  readonly params: boolean;
  /** A paginated list: the server walks its pages. */
  readonly list: boolean;
  /** Input fields passed as the last argument (a workflow's options) instead of in the params object. */
  readonly options?: readonly string[];
}

/** One tool, as the generated file declares it. */
export interface ToolEntry {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonObject;
  readonly annotations: ToolAnnotations;
  readonly call: SdkCall;
}

export function toolEntry(provider: string, op: OperationModel, components: Components): ToolEntry {
  const path = op.key.split(".");
  return {
    name: toolName(provider, op),
    title: op.summary ?? op.key,
    description: toolDescription(op),
    inputSchema: inputSchema(op, components),
    annotations: toolAnnotations(op),
    call: {
      resource: path.slice(0, -1),
      method: op.name,
      ...(op.positional ? { positional: op.positional.name } : {}),
      params: op.paramsType !== undefined,
      list: op.pagination !== undefined,
    },
  };
}

/** Prose only: summary, description, which servers serve the route, deprecation. No tags, no code. */
export function toolDescription(
  op: Pick<OperationModel, "summary" | "description" | "servedBy" | "deprecated">,
): string {
  const paragraphs = [
    op.summary,
    op.description !== op.summary ? op.description : undefined,
    op.servedBy ? `Served by: ${op.servedBy}` : undefined,
    op.deprecated ? "Deprecated." : undefined,
  ];
  return paragraphs
    .filter((p): p is string => Boolean(p?.trim()))
    .map((p) => p.trim())
    .join("\n\n");
}
