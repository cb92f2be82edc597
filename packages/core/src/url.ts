import { InvalidArgumentError, unsent } from "./errors.js";
import type { OperationDescriptor } from "./types.js";

type QueryStyles = OperationDescriptor["query"];

/**
 * Encodes one path parameter so no value can add, remove or climb a path segment: `/ ? # %` and unicode are
 * percent-encoded, and `.`/`..` are refused because URL parsers resolve them even when written as `%2E`.
 */
export function encodePathParam(name: string, value: unknown, label: string): string {
  const fail = (why: string) => unsent(label, `path parameter "${name}" ${why}`);
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

/** Fills a path template; every parameter is encoded by `encodePathParam`. */
export function fillPath(
  template: string,
  values: Record<string, unknown> | undefined,
  label: string,
): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodePathParam(name, values?.[name], label));
}

const DELIMITERS = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" } as const;
const DELIMITED_CHARS = { form: ",", spaceDelimited: " ", pipeDelimited: "|" } as const;

/**
 * The query string of a call. Arrays repeat their key (`?expand=a&expand=b`) and objects spread their
 * fields, unless the descriptor names another OpenAPI style for that parameter.
 */
export function serializeQuery(query: Record<string, unknown>, styles: QueryStyles, label: string): string {
  const parts: string[] = [];
  const enc = encodeURIComponent;
  const pair = (key: string, value: string) => parts.push(`${enc(key)}=${value}`);
  for (const [key, value] of Object.entries(query).filter(given)) {
    const style = styles?.[key];
    const scalar = (item: unknown): string => {
      if (typeof item === "number" && !Number.isFinite(item))
        throw new InvalidArgumentError(
          `${label}: query parameter "${key}" must be a finite number, got ${item}`,
        );
      if (item !== null && typeof item === "object")
        throw new InvalidArgumentError(
          `${label}: query parameter "${key}" nests objects, which no query style can send`,
        );
      return enc(String(item));
    };
    // In a delimited style the delimiter cannot be told apart from the same character inside a value.
    const undelimited = <T>(item: T, what: string): T => {
      const char = DELIMITED_CHARS[style as keyof typeof DELIMITED_CHARS];
      if (typeof item !== "object" && String(item).includes(char))
        throw new InvalidArgumentError(
          `${label}: query parameter "${key}" is sent ${style}, so ${what} cannot contain ${JSON.stringify(char)}`,
        );
      return item;
    };
    if (Array.isArray(value)) {
      const items = value.filter((item) => item !== undefined && item !== null);
      if (style && style !== "deepObject")
        pair(key, items.map((item, i) => scalar(undelimited(item, `item ${i}`))).join(DELIMITERS[style]));
      else for (const item of items) pair(key, scalar(item));
    } else if (typeof value === "object") {
      const fields = Object.entries(value as object).filter(given);
      if (style === "form")
        pair(
          key,
          fields
            .map(
              ([k, v]) =>
                `${enc(undelimited(k, `the name "${k}"`))},${scalar(undelimited(v, `field "${k}"`))}`,
            )
            .join(","),
        );
      else for (const [k, v] of fields) pair(style === "deepObject" ? `${key}[${k}]` : k, scalar(v));
    } else pair(key, scalar(value));
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** An entry whose value is sent: undefined and null leave the parameter out. */
const given = ([, value]: [string, unknown]): boolean => value !== undefined && value !== null;

/**
 * Checks and normalises a base URL once, at construction: it must be an absolute http(s) URL without
 * credentials, query or fragment. A missing scheme (`localhost:3001`, `api.example.com`) gets a hint.
 * Trailing slashes are stripped so `https://h/v4/` + `/accounts` never becomes `//accounts`.
 */
export function normalizeBaseURL(baseURL: unknown): string {
  const fail = (why: string) => new InvalidArgumentError(`baseURL ${why}`);
  if (typeof baseURL !== "string" || !baseURL.trim())
    throw fail(`must be an absolute http(s) URL, got ${JSON.stringify(baseURL)}`);
  const trimmed = baseURL.trim().replace(/\/+$/, "");
  const hint =
    /^[\w.-]+(:\d+)?(\/|$)/.test(trimmed) && !/^https?:/i.test(trimmed)
      ? `; did you mean "${/^(localhost|127\.|\[::1\])/.test(trimmed) ? "http" : "https"}://${trimmed}"?`
      : "";
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw fail(`must be an absolute http(s) URL, got "${trimmed}"${hint}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw fail(`must be an http or https URL, got "${trimmed}"${hint || ` (scheme ${url.protocol})`}`);
  if (url.username || url.password)
    throw fail("must not contain user:password; pass credentials as client options");
  if (url.search || url.hash) throw fail(`must not have a query or fragment, got "${trimmed}"`);
  return trimmed;
}
