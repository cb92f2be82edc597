import { unsent } from "./errors.js";

/** An HTTP token (RFC 9110 5.6.2): what fetch accepts as a header name. */
const NAME = /^[!#$%&'*+.^`|~\w-]+$/;
/** What fetch accepts as a header value: Latin-1 without NUL, CR and LF. */
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Refuses, before any request, a header fetch would refuse with a bare TypeError: a name that is not a
 * token, a value with CR/LF/NUL (header injection) or characters beyond Latin-1. The message names the
 * header, never its value, which may be a credential.
 */
export function checkHeader(name: string, value: unknown, where: string): string {
  const fail = (why: string) => unsent(where, `header "${name}" ${why}`);
  if (!NAME.test(name)) throw fail("is not a valid header name");
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    throw fail(`must be a string, got ${value === null ? "null" : typeof value}`);
  const text = String(value);
  if (!VALUE.test(text))
    throw fail(
      /[\r\n\0]/.test(text)
        ? "contains CR, LF or NUL, which would split the request"
        : "contains characters outside Latin-1, which fetch refuses (encode the value first)",
    );
  return text;
}

/** Checks every header of a record (defaultHeaders, per-call headers); undefined values are skipped. */
export function checkHeaders(
  headers: Record<string, unknown> | undefined,
  where: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (value !== undefined) out[name] = checkHeader(name, value, where);
  return out;
}
