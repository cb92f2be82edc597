import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiModel } from "../../ir/model.js";
import { camelCase, propertyKey } from "../../ir/names.js";
import type { JsonValue } from "../../ir/schema.js";
import type { Components } from "../../ir/shape.js";
import { resourcesOf } from "../../ir/walk.js";
import { compare } from "../../json.js";
import { Imports } from "../imports.js";
import { Code, literal } from "../literal.js";
import type { FileStructures } from "../resources.js";
import { docText } from "../text.js";
import { MAX_TOOL_NAME } from "./names.js";
import { type ToolEntry, toolEntry } from "./tool.js";
import { workflowEntry } from "./workflows.js";

/** The hand-written module of `packages/mcp/src/` that declares what a generated provider file holds. */
const DEFINITIONS_FILE = "../tool-definition.ts";

/** The file's constant of the component schemas its tools' inputs refer to. */
const DEFINITIONS = "definitions";

/** `src/generated/<provider>.ts`: the provider's client class and one tool per SDK method, workflows included. */
export function providerFile(model: ApiModel, components: Components): FileStructures {
  const file = `${model.name}.ts`;
  const imports = new Imports(file);
  const { className, packageName, title } = model.client;
  const Client = imports.value(packageName, className);
  const type = `${imports.type(DEFINITIONS_FILE, "Provider")}<${Client}>`;
  const tools = checkedNames(
    model,
    [...resourcesOf(model.resources)].flatMap((resource) => [
      ...resource.operations.map((op) => toolEntry(model.name, op, components)),
      ...resource.workflows.map((workflow) => workflowEntry(model, resource, workflow, components)),
    ]),
  );
  const { shared, definitions } = sharedDefinitions(tools);
  const provider = { name: model.name, title, packageName, Client: new Code(Client), tools: shared };
  return {
    file,
    statements: [
      ...imports.structures(),
      ...(definitions.size > 0
        ? [
            {
              kind: StructureKind.VariableStatement as const,
              docs: [
                "The component schemas the tools' inputs refer to under `$defs`, written once for all of them.",
              ],
              declarationKind: VariableDeclarationKind.Const,
              declarations: [{ name: DEFINITIONS, initializer: literal(Object.fromEntries(definitions)) }],
            },
          ]
        : []),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: [docText(`${title}: one MCP tool per method of \`${packageName}\`, from ${model.specFile}.`)],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: providerVariable(model),
            type,
            initializer: literal(provider),
          },
        ],
      },
    ],
  };
}

/**
 * The tools with each `$defs` entry pointing at one shared declaration: every tool's input still stands alone at
 * run time, but a component schema used by several tools is written once. The definitions come out sorted by name.
 */
function sharedDefinitions(tools: readonly ToolEntry[]): {
  shared: unknown[];
  definitions: Map<string, JsonValue>;
} {
  const definitions = new Map<string, JsonValue>();
  const shared = tools.map((tool) => {
    const defs = tool.inputSchema.$defs;
    if (typeof defs !== "object" || defs === null || Array.isArray(defs)) return tool;
    const refs = Object.entries(defs).map(([name, schema]) => {
      const known = definitions.get(name);
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(schema)) {
        throw new Error(
          `the MCP tool ${tool.name} gives the component ${name} another schema than an earlier tool`,
        );
      }
      definitions.set(name, schema);
      const key = propertyKey(name);
      return [name, new Code(key === name ? `${DEFINITIONS}.${name}` : `${DEFINITIONS}[${key}]`)];
    });
    return { ...tool, inputSchema: { ...tool.inputSchema, $defs: Object.fromEntries(refs) } };
  });
  return { shared, definitions: new Map([...definitions].sort(([a], [b]) => compare(a, b))) };
}

export function providerVariable(model: Pick<ApiModel, "name">): string {
  return camelCase(model.name);
}

/**
 * Tool names as MCP clients accept them: `[a-z0-9_]`, at most MAX_TOOL_NAME characters, unique. A spec whose
 * resource and method names break that is refused with the names to change.
 */
function checkedNames(model: ApiModel, tools: ToolEntry[]): ToolEntry[] {
  const seen = new Map<string, string>();
  for (const tool of tools) {
    const where = `${tool.call.resource.join(".")}.${tool.call.method}`;
    const problem = !/^[a-z0-9_]+$/.test(tool.name)
      ? "has characters other than a-z, 0-9 and _"
      : tool.name.length > MAX_TOOL_NAME
        ? `is ${tool.name.length} characters long, over the ${MAX_TOOL_NAME} MCP clients accept`
        : seen.has(tool.name)
          ? `is also the name of ${seen.get(tool.name)}`
          : undefined;
    if (problem) {
      throw new Error(
        `${model.specFile}: the MCP tool name of ${where}, ${tool.name}, ${problem}: rename its x-sdk-resource or x-sdk-method`,
      );
    }
    seen.set(tool.name, where);
  }
  return tools;
}
