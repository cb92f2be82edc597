import type { DuplicatePostObservation } from "../scenario/types.js";

/**
 * Rows whose platform `fetch` is known to send a POST again, by itself, when the reused keep-alive connection it
 * went out on closes without an answer (the SDK sent it once, with retries off): the fake then receives the
 * create twice. Observed with Deno 2.9 and Chromium 156; Node, Bun and workerd do not. In Deno `@sso/core` sends
 * requests that are not safe to repeat over a client without idle connections, which stops it; a page cannot
 * choose its connections, so Chromium still does. When a row stops resending, the matrix fails until it is taken
 * out of this list.
 */
const PLATFORM_RESENDS_POST: ReadonlySet<string> = new Set(["chromium"]);

/** Why a row's duplicate-POST observation is not what that row is known to do, or undefined when it is. */
export function duplicatePostProblem(
  rowId: string,
  provider: string,
  seen: DuplicatePostObservation | undefined,
): string | undefined {
  if (!seen) return `${provider}: no duplicate-POST observation`;
  const expected = PLATFORM_RESENDS_POST.has(rowId) ? 2 : 1;
  if (seen.received === expected) return undefined;
  if (expected === 2 && seen.received === 1) {
    return `${provider}: the create reached the fake once (${seen.outcome}); ${rowId} no longer resends it, so take "${rowId}" out of PLATFORM_RESENDS_POST in runtimes/src/matrix/expectations.ts`;
  }
  return `${provider}: the fake received a create the SDK sent once ${seen.received}x (${seen.outcome}), expected ${expected}x`;
}
