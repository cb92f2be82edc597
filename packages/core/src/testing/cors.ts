/**
 * CORS for the fakes, on by default so browser tests can use them: preflights are answered by the kit, and every
 * response names the headers the clients read (`Total-Number`, `Link`, `Retry-After`, request ids, ...) in
 * `Access-Control-Expose-Headers`. The fakes take no cookies, so any origin may call them.
 */
import type { IncomingHttpHeaders } from "node:http";

/** Request headers the @sso clients send; a preflight allows them even when the browser does not list them. */
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  "Accept",
  "Authorization",
  "Content-Type",
  "User-Agent",
  "X-Client-Request-ID",
];

/** Response headers every fake exposes when present, besides the ones a provider names. */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  "Retry-After",
  "Retry-After-Ms",
  "X-Should-Retry",
  "WWW-Authenticate",
  "Link",
];

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const TOKEN_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** True for a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(method: string, headers: IncomingHttpHeaders): boolean {
  return (
    method === "OPTIONS" &&
    header(headers, "origin") !== undefined &&
    header(headers, "access-control-request-method") !== undefined
  );
}

function allowOrigin(headers: IncomingHttpHeaders): Record<string, string> {
  const origin = header(headers, "origin");
  return origin
    ? { "access-control-allow-origin": origin, vary: "Origin" }
    : { "access-control-allow-origin": "*" };
}

/** The headers of a preflight answer (`204`); `methods` are the route's methods when the path is known. */
export function preflightHeaders(
  headers: IncomingHttpHeaders,
  methods: readonly string[] | undefined,
): Record<string, string> {
  const requested = header(headers, "access-control-request-headers")?.trim() ?? "";
  const allowHeaders = new Set(CORS_ALLOWED_HEADERS);
  if (TOKEN_LIST.test(requested)) for (const name of requested.split(",")) allowHeaders.add(name.trim());
  return {
    ...allowOrigin(headers),
    "access-control-allow-methods": [
      ...(methods && methods.length > 0 ? methods : ALL_METHODS),
      "OPTIONS",
    ].join(", "),
    "access-control-allow-headers": [...allowHeaders].join(", "),
    "access-control-max-age": "600",
  };
}

/** Adds the CORS headers of an actual response: its origin, and every header it carries exposed to scripts. */
export function withCorsHeaders(
  requestHeaders: IncomingHttpHeaders,
  responseHeaders: Record<string, string | string[]>,
  exposed: readonly string[] = [],
): Record<string, string | string[]> {
  const names = new Map<string, string>();
  for (const name of [...CORS_EXPOSED_HEADERS, ...exposed]) names.set(name.toLowerCase(), name);
  for (const name of Object.keys(responseHeaders)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith("access-control-") && lower !== "vary" && !names.has(lower)) names.set(lower, name);
  }
  const origin = allowOrigin(requestHeaders);
  const vary = responseHeaders.vary;
  return {
    ...responseHeaders,
    ...origin,
    ...(vary !== undefined && origin.vary ? { vary: `${String(vary)}, Origin` } : {}),
    "access-control-expose-headers": [...names.values()].join(", "),
  };
}
