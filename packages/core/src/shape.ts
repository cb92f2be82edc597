import { type APIError, responseError } from "./errors.js";
import { excerpt } from "./redact.js";
import type { JsonType, ResponseShape } from "./types.js";

/** The JSON type of a parsed value, with integers told apart from other numbers. */
function jsonType(value: unknown): JsonType | "undefined" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType | "undefined";
}

/** Why `value` does not have the declared shape, or undefined when it does. Only the top level is checked. */
export function shapeProblem(value: unknown, shape: ResponseShape): string | undefined {
  const type = jsonType(value);
  const fits =
    shape.types.includes(type as JsonType) || (type === "integer" && shape.types.includes("number"));
  if (!fits) return `expected ${shape.types.join(" or ")}, got ${type === "undefined" ? "no body" : type}`;
  if (type !== "object" || !shape.required) return undefined;
  const missing = shape.required.filter((key) => (value as Record<string, unknown>)[key] === undefined);
  return missing.length > 0 ? `the object lacks ${missing.map((k) => `"${k}"`).join(", ")}` : undefined;
}

/** The APIError for a 2xx body that is not what the spec promises, with a redacted excerpt of it. */
export function shapeError(
  label: string,
  response: Response,
  problem: string,
  text: string,
  secrets: readonly string[],
): APIError {
  const cut = text.trim() ? `: ${excerpt(text, secrets)}` : "";
  return responseError(response, `${label} -> ${response.status} unexpected body (${problem})${cut}`);
}
