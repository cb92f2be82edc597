/**
 * Cloudflare's error side: every failure is the IAM failure envelope
 * `{success: false, errors: [{code, message}], messages: [], result: null}`, and input problems found by the
 * spec's schemas become code 1001 entries worded like the API's own.
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

type Failure = components["schemas"]["APIResponseCommonFailure"];

/** The failure envelope for one or more `{code, message}` entries. */
export function failure(status: number, errors: Array<{ code: number; message: string }>): FakeReply {
  const body: Failure = { success: false, errors, messages: [], result: null };
  return json(status, body);
}

/** Refuses the request with one error entry. */
export function fail(status: number, code: number, message: string): never {
  throw new FakeError(failure(status, [{ code, message }]));
}

/** The envelope for an injected status (`failNext`), a 413 or a crash. */
export function errorBody(status: number): Failure {
  return {
    success: false,
    errors: [{ code: 1000, message: statusText(status) }],
    messages: [],
    result: null,
  };
}

/** The 404 of a path that routes nowhere (also an account id that names no account). */
export function notRouted(pathname: string): never {
  return fail(404, 7003, `Could not route to ${pathname}, perhaps your object identifier is invalid?`);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** One schema problem in the API's words: `Invalid request: enabled must be a boolean`. */
function sentence(problem: SchemaProblem): string {
  const at = formatKeyPath(problem.path) || "body";
  if (problem.keyword === "required") return `Invalid request: ${at} is required`;
  if (problem.keyword === "type")
    return `Invalid request: ${at} must be ${(problem.expected ?? []).map(article).join(" or ")}`;
  return `Invalid request: ${at} ${problem.message}`;
}

/** Refuses a body the schema rejects with 400 and one code 1001 entry per problem; returns when there are none. */
export function refuseBodyProblems(problems: readonly SchemaProblem[]): void {
  if (problems.length === 0) return;
  throw new FakeError(
    failure(
      400,
      [...new Set(problems.map(sentence))].map((message) => ({ code: 1001, message })),
    ),
  );
}
