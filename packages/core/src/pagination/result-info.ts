import { arrayItems, int, numberedWalk, type Pagination } from "./types.js";

export interface ResultInfoOptions {
  page: string;
  pageSize: string;
  maxPageSize?: number;
  itemKey?: string;
}

/** Cloudflare v4 paging (x-sdk-pagination style "result-info"): `result_info.total_pages`, else `total_count`, else a full page. */
export function resultInfo(o: ResultInfoOptions): Pagination {
  return {
    style: "result-info",
    itemKey: o.itemKey,
    items: arrayItems,
    key: (query) => String(int(query[o.page]) ?? 1),
    walk: numberedWalk(o.page, o.pageSize, o.maxPageSize),
    next({ query, items, body }) {
      const info = (body as { result_info?: Record<string, unknown> } | null)?.result_info ?? {};
      const page = int(info.page) ?? int(query[o.page]) ?? 1;
      const size = int(info.per_page) ?? int(query[o.pageSize]);
      const pages = int(info.total_pages);
      const total = int(info.total_count);
      const more =
        pages !== undefined
          ? page < pages
          : total !== undefined && size
            ? page * size < total
            : !!size && items.length >= size;
      return more ? { ...query, [o.page]: page + 1 } : null;
    },
  };
}
