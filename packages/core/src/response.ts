import { APIError } from "./errors.js";
import { excerpt, redact, redactString } from "./redact.js";

const JSON_TYPE = /[/+]json\b/i;

/** A body read as JSON, or why it could not be: the API answered something its spec does not promise. */
export type ParsedBody = { body: unknown; problem?: undefined } | { body?: undefined; problem: string };

/**
 * Parses a response body without ever throwing. Empty is fine for 204/205, error statuses and untyped
 * responses; an empty body announced as JSON, a non-JSON content type or invalid JSON is a problem.
 */
export function parseBody(status: number, headers: Headers, text: string): ParsedBody {
  const type = headers.get("content-type");
  if (!text.trim()) {
    if (status === 204 || status === 205 || status >= 400 || !type) return { body: undefined };
    return { problem: `empty body (${type})` };
  }
  if (type && !JSON_TYPE.test(type)) return { problem: `non-JSON body (${type.split(";")[0]})` };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { problem: "invalid JSON" };
  }
}

const scalar = (value: unknown): value is string | number =>
  (typeof value === "string" && value !== "") || typeof value === "number";

/** The API's own error code and text: Cloudflare `errors[0]`, Logto/Keycard `code`/`message`, OAuth `error`. */
function describeErrorBody(body: unknown): string | undefined {
  if (scalar(body)) return String(body);
  if (!body || typeof body !== "object") return undefined;
  const { errors } = body as { errors?: unknown };
  const source = (
    Array.isArray(errors) && errors[0] && typeof errors[0] === "object" ? errors[0] : body
  ) as Record<string, unknown>;
  const code = scalar(source.code) ? source.code : source.error;
  const text = scalar(source.message) ? source.message : source.error_description;
  return [code, text].filter(scalar).join(": ") || undefined;
}

/** True for a Cloudflare envelope that reports failure, whatever the HTTP status said. */
export function isFailedEnvelope(body: unknown): boolean {
  return !!body && typeof body === "object" && (body as { success?: unknown }).success === false;
}

/**
 * Builds the error for a response: class by status, message `GET /path/{id} -> 404 code: text` with the
 * path template (not the filled path), a redacted excerpt when the body was not JSON, and a redacted body.
 * A 404 whose body is not JSON comes from a server without this route, not from the API's own "not found":
 * the message says so, and names the servers that do serve it when the spec says which.
 */
export function errorFromResponse(
  label: string,
  response: Response,
  text: string,
  parsed: ParsedBody,
  secrets: readonly string[],
  servedBy?: string,
): APIError {
  const { status, headers } = response;
  const cut = text.trim() ? `: ${excerpt(text, secrets)}` : "";
  const detail =
    status === 404 && parsed.problem
      ? `this server does not serve the endpoint${servedBy ? ` (served by ${servedBy})` : ""}; it answered ${parsed.problem}${cut}`
      : parsed.problem
        ? `${parsed.problem}${cut}`
        : (describeErrorBody(parsed.body) ?? (cut ? cut.slice(2) : "(empty body)"));
  const message = redactString(`${label} -> ${status} ${detail}`, secrets);
  const body = redact(parsed.body, secrets);
  return status >= 400
    ? APIError.from(status, body, message, headers)
    : new APIError(status, body, message, headers);
}
