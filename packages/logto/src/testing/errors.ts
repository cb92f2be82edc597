/**
 * Logto's error side: `{code, message, data?, details?}` bodies (`RequestErrorBody`), and schema problems
 * worded as the zod issues Logto puts in `details`: `Error in key path "connectorName": (invalid_type) Required`.
 */
import { FakeError, type FakeReply, formatKeyPath, json, type SchemaProblem } from "@sso/core/testing";
import type { components } from "../generated/schema.js";

type LogtoErrorBody = components["schemas"]["LogtoError"];

function logtoError(
  status: number,
  code: string,
  message: string,
  extra: { data?: unknown; details?: string } = {},
): FakeReply {
  const body: LogtoErrorBody = { code, message, ...extra };
  return json(status, body);
}

export function fail(
  status: number,
  code: string,
  message: string,
  extra?: { data?: unknown; details?: string },
): never {
  throw new FakeError(logtoError(status, code, message, extra));
}

export function notExists(table: string, id: string): never {
  return fail(404, "entity.not_exists_with_id", `The ${table} with ID \`${id}\` does not exist.`);
}

export function notFound(): never {
  return fail(404, "entity.not_found", "The resource does not exist.");
}

/** 400 `guard.invalid_input` with one `details` line per problem (or per raw message). */
export function invalidInput(type: "body" | "query" | "params", details: readonly string[]): never {
  return fail(400, "guard.invalid_input", `The request ${type} is invalid.`, { details: details.join("\n") });
}

const ZOD_TYPES: Record<string, string> = { integer: "number", object: "object", array: "array" };
const ZOD_FORMATS: Record<string, string> = {
  uri: "url",
  email: "email",
  "date-time": "datetime",
  uuid: "uuid",
};

function quoted(values: readonly unknown[] | undefined): string {
  return (values ?? []).map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(" | ");
}

/** A problem as zod words it: `(too_small) String must contain at least 1 character(s)`. */
function issue(problem: SchemaProblem): string {
  const limit = problem.limit ?? 0;
  switch (problem.keyword) {
    case "required":
      return "(invalid_type) Required";
    case "type":
      return `(invalid_type) Expected ${(problem.expected ?? []).map((t) => ZOD_TYPES[t] ?? t).join(" | ")}, received ${problem.received}`;
    case "minLength":
      return `(too_small) String must contain at least ${limit} character(s)`;
    case "maxLength":
      return `(too_big) String must contain at most ${limit} character(s)`;
    case "minItems":
      return `(too_small) Array must contain at least ${limit} element(s)`;
    case "maxItems":
      return `(too_big) Array must contain at most ${limit} element(s)`;
    case "minimum":
      return `(too_small) Number must be greater than or equal to ${limit}`;
    case "maximum":
      return `(too_big) Number must be less than or equal to ${limit}`;
    case "enum":
      return `(invalid_enum_value) Invalid enum value. Expected ${quoted(problem.allowed)}`;
    case "const":
      return `(invalid_literal) Invalid literal value, expected ${JSON.stringify(problem.allowed?.[0])}`;
    case "discriminator":
      return `(invalid_union_discriminator) Invalid discriminator value. Expected ${quoted(problem.allowed)}`;
    case "oneOf":
    case "anyOf":
      return "(invalid_union) Invalid input";
    case "additionalProperties":
      return `(unrecognized_keys) Unrecognized key(s) in object: '${problem.property ?? ""}'`;
    case "format":
      return `(invalid_string) Invalid ${ZOD_FORMATS[problem.format ?? ""] ?? problem.format}`;
    case "pattern":
      return "(invalid_string) Invalid";
    default:
      return `(custom) ${problem.message}`;
  }
}

/** One `details` line; `from` drops a leading part of the path (a connector's `config` is checked on its own). */
export function detailLine(problem: SchemaProblem, from = 0): string {
  return `Error in key path "${formatKeyPath(problem.path.slice(from))}": ${issue(problem)}`;
}

/** The body of an injected status (`failNext`), a 413 or a crash, as Logto answers them. */
export function errorBody(status: number): unknown {
  if (status >= 500) return { message: "Internal server error." };
  if (status === 429)
    return { code: "request.too_many_requests", message: "Too many requests. Please try again later." };
  return { code: "request.general", message: "Request error occurred." };
}

/** An `oidc-provider` error from `/oidc/token`, as Logto wraps it. */
export function oidcError(
  status: number,
  error: string,
  description: string,
  headers?: Record<string, string>,
): FakeReply {
  return json(
    status,
    {
      code: `oidc.${error}`,
      message: `An OIDC error occurred: oidc.${error}.`,
      error,
      error_description: description,
    },
    { "cache-control": "no-store", ...headers },
  );
}
