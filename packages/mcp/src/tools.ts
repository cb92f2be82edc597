/** The tools a server serves: the generated ones of the chosen providers, all or only the reads. */
import { DEFAULT_WAIT_MS, MAX_LIST_ITEMS } from "./call.js";
import { type ProviderName, providers } from "./generated/index.js";
import type { ToolDefinition } from "./tool-definition.js";

/** A tool with the provider it belongs to. */
export interface ServedTool extends ToolDefinition {
  /** The provider whose client it calls. */
  readonly provider: ProviderName;
}

export interface ToolSelection {
  /** Default: every provider. */
  readonly providers?: readonly ProviderName[];
  /** Only the tools whose `readOnlyHint` is true. */
  readonly readOnly?: boolean;
}

/** The tools of the given providers in the generated order (provider, resource, path, HTTP method). */
export function selectTools(selection: ToolSelection = {}): ServedTool[] {
  const names = selection.providers ?? (Object.keys(providers) as ProviderName[]);
  return Object.values(providers)
    .filter((p) => names.includes(p.name as ProviderName))
    .flatMap((p) =>
      (p.tools as readonly ToolDefinition[]).map((tool) => ({
        ...tool,
        provider: p.name as ProviderName,
        description: [
          tool.description,
          tool.call.list ? LIST_NOTE : undefined,
          waits(tool) ? WAIT_NOTE : undefined,
        ]
          .filter(Boolean)
          .join("\n\n"),
      })),
    )
    .filter((tool) => !selection.readOnly || tool.annotations.readOnlyHint);
}

const waits = (tool: ToolDefinition) => tool.call.options?.includes("timeout") === true;

/** How long a waiting tool waits by default: the server decides it, for the sake of MCP clients' own timeouts. */
const WAIT_NOTE = `Without \`timeout\`, waits at most ${DEFAULT_WAIT_MS / 1000} s, then answers an error result with the last state read; calling again waits on.`;

/** What a list tool returns, said where the agent reads it: the server, not the spec, decides the shape. */
const LIST_NOTE = `Returns \`{ items }\` with the items of every page, up to ${MAX_LIST_ITEMS}; past that, \`truncated: true\`.`;
