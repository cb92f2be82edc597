/**
 * Small HTTP helpers shared by the fakes: replies, body parsing, credentials, ids and time.
 * Node-only (node:crypto); nothing here is shipped in the runtime entry.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** What a fake route handler answers. `body` is serialized as JSON; `text` is sent verbatim. */
export interface FakeReply {
  status: number;
  headers?: Record<string, string | string[]>;
  /** A JSON body. Omit for an empty body (e.g. 204). */
  body?: unknown;
  /** A raw text body (used instead of `body`); set `content-type` in `headers`. */
  text?: string;
  /**
   * The state change this reply reports. The kit runs it only once the reply has been serialized, so a request
   * that fails at any point (validation, a business rule, a body that cannot be sent) changes no state.
   */
  commit?: () => void;
}

/** The request as a handler sees it: already read, bounded, and parsed. */
export interface FakeRequest {
  readonly method: string;
  /** The full request URL (origin of the fake + path + query). */
  readonly url: URL;
  /** The path relative to the fake's base path, e.g. `/accounts/abc/sso_connectors`. */
  readonly path: string;
  /** Path parameters captured by the router, percent-decoded. */
  readonly params: Record<string, string>;
  /** The route template that matched (`/api/sso-connectors/{id}`), absent for an unknown path. */
  readonly route?: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  /** `application/json` -> parsed JSON; form-urlencoded -> a string record; empty -> undefined. */
  readonly body: unknown;
  /** Set when the body could not be parsed (invalid JSON, unsupported content type). */
  readonly bodyError?: string;
  /** A header value as one string (repeated headers joined with ", "). */
  header(name: string): string | undefined;
}

export function json(status: number, body: unknown, headers?: Record<string, string | string[]>): FakeReply {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(status = 204, headers?: Record<string, string | string[]>): FakeReply {
  return headers ? { status, headers } : { status };
}

/** How deep a JSON body may nest (objects and arrays) unless a fake says otherwise. */
export const DEFAULT_MAX_BODY_DEPTH = 64;

/**
 * True when `text` nests objects or arrays deeper than `limit`. A linear scan of the raw text, so a hostile
 * body is refused before `JSON.parse` builds it and before anything walks it recursively.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Parses a body by content type; JSON deeper than `maxDepth` is an error. Never throws. */
export function parseBody(
  rawBody: string,
  contentType: string | undefined,
  maxDepth: number = DEFAULT_MAX_BODY_DEPTH,
): { body: unknown; bodyError?: string } {
  if (rawBody.length === 0) return { body: undefined };
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded") {
    const form: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(rawBody)) form[key] = value;
    return { body: form };
  }
  if (type === "application/json" || type.endsWith("+json") || type === "") {
    if (jsonNestsDeeperThan(rawBody, maxDepth)) {
      return { body: undefined, bodyError: `JSON nested deeper than ${maxDepth} levels` };
    }
    try {
      return { body: JSON.parse(rawBody) as unknown };
    } catch (error) {
      return { body: undefined, bodyError: `invalid JSON: ${(error as Error).message}` };
    }
  }
  return { body: undefined, bodyError: `unsupported content type: ${type}` };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `Authorization: Bearer <token>`; `undefined` when the header is absent, `null` for another scheme. */
export function bearerToken(header: string | undefined): string | null | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match ? (match[1] as string) : null;
}

/** Reads `Authorization: Basic base64(id:secret)`; `undefined` when absent or not Basic, `null` when malformed. */
export function basicCredentials(
  header: string | undefined,
): { id: string; secret: string } | null | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  // RFC 6749 2.3.1: client_id and client_secret are form-urlencoded before Basic encoding.
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
}

/** A random RFC 4122 v4 UUID (node:crypto, so it works on Node 18 without the global `crypto`). */
export function uuid(): string {
  return randomUUID();
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random id from `alphabet` (default: lowercase letters and digits). */
export function randomId(length: number, alphabet = LOWER_ALNUM): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Escapes text for the HTML fault page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Compares two secrets without leaking their length through timing more than necessary. */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
