import { createQuerySerializer } from "openapi-fetch";
import { InvalidArgumentError } from "./errors.js";
import type { OperationDescriptor, RequestInput } from "./types.js";

/** Arrays repeat their key (`?expand=a&expand=b`), the form every one of our APIs accepts. */
const serializeQuery = createQuerySerializer({ array: { style: "form", explode: true } });

/**
 * Encodes one path parameter so no value can add, remove or climb a path segment: `/ ? # %` and unicode are
 * percent-encoded, and `.`/`..` are refused because URL parsers resolve them even when written as `%2E`.
 */
export function encodePathParam(name: string, value: unknown, label: string): string {
  const fail = (why: string) =>
    new InvalidArgumentError(`${label}: path parameter "${name}" ${why}; no request was sent`);
  if (value === undefined || value === null) throw fail(`is required but was ${value}`);
  if (typeof value === "number" && !Number.isFinite(value))
    throw fail(`must be a finite number, got ${value}`);
  if (typeof value !== "string" && typeof value !== "number")
    throw fail(`must be a string, got ${typeof value}`);
  const text = String(value);
  if (!text.trim()) throw fail("must not be empty");
  if (text === "." || text === "..") throw fail(`must not be "${text}" (it would change the request path)`);
  try {
    return encodeURIComponent(text);
  } catch {
    throw fail("is not well-formed Unicode (lone surrogate)");
  }
}

/** The full URL of one call; throws InvalidArgumentError before anything reaches the network. */
export function buildURL(baseURL: string, op: OperationDescriptor, input: RequestInput): string {
  const label = `${op.method} ${op.path}`;
  const path = op.path.replace(/\{([^{}]+)\}/g, (_, name: string) =>
    encodePathParam(name, input.path?.[name], label),
  );
  const query = input.query ? serializeQuery(input.query) : "";
  return `${baseURL}${path}${query ? `?${query}` : ""}`;
}

/** Strips trailing slashes so `https://h/v4/` + `/accounts` never becomes `//accounts`. */
export function normalizeBaseURL(baseURL: string): string {
  const trimmed = baseURL.trim().replace(/\/+$/, "");
  try {
    new URL(trimmed);
  } catch {
    throw new InvalidArgumentError(`baseURL must be an absolute URL, got "${baseURL}"`);
  }
  return trimmed;
}
