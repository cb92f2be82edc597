import { APIPromise, type WithResponse } from "./api-promise.js";
import { PaginationError, SSOError } from "./errors.js";
import type { PaginationDescriptor } from "./types.js";

/** A server that keeps answering "there is more" past this many pages is broken; stop instead of looping. */
export const MAX_PAGES = 10_000;

/** One page of a list: its items, and the way to the next page when there is one. */
export class Page<T> implements AsyncIterable<T> {
  readonly items: T[];
  /** The Response this page came from (body already read). */
  readonly response: Response;
  readonly #next: (() => Promise<Page<T>>) | null;

  constructor(items: T[], response: Response, next: (() => Promise<Page<T>>) | null) {
    this.items = items;
    this.response = response;
    this.#next = next;
  }

  hasNextPage(): boolean {
    return this.#next !== null;
  }

  /** The next page; rejects with PaginationError when the server's next page would not advance. */
  async getNextPage(): Promise<Page<T>> {
    if (!this.#next) throw new SSOError("This is the last page; check hasNextPage() before getNextPage().");
    return this.#next();
  }

  /** This page, then every following page. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and of every following page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.items;
  }
}

/**
 * `await` gives the first Page; `for await` walks every item of every page. Iteration may start with
 * different query defaults than `await` (e.g. the largest page size), which laziness makes possible.
 */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  readonly #iterate: () => Promise<WithResponse<Page<T>>>;

  constructor(
    run: () => Promise<WithResponse<Page<T>>>,
    iterate: () => Promise<WithResponse<Page<T>>> = run,
  ) {
    super(run);
    this.#iterate = iterate;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    this._started ??= this.#iterate();
    yield* (await this._started).data;
  }
}

type Query = Record<string, unknown>;

/** Query defaults for walking a whole list: Logto sends everything without paging params, so ask for big pages. */
export function iterationQuery(pagination: PaginationDescriptor, query: Query = {}): Query {
  if (pagination.style !== "page-number" && pagination.style !== "result-info") return query;
  const { page, pageSize, maxPageSize } = pagination;
  if (query[page] !== undefined || query[pageSize] !== undefined || !maxPageSize) return query;
  return { ...query, [page]: 1, [pageSize]: maxPageSize };
}

/** The items of one page, from a bare array, an `items` array or a `result` array; null means none. */
export function pageItems(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data === null) return [];
  for (const key of ["items", "result", "data"]) {
    const list = (data as Record<string, unknown> | null)?.[key];
    if (Array.isArray(list)) return list;
  }
  return undefined;
}

const int = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
};

/** Where the page after this one is, as the query to send; null on the last page. */
export function nextQuery(
  pagination: PaginationDescriptor,
  query: Query,
  items: unknown[],
  data: unknown,
  body: unknown,
  headers: Headers,
): Query | null {
  switch (pagination.style) {
    case "single":
      return null;
    case "cursor": {
      const info = (data as { page_info?: { has_next_page?: unknown; end_cursor?: unknown } } | null)
        ?.page_info;
      if (info?.has_next_page !== true) return null;
      return { ...query, [pagination.cursorParam]: info.end_cursor ?? null };
    }
    case "page-number": {
      const { page: pageKey, pageSize: sizeKey } = pagination;
      const page = int(query[pageKey]) ?? 1;
      const size = int(query[sizeKey]);
      const capped = headers.get("total-number-is-capped")?.trim() === "true";
      const total = capped ? undefined : int(headers.get("total-number"));
      // Known total: the last page costs no extra request.
      if (total !== undefined && size) return page * size < total ? { ...query, [pageKey]: page + 1 } : null;
      const link = linkNext(headers.get("link"));
      if (link) {
        const next = { ...query, [pageKey]: int(link.get(pageKey)) ?? page + 1 };
        const linkSize = int(link.get(sizeKey));
        return linkSize ? { ...next, [sizeKey]: linkSize } : next;
      }
      // Capped counts come without rel="next" (Logto); a full page means there may be more.
      return capped && size && items.length >= size ? { ...query, [pageKey]: page + 1 } : null;
    }
    case "result-info": {
      const info = (body as { result_info?: Record<string, unknown> } | null)?.result_info ?? {};
      const page = int(info.page) ?? int(query[pagination.page]) ?? 1;
      const size = int(info.per_page) ?? int(query[pagination.pageSize]);
      const pages = int(info.total_pages);
      const total = int(info.total_count);
      const more =
        pages !== undefined
          ? page < pages
          : total !== undefined && size
            ? page * size < total
            : !!size && items.length >= size;
      return more ? { ...query, [pagination.page]: page + 1 } : null;
    }
  }
}

/** The query of a `Link: <…>; rel="next"` target, or undefined. */
function linkNext(link: string | null): URLSearchParams | undefined {
  for (const part of link?.split(",") ?? []) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (match && /;\s*rel="?[^";]*\bnext\b/i.test(match[2] ?? "")) {
      return new URL(match[1] ?? "", "http://link.invalid").searchParams;
    }
  }
  return undefined;
}

/** What identifies a page, to catch a server whose "next" page is one we already fetched. */
export function pageKey(pagination: PaginationDescriptor, query: Query): string {
  switch (pagination.style) {
    case "cursor":
      return JSON.stringify(query[pagination.cursorParam] ?? null);
    case "page-number":
    case "result-info":
      return JSON.stringify(int(query[pagination.page]) ?? 1);
    default:
      return "";
  }
}

/** Refuses the next request when it would not advance, or when the list has gone on too long. */
export function checkAdvance(
  pagination: PaginationDescriptor,
  label: string,
  next: Query,
  items: unknown[],
  seen: Set<string>,
  response: Response,
): void {
  const fail = (why: string) =>
    new PaginationError(`${label}: ${why}; stopped instead of looping`, response.status, response.headers);
  if (pagination.style === "cursor" && (next[pagination.cursorParam] ?? null) === null) {
    throw fail("the server says there are more pages but sent no cursor");
  }
  if (items.length === 0) throw fail("an empty page claims that more pages follow");
  if (seen.has(pageKey(pagination, next)))
    throw fail(`the next page ${pageKey(pagination, next)} was already fetched`);
  if (seen.size >= MAX_PAGES) throw fail(`the list goes on past ${MAX_PAGES} pages`);
}
