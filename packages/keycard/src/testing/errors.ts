/**
 * Keycard's error side: API errors are `{message, code, status}`; schema problems of a body are `400
 * bad_request`, except a string outside its length bounds, which is `422 validation_error` as the API
 * answers an over-long `identifier`.
 */
import {
  FakeError,
  type FakeReply,
  formatKeyPath,
  json,
  type SchemaProblem,
  statusText,
} from "@sso/core/testing";
import type { components } from "../generated/schema.js";

type KeycardError = components["schemas"]["KeycardError"];

export const NOT_FOUND = "Organization not found or SSO not enabled";

export function errorReply(status: number, code: string, message: string): FakeReply {
  const body: KeycardError = { message, code, status };
  return json(status, body);
}

export function fail(status: number, code: string, message: string): never {
  throw new FakeError(errorReply(status, code, message));
}

const CODES: Record<number, string> = {
  413: "payload_too_large",
  429: "rate_limited",
  500: "internal_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

/** The body for an injected status (`failNext`), a 413 or a crash. */
export function errorBody(status: number): KeycardError {
  return { message: statusText(status), code: CODES[status] ?? "error", status };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function sentence(problem: SchemaProblem): string {
  const at = formatKeyPath(problem.path);
  switch (problem.keyword) {
    case "required":
      return `${at} is required`;
    case "type":
      return `${at || "body"} must be ${(problem.expected ?? []).join(" or ")}, got ${problem.received}`;
    case "minLength":
      return `${at} must be at least ${plural(problem.limit ?? 0, "character")}`;
    case "maxLength":
      return `${at} must be at most ${plural(problem.limit ?? 0, "character")}`;
    default:
      return `${at || "body"} ${problem.message}`;
  }
}

/** Refuses a body the schema rejects: 400 for its shape first, else 422 for a length; returns when it is valid. */
export function refuseBodyProblems(problems: readonly SchemaProblem[]): void {
  const lengths = problems.filter((p) => p.keyword === "minLength" || p.keyword === "maxLength");
  const shape = problems.filter((p) => !lengths.includes(p));
  const [first] = shape;
  if (first) fail(400, "bad_request", `Invalid request body: ${shape.map(sentence).join("; ")}`);
  const [length] = lengths;
  if (length) fail(422, "validation_error", sentence(length));
}
