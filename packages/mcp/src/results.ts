/** MCP results from SDK outcomes: objects as structured content, errors as error results, secrets masked in both. */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { APIError, SSOError, VerificationError } from "@sso/core";
import { redact, redactString } from "@sso/core/internal";
import { type CallOutcome, MAX_LIST_ITEMS } from "./call.js";

/**
 * The structured content of a success: an object as it came, a list as `{ items }` (with `truncated: true`
 * when it had more than MAX_LIST_ITEMS), no content as `{}`, anything else as `{ value }`. Secret-named fields
 * (an IdP's `clientSecret` in a connector's config, say) and the server's own credentials are masked: what a
 * tool returns goes into a model's context.
 */
export function successResult(outcome: CallOutcome, secrets: readonly string[]): CallToolResult {
  const structured = redact(structure(outcome), secrets);
  return { content: [{ type: "text", text: JSON.stringify(structured) }], structuredContent: structured };
}

function structure(outcome: CallOutcome): Record<string, unknown> {
  if ("items" in outcome) {
    return outcome.truncated
      ? { items: outcome.items, truncated: true, note: `only the first ${MAX_LIST_ITEMS} items` }
      : { items: outcome.items };
  }
  const { value } = outcome;
  if (value === undefined) return {};
  if (Array.isArray(value)) return { items: value };
  if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  return { value };
}

/** What an error result carries besides its text: the error class, the HTTP status and the API's own code. */
export interface ToolError {
  readonly type: string;
  readonly message: string;
  readonly status?: number;
  /** The API's error code: Cloudflare's `errors[0].code`, Logto's and Keycard's `code`. */
  readonly code?: string | number;
  /** The API's error message, as its body said it. */
  readonly apiMessage?: string;
  /** The error body the API sent (redacted). */
  readonly body?: unknown;
  /** For a verification that failed or timed out: the connector as last read. */
  readonly connector?: unknown;
}

/**
 * An error result (`isError: true`), so the agent sees what went wrong and can act on it: the SDK's typed error
 * with the API's code and message. Messages and bodies are redacted by the client already; they are masked
 * again with the server's secrets. An error that is not the SDK's is a bug: its text says so, nothing more.
 */
export function errorResult(error: unknown, secrets: readonly string[]): CallToolResult {
  const detail = redact(toolError(error), secrets);
  const text = redactString(`${detail.type}: ${detail.message}`, secrets);
  return { isError: true, content: [{ type: "text", text }], structuredContent: { error: detail } };
}

export function toolError(error: unknown): ToolError {
  if (error instanceof APIError) {
    const api = apiError(error.error);
    return {
      type: error.name,
      message: error.message,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(api.code !== undefined ? { code: api.code } : {}),
      ...(api.message !== undefined ? { apiMessage: api.message } : {}),
      ...(error.error !== undefined ? { body: error.error } : {}),
    };
  }
  if (error instanceof VerificationError) {
    return { type: error.name, message: error.message, connector: error.connector };
  }
  if (error instanceof SSOError) return { type: error.name, message: error.message };
  return {
    type: "InternalError",
    message: `the server failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** A call the server refuses before any request: `InvalidArgumentError` (the input schema), `ReadOnlyError`. */
export function refusal(type: "InvalidArgumentError" | "ReadOnlyError", message: string): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: `${type}: ${message}` }],
    structuredContent: { error: { type, message } },
  };
}

const scalar = (value: unknown): value is string | number =>
  (typeof value === "string" && value !== "") || typeof value === "number";

/** The API's own code and message: Cloudflare's `errors[0]`, Logto's and Keycard's top-level `code`/`message`. */
function apiError(body: unknown): { code?: string | number; message?: string } {
  if (!body || typeof body !== "object") return {};
  const { errors } = body as { errors?: unknown };
  const source = (
    Array.isArray(errors) && errors[0] && typeof errors[0] === "object" ? errors[0] : body
  ) as Record<string, unknown>;
  const code = scalar(source.code) ? source.code : scalar(source.error) ? source.error : undefined;
  const message = typeof source.message === "string" ? source.message : undefined;
  return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}) };
}
