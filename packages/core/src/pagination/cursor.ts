import type { Pagination } from "./types.js";

export interface CursorOptions {
  cursorParam: string;
  limitParam?: string;
  itemKey?: string;
}

/** Cursor pages (x-sdk-pagination style "cursor"): `items`, with `page_info.has_next_page` and `end_cursor`. */
export function cursor(o: CursorOptions): Pagination {
  return {
    style: "cursor",
    itemKey: o.itemKey,
    items: (data) => {
      const items = (data as { items?: unknown } | null)?.items;
      return Array.isArray(items) ? items : undefined;
    },
    key: (query) => JSON.stringify(query[o.cursorParam] ?? null),
    next({ query, data }) {
      const info = (data as { page_info?: { has_next_page?: unknown; end_cursor?: unknown } }).page_info;
      if (info?.has_next_page !== true) return null;
      return { ...query, [o.cursorParam]: info.end_cursor ?? null };
    },
  };
}
