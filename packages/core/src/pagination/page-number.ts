import { arrayItems, int, numberedWalk, type Pagination } from "./types.js";

export interface PageNumberOptions {
  page: string;
  pageSize: string;
  maxPageSize: number;
  itemKey?: string;
}

/**
 * Numbered pages with the count in headers (Logto, x-sdk-pagination style "page-number"): `Total-Number`
 * with the page size, else `Link: rel="next"`. When neither can be read (a browser whose CORS setup does not
 * expose them, a capped count) a full page means there may be more, and the first short page is the last.
 */
export function pageNumber(o: PageNumberOptions): Pagination {
  const { page: pageKey, pageSize: sizeKey } = o;
  return {
    style: "page-number",
    itemKey: o.itemKey,
    items: arrayItems,
    key: (query) => String(int(query[pageKey]) ?? 1),
    walk: numberedWalk(pageKey, sizeKey, o.maxPageSize),
    next({ query, items, headers }) {
      const page = int(query[pageKey]) ?? 1;
      const size = int(query[sizeKey]);
      if (!size) return null; // without a page size the server sent every row
      const following = { ...query, [pageKey]: page + 1 };
      const capped = headers.get("total-number-is-capped")?.trim() === "true";
      const total = capped ? undefined : int(headers.get("total-number"));
      if (total !== undefined) return page * size < total ? following : null;
      const link = headers.get("link");
      if (link !== null && !capped) {
        const next = linkNext(link)?.get(pageKey);
        return next === undefined ? null : { ...query, [pageKey]: int(next) ?? page + 1 };
      }
      return items.length >= size ? following : null;
    },
  };
}

/** The query of a `Link: <…>; rel="next"` target, or undefined. */
function linkNext(link: string): URLSearchParams | undefined {
  for (const part of link.split(",")) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (match && /;\s*rel="?[^";]*\bnext\b/i.test(match[2] ?? "")) {
      try {
        return new URL(match[1] ?? "", "http://link.invalid").searchParams;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
