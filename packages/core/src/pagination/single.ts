import { arrayItems, type Pagination } from "./types.js";

/** One page holds the whole list (x-sdk-pagination style "single"). */
export function singlePage(): Pagination {
  return { style: "single", items: arrayItems, next: () => null, key: () => "" };
}
