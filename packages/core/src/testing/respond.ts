/** Turns a `FakeReply` into the bytes and headers that go on the wire. */
import { escapeHtml, type FakeReply } from "./http.js";

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? (status < 300 ? "OK" : "Error");
}

/** The page a proxy in front of the API would send (the `htmlNext` fault). */
export function htmlPage(status: number): string {
  const title = `${status} ${escapeHtml(statusText(status))}`;
  return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>fake-proxy</center>\n</body>\n</html>\n`;
}

export interface RenderedReply {
  status: number;
  headers: Record<string, string | string[]>;
  text: string;
  /** The JSON body as produced (undefined for text bodies). */
  body: unknown;
}

/** Serializes a reply. Throws when its body cannot be sent as JSON (a cycle, a BigInt, ...). */
export function renderReply(reply: FakeReply): RenderedReply {
  const headers: Record<string, string | string[]> = {};
  let text = "";
  if (reply.text !== undefined) {
    text = reply.text;
  } else if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    text = JSON.stringify(reply.body);
    headers["content-type"] = "application/json; charset=utf-8";
  }
  for (const [key, value] of Object.entries(reply.headers ?? {})) headers[key.toLowerCase()] = value;
  const body = reply.text === undefined ? reply.body : undefined;
  return { status: reply.status, headers, text, body };
}

/** Halves a rendered body (the `truncateNext` fault): the client gets invalid JSON. */
export function truncate(rendered: RenderedReply): RenderedReply {
  if (rendered.text.length === 0) return rendered;
  return {
    ...rendered,
    text: rendered.text.slice(0, Math.max(1, Math.floor(rendered.text.length / 2))),
    body: undefined,
  };
}

/** Header values as one string each, for the recorder. */
export function flatHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers))
    out[key] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}
