import type { OperationModel } from "../../ir/model.js";

/** MCP tool annotations: hints a client shows or acts on before it lets an agent call the tool. */
export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** Method names that take something away even when the HTTP method is not DELETE. */
const DESTRUCTIVE_NAMES: ReadonlySet<string> = new Set(["delete", "disable"]);

/**
 * Every hint written out, since MCP's defaults assume the worst (`destructiveHint` defaults to true): reads are
 * GETs; deletes and disables are destructive; `idempotentHint` is the IR's `idempotent` (x-sdk-idempotent, else
 * the HTTP method); every tool reaches a third-party API, so the world is open.
 */
export function toolAnnotations(
  op: Pick<OperationModel, "httpMethod" | "name" | "idempotent">,
): ToolAnnotations {
  const readOnly = op.httpMethod === "GET";
  return {
    readOnlyHint: readOnly,
    destructiveHint: !readOnly && (op.httpMethod === "DELETE" || DESTRUCTIVE_NAMES.has(op.name)),
    idempotentHint: op.idempotent,
    openWorldHint: true,
  };
}
