/**
 * A workflow (`x-sdk-workflows`) as a tool. The spec gives a workflow a name and a summary only; its arguments
 * are those of an operation of its resource, by a rule per kind of workflow, which is what the hand-written
 * function takes too:
 *
 * | workflow | input | call |
 * | --- | --- | --- |
 * | `ensure` | the resource's create (its POST with the shortest path), plus the body fields only its update (PATCH, else PUT) has | `ensure(positional?, params)` |
 * | `waitFor<X>` | the resource's get (its GET with a positional, shortest path), plus `timeout` and `interval` | `waitForX(positional, params?, { timeout, interval })` |
 *
 * A workflow of another kind stops the generation until it has a rule here.
 */
import type { ApiModel, OperationModel, ResourceModel, WorkflowModel } from "../../ir/model.js";
import type { JsonObject, JsonValue } from "../../ir/schema.js";
import type { Components } from "../../ir/shape.js";
import { compare } from "../../json.js";
import { documented, inputSchema } from "./input-schema.js";
import { toolName } from "./names.js";
import type { ToolEntry } from "./tool.js";

/** How a polling workflow is bounded: the fields of its options argument (PollOptions in @sso/core). */
const POLL_OPTIONS: Readonly<Record<string, JsonValue>> = {
  timeout: { type: "integer", minimum: 1, description: "Give up after this many milliseconds." },
  interval: {
    type: "integer",
    minimum: 1,
    description: "The first wait between reads, in milliseconds; each wait is longer than the one before.",
  },
};

export function workflowEntry(
  model: ApiModel,
  resource: ResourceModel,
  workflow: WorkflowModel,
  components: Components,
): ToolEntry {
  const key = `${resource.key}.${workflow.name}`;
  const name = toolName(model.name, { key });
  const base = (op: OperationModel | undefined, what: string): OperationModel => {
    if (op) return op;
    throw new Error(
      `${model.specFile}: the workflow ${key} is built on ${what}, and ${resource.key} has none`,
    );
  };
  const common = { name, title: workflow.summary, resource: resource.key.split(".") };
  if (workflow.name === "ensure") {
    const create = base(
      shortest(resource, (op) => op.httpMethod === "POST"),
      "a create (a POST)",
    );
    const update =
      shortest(resource, (op) => op.httpMethod === "PATCH") ??
      shortest(resource, (op) => op.httpMethod === "PUT");
    return {
      name,
      title: common.title,
      description: `${workflow.summary}\n\nTakes the arguments of ${toolName(model.name, create)}${update && !create.body?.union ? `, and those of ${toolName(model.name, update)}'s body` : ""}.`,
      inputSchema: withUpdateFields(inputSchema(create, components), create, update),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      call: {
        resource: common.resource,
        method: workflow.name,
        ...(create.positional ? { positional: create.positional.name } : {}),
        params: true,
        list: false,
      },
    };
  }
  if (/^waitFor[A-Z]/.test(workflow.name)) {
    const get = base(
      shortest(resource, (op) => op.httpMethod === "GET" && op.positional !== undefined),
      "a get (a GET with a positional parameter)",
    );
    const schema = inputSchema(get, components);
    return {
      name,
      title: common.title,
      description: `${workflow.summary}\n\nTakes the arguments of ${toolName(model.name, get)}, and \`timeout\` and \`interval\` in milliseconds.`,
      inputSchema: { ...schema, properties: { ...(schema.properties as JsonObject), ...POLL_OPTIONS } },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      call: {
        resource: common.resource,
        method: workflow.name,
        ...(get.positional ? { positional: get.positional.name } : {}),
        params: get.paramsType !== undefined,
        list: false,
        options: Object.keys(POLL_OPTIONS),
      },
    };
  }
  throw new Error(
    `${model.specFile}: no MCP tool rule for the workflow ${key}: add one to tools/codegen/src/emit/mcp/workflows.ts`,
  );
}

/** The resource's operation that matches, with the shortest path (the collection before its items). */
function shortest(
  resource: ResourceModel,
  match: (op: OperationModel) => boolean,
): OperationModel | undefined {
  return resource.operations
    .filter(match)
    .sort((a, b) => a.path.length - b.path.length || compare(a.path, b.path))[0];
}

/** The create's input with the update's own body fields added as optional (not for a union create body). */
function withUpdateFields(
  schema: JsonObject,
  create: OperationModel,
  update: OperationModel | undefined,
): JsonObject {
  if (update?.body?.kind !== "fields" || update.body.union || create.body?.union) return schema;
  const properties = { ...(schema.properties as JsonObject) };
  for (const field of update.body.fields) {
    if (!(field.name in properties)) properties[field.name] = documented(field.schema, field);
  }
  return { ...schema, properties };
}
