/**
 * Logto's `koaPagination({ isOptional: true })`: without `page` and `page_size` every row comes back; with
 * either, a page with `Total-Number` and `Link`. A value outside the spec's bounds is `400
 * guard.invalid_pagination` (an empty value takes the default, as in Logto).
 */
import type { FakeRequest } from "@sso/core/testing";
import { fail } from "./errors.js";
import { guard } from "./guards.js";

export interface Page<T> {
  items: T[];
  headers: Record<string, string | string[]>;
}

function links(request: FakeRequest, page: number, totalPages: number): string[] {
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(target));
    return `<${request.url.origin}${request.url.pathname}?${query.toString()}>; rel="${rel}"`;
  };
  const out = [link(1, "first"), link(totalPages, "last")];
  if (page > 1) out.push(link(page - 1, "prev"));
  if (page < totalPages) out.push(link(page + 1, "next"));
  return out;
}

export function paginate<T>(request: FakeRequest, operationKey: string, all: T[]): Page<T> {
  const pageRaw = request.query.get("page") || undefined;
  const sizeRaw = request.query.get("page_size") || undefined;
  if (pageRaw === undefined && sizeRaw === undefined) return { items: all, headers: {} };
  const invalid = guard
    .parameters(operationKey, request)
    .some((p) => (p.path[0] === "page" && pageRaw) || (p.path[0] === "page_size" && sizeRaw));
  if (invalid) fail(400, "guard.invalid_pagination", "The request pagination value is invalid.");
  const page = pageRaw ? Number(pageRaw) : 1;
  const pageSize = sizeRaw ? Number(sizeRaw) : 20;
  const totalPages = Math.ceil(all.length / pageSize) || 1;
  return {
    items: all.slice((page - 1) * pageSize, page * pageSize),
    headers: { "total-number": String(all.length), link: links(request, page, totalPages) },
  };
}
