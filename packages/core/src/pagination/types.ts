export type Query = Record<string, unknown>;

/** One fetched page, as a pagination style reads it. */
export interface PageData {
  /** The query this page was fetched with. */
  query: Query;
  items: unknown[];
  /** The call's data (the envelope's `result` when unwrapped). */
  data: unknown;
  /** The whole parsed body (Cloudflare's `result_info` lives beside `result`). */
  body: unknown;
  headers: Headers;
}

/**
 * A pagination style: how to find a page's items and the next page. Each style is its own object, imported
 * by the generated descriptors that use it, so a client bundles only the styles its API has.
 */
export interface Pagination {
  readonly style: string;
  /** The item property that identifies an item, used to spot a page that repeats the previous one. */
  readonly itemKey?: string | undefined;
  /** The items of a page, or undefined when the data is not a page of this style. */
  items(data: unknown): unknown[] | undefined;
  /** The query of the page after this one; null on the last page. */
  next(page: PageData): Query | null;
  /** What identifies a page by its query, to refuse fetching one twice. */
  key(query: Query): string;
  /** Query defaults for walking every page (e.g. the largest page size). */
  walk?(query: Query): Query;
}

/** An integer from a number or numeric string (headers, JSON), else undefined. */
export const int = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
};

export const arrayItems = (data: unknown): unknown[] | undefined => (Array.isArray(data) ? data : undefined);

/** Walk defaults for numbered pages: page 1 at the largest size, unless the caller chose either. */
export function numberedWalk(page: string, pageSize: string, maxPageSize: number | undefined) {
  return (query: Query): Query =>
    query[page] !== undefined || query[pageSize] !== undefined || !maxPageSize
      ? query
      : { ...query, [page]: 1, [pageSize]: maxPageSize };
}
