import type { WithResponse } from "../api-promise.js";
import { PaginationError } from "../errors.js";
import { shapeError } from "../shape.js";
import { Page } from "./page.js";
import type { Pagination, Query } from "./types.js";

/** A server that keeps answering "there is more" past this many pages is broken; stop instead of looping. */
export const MAX_PAGES = 10_000;

/** One page as the client fetched it. */
export interface FetchedPage {
  data: unknown;
  body: unknown;
  text: string;
  response: Response;
}

/**
 * Loads the page for `query` and wires its way to the next. Trusts nothing: a body that is not a list of
 * this style is an APIError (never an empty page), and the next page is refused with PaginationError when
 * it would not advance (already fetched, no cursor, an empty page claiming more, past MAX_PAGES) or when it
 * repeats the previous page's items (by `itemKey`, else by content): a server that ignores the page
 * parameter is caught after one repeated page.
 */
export function loadPage<T>(
  pagination: Pagination,
  label: string,
  fetchPage: (query: Query) => Promise<FetchedPage>,
  secrets: () => readonly string[],
  query: Query,
): Promise<WithResponse<Page<T>>> {
  const seen = new Set<string>();
  const load = async (query: Query, previous?: unknown[]): Promise<WithResponse<Page<T>>> => {
    const { data, body, text, response } = await fetchPage(query);
    const items = pagination.items(data);
    const fail = (why: string) =>
      new PaginationError(`${label}: ${why}; stopped instead of looping`, response.status, response.headers);
    if (!items)
      throw shapeError(label, response, `expected a page of a ${pagination.style} list`, text, secrets());
    if (previous && repeats(previous, items, pagination.itemKey))
      throw fail(
        `page ${pagination.key(query)} repeats the items of the previous page${pagination.itemKey ? ` (by ${pagination.itemKey})` : ""}, so the server ignores the page parameter`,
      );
    seen.add(pagination.key(query));
    const next = pagination.next({ query, items, data, body, headers: response.headers });
    let checked = false; // fetching the same next page again later is a re-read, not a loop
    const fetchNext = next
      ? async () => {
          if (!checked) {
            const key = pagination.key(next);
            if (key === "null") throw fail("the server says there are more pages but sent no cursor");
            if (items.length === 0) throw fail("an empty page claims that more pages follow");
            if (seen.has(key)) throw fail(`the next page ${key} was already fetched`);
            if (seen.size >= MAX_PAGES) throw fail(`the list goes on past ${MAX_PAGES} pages`);
          }
          checked = true;
          return (await load(next, items)).data;
        }
      : null;
    return { data: new Page(items as T[], response, fetchNext), response };
  };
  return load(query);
}

/** True when a non-empty page holds nothing but the previous page's items. */
function repeats(previous: unknown[], items: unknown[], itemKey: string | undefined): boolean {
  if (items.length === 0 || previous.length === 0) return false;
  const id = (item: unknown) =>
    itemKey && item && typeof item === "object" ? (item as Record<string, unknown>)[itemKey] : undefined;
  if (itemKey && items.every((item) => id(item) !== undefined)) {
    const before = new Set(previous.map(id));
    return items.every((item) => before.has(id(item)));
  }
  return JSON.stringify(items) === JSON.stringify(previous);
}
