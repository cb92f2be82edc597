/** A tool call as an SDK call: the same method an application would call, so every guarantee of the client holds. */
import type { RequestOptions } from "@sso/core";
import type { ToolDefinition } from "./tool-definition.js";

/** A list tool walks every page up to this many items, then says the list was cut. */
export const MAX_LIST_ITEMS = 500;

/**
 * A workflow that waits (`waitForVerification`) gives up after this long unless its `timeout` says otherwise:
 * MCP clients commonly time a request out after 60 s, and waiting again is only another call.
 */
export const DEFAULT_WAIT_MS = 50_000;

/** What a call gave: the SDK's value, and for lists whether items were left out. */
export type CallOutcome =
  | { readonly value: unknown }
  | { readonly items: unknown[]; readonly truncated: boolean };

type Callable = (...args: unknown[]) => unknown;

/**
 * Calls `client.<resource path>.<method>(positional?, params?, options)`. The arguments were checked against
 * the tool's input schema already; the client checks them again against the operation, as for any caller.
 */
export async function callSdk(
  tool: ToolDefinition,
  client: unknown,
  args: Readonly<Record<string, unknown>>,
  options: RequestOptions,
): Promise<CallOutcome> {
  const { resource, method, positional, params, list, options: optionFields = [] } = tool.call;
  let target: unknown = client;
  for (const key of resource) target = (target as Record<string, unknown> | undefined)?.[key];
  const fn = (target as Record<string, unknown> | undefined)?.[method];
  if (typeof fn !== "function")
    throw new TypeError(`${tool.name}: the client has no ${resource.join(".")}.${method}()`);
  const rest: Record<string, unknown> = {};
  const last: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(args)) {
    if (optionFields.includes(key)) last[key] = value;
    else if (key !== positional) rest[key] = value;
  }
  if (optionFields.includes("timeout")) last.timeout ??= DEFAULT_WAIT_MS;
  const callArgs: unknown[] = [];
  if (positional) callArgs.push(args[positional]);
  if (params) callArgs.push(rest);
  callArgs.push(last);
  const result = (fn as Callable).apply(target, callArgs);
  if (!list) return { value: await result };
  const items: unknown[] = [];
  for await (const item of result as AsyncIterable<unknown>) {
    if (items.length === MAX_LIST_ITEMS) return { items, truncated: true };
    items.push(item);
  }
  return { items, truncated: false };
}
