import { responseError } from "./errors.js";
import type { SendBody } from "./transport.js";

/** Redirects followed per attempt before giving up. */
export const MAX_REDIRECTS = 5;

/** One HTTP request as the redirect rule sees it. */
export interface Hop {
  url: string;
  method: string;
  body: SendBody | undefined;
}

/**
 * The request to send after `response`, or undefined when it is not a redirect to follow. Requests are sent
 * with `redirect: "manual"`, so this is the only place a redirect is followed, and only when nothing can leak
 * or happen twice: within the origin of the request (credentials and bodies never leave it), at most
 * MAX_REDIRECTS times, and never for a token request (`follow` false). 307/308 resend the same request (the
 * server says it did not act on it); 303, and 301/302 after a GET, continue with a GET without a body. Any
 * other redirect is an APIError that names where it pointed, so nothing is sent there.
 */
export function nextHop(
  response: Response,
  hop: Hop,
  hops: number,
  follow: boolean,
  label: string,
): Hop | undefined {
  const { status } = response;
  const fail = (message: string) => responseError(response, message);
  if (response.type === "opaqueredirect")
    throw fail(
      `${label}: the server answered with a redirect, which this runtime hides from scripts (an opaque response); set baseURL to the address the API is served at`,
    );
  const location = response.headers.get("location");
  if (![301, 302, 303, 307, 308].includes(status) || location === null) return undefined;
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    throw fail(`${label} -> ${status} redirect to an invalid Location; not followed`);
  }
  const refuse = (why: string) =>
    fail(`${label} -> ${status} redirect to ${target.origin} not followed: ${why}`);
  const origin = new URL(hop.url).origin;
  if (!follow) throw refuse("token requests never follow redirects");
  if (target.origin !== origin)
    throw refuse(`it leaves ${origin}, and credentials and bodies are only sent there`);
  if (hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
  if (status === 307 || status === 308) return { ...hop, url: target.href };
  if (status === 303 || hop.method === "GET" || hop.method === "HEAD")
    return { url: target.href, method: hop.method === "HEAD" ? "HEAD" : "GET", body: undefined };
  throw refuse(`a ${status} would turn this ${hop.method} into a GET`);
}
