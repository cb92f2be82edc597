import { describe, expect, it } from "vitest";
import {
  APIError,
  cursor,
  InvalidArgumentError,
  MAX_PAGES,
  Page,
  PaginationError,
  pageNumber,
  resultInfo,
  SSOError,
  singlePage,
} from "../src/internal.js";
import { type Call, op as descriptor, json, makeClient, stubFetch } from "./helpers.js";

interface Item {
  id: number;
}
const items = (n: number, from = 1): Item[] => Array.from({ length: n }, (_, i) => ({ id: from + i }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const logtoPages = pageNumber({ page: "page", pageSize: "page_size", maxPageSize: 100, itemKey: "id" });
const query = (call: Call | undefined) => Object.fromEntries(new URL(call?.url ?? "http://x").searchParams);

describe("single", () => {
  const op = descriptor("GET", "/accounts/{a}/sso_connectors", { pagination: singlePage() });

  it("reads the envelope's result array and never has a next page", async () => {
    const stub = stubFetch(
      json({
        success: true,
        errors: [],
        messages: [],
        result: items(3),
        result_info: { page: 1, per_page: 3, total_count: 9 },
      }),
    );
    const client = makeClient(stub.fetch, {}, { envelope: "cloudflare" });
    const page = await client.requestPage<Item>(op, { a: "acc" });
    expect(page).toBeInstanceOf(Page);
    expect(page.items).toEqual(items(3));
    expect(page.hasNextPage()).toBe(false);
    await expect(page.getNextPage()).rejects.toBeInstanceOf(SSOError);
    expect(await collect(client.requestPage<Item>(op, { a: "acc" }))).toEqual(items(3));
    expect(stub.calls).toHaveLength(2);
  });

  it.each([
    ["an envelope with result: null", { success: true, errors: [], messages: [], result: null }, "null"],
    ["an object", { success: true, errors: [], messages: [], result: { nope: 1 } }, '"nope":1'],
    ["a string", { success: true, errors: [], messages: [], result: "OK" }, '"OK"'],
  ])("%s is an APIError with an excerpt, never an empty page", async (_, body, shown) => {
    const stub = stubFetch(json(body));
    const client = makeClient(stub.fetch, {}, { envelope: "cloudflare" });
    const error = await client.requestPage(op, { a: "x" }).then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(PaginationError);
    expect((error as APIError).status).toBe(200);
    expect((error as Error).message).toMatch(
      /^GET \/accounts\/\{a\}\/sso_connectors -> 200 unexpected body \(expected a page of a single list\)/,
    );
    expect((error as Error).message).toContain(shown);
  });
});

/** A Logto-like list endpoint: paging off without params, Total-Number and Link when paging. */
function logto(total: number, options: { cap?: number; maxPageSize?: number } = {}) {
  const all = items(total);
  return stubFetch((call) => {
    const url = new URL(call.url);
    const pageParam = url.searchParams.get("page");
    const sizeParam = url.searchParams.get("page_size");
    if (pageParam === null && sizeParam === null) return json(all);
    const page = Number(pageParam ?? 1);
    const size = Number(sizeParam ?? 20);
    if (size > (options.maxPageSize ?? 100))
      return json({ code: "guard.invalid_pagination", message: "invalid" }, 400);
    const capped = options.cap !== undefined && total > options.cap;
    const count = capped ? (options.cap ?? 0) : total;
    const last = Math.max(1, Math.ceil(count / size));
    const link = (p: number, rel: string) =>
      `<${url.origin}${url.pathname}?page=${p}&page_size=${size}>; rel="${rel}"`;
    const links = [link(1, "first")];
    if (page > 1) links.push(link(page - 1, "prev"));
    if (!capped) links.push(link(last, "last"));
    if (!capped && page < last) links.push(link(page + 1, "next"));
    const headers: Record<string, string> = { "Total-Number": String(count), Link: links.join(", ") };
    if (capped) headers["Total-Number-Is-Capped"] = "true";
    return json(all.slice((page - 1) * size, page * size), 200, headers);
  });
}

describe("page-number (Logto)", () => {
  const op = descriptor("GET", "/api/sso-connectors", {
    params: { page: "query", page_size: "query" },
    pagination: logtoPages,
  });

  it("await with no params sends no paging params and gets everything in one request", async () => {
    const stub = logto(250);
    const page = await makeClient(stub.fetch).requestPage<Item>(op, {});
    expect(page.items).toHaveLength(250);
    expect(page.hasNextPage()).toBe(false);
    expect(stub.calls.map((c) => c.url)).toEqual(["https://api.test/v1/api/sso-connectors"]);
  });

  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
    [300, 3],
  ])(
    "for await over %i items asks for pages of 100 and makes %i requests (none wasted on the last)",
    async (total, requests) => {
      const stub = logto(total);
      expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, {}))).toEqual(items(total));
      expect(stub.calls).toHaveLength(requests);
      expect(stub.calls.map(query)).toEqual(
        Array.from({ length: requests }, (_, i) => ({ page: String(i + 1), page_size: "100" })),
      );
    },
  );

  it("keeps the caller's page size and start page", async () => {
    const stub = logto(45);
    const got = await collect(makeClient(stub.fetch).requestPage<Item>(op, { page: 2, page_size: 10 }));
    expect(got).toEqual(items(35, 11));
    expect(stub.calls.map((c) => query(c).page)).toEqual(["2", "3", "4", "5"]);
  });

  it("walks pages by hand with hasNextPage/getNextPage", async () => {
    const stub = logto(25);
    let page = await makeClient(stub.fetch).requestPage<Item>(op, { page_size: 10 });
    const sizes = [page.items.length];
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      sizes.push(page.items.length);
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(await collect(page.iterPages())).toHaveLength(1);
  });

  it("a capped total follows full pages until a short one", async () => {
    const stub = logto(230, { cap: 150 });
    expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, {}))).toHaveLength(230);
    expect(stub.calls).toHaveLength(3);
  });

  it("without Total-Number it follows Link rel=next", async () => {
    const stub = stubFetch(
      json(items(2), 200, {
        Link: '<https://api.test/v1/api/sso-connectors?page=2&page_size=2>; rel="next"',
      }),
      json(items(2, 3), 200, {
        Link: '<https://api.test/v1/api/sso-connectors?page=3&page_size=2>; rel="last next"',
      }),
      json(items(1, 5), 200, {
        Link: '<https://api.test/v1/api/sso-connectors?page=1&page_size=2>; rel="first"',
      }),
    );
    expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, { page_size: 2 }))).toEqual(items(5));
    expect(stub.calls.map((c) => query(c).page)).toEqual([undefined, "2", "3"]);
  });

  it("a Link next that points back at a fetched page stops with PaginationError", async () => {
    const stuck = '<https://api.test/v1/api/sso-connectors?page=2&page_size=2>; rel="next"';
    const stub = stubFetch(json(items(2), 200, { Link: stuck }), json(items(2, 3), 200, { Link: stuck }));
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of makeClient(stub.fetch).requestPage<Item>(op, { page_size: 2 }))
        seen.push(item);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(
      /GET \/api\/sso-connectors: the next page 2 was already fetched; stopped instead of looping/,
    );
    expect(seen).toHaveLength(4);
    expect(stub.calls).toHaveLength(2);
  });

  it.each([
    ["Total-Number says there are 10,000", { "Total-Number": "10000" }],
    ["a Link rel=next always comes", { Link: '<https://api.test/x?page=9&page_size=2>; rel="next"' }],
    ["no count headers are readable (CORS)", {}],
  ])("a server that ignores ?page while %s stops after one repeated page", async (_, headers) => {
    const stub = stubFetch(json(items(2), 200, headers));
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of makeClient(stub.fetch).requestPage<Item>(op, { page_size: 2 }))
        seen.push(item);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(/repeats the items of the previous page \(by id\)/);
    expect(seen).toEqual(items(2));
    expect(stub.calls).toHaveLength(2);
  });

  it("a repeated page is told by content when items have no id", async () => {
    const plain = descriptor("GET", "/l", {
      params: { page: "query", page_size: "query" },
      pagination: pageNumber({ page: "page", pageSize: "page_size", maxPageSize: 100 }),
    });
    const stub = stubFetch(json([{ name: "a" }, { name: "b" }], 200, { "Total-Number": "9" }));
    const run = collect(makeClient(stub.fetch).requestPage(plain, { page_size: 2 }));
    await expect(run).rejects.toThrow(/page 2 repeats the items of the previous page, so the server/);
    expect(stub.calls).toHaveLength(2);
  });

  it("overlapping pages (an item inserted meanwhile) are not a repeat", async () => {
    const stub = stubFetch(
      json(items(2), 200, { "Total-Number": "4" }),
      json([{ id: 2 }, { id: 3 }], 200, { "Total-Number": "4" }),
    );
    expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, { page_size: 2 }))).toHaveLength(4);
  });

  it("when neither Total-Number nor Link can be read, full pages continue and the first short one ends", async () => {
    const stub = stubFetch(json(items(2)), json(items(2, 3)), json(items(1, 5)));
    expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, { page_size: 2 }))).toEqual(items(5));
    expect(stub.calls.map((c) => query(c).page)).toEqual([undefined, "2", "3"]);
  });

  it("a Link header without rel=next ends the walk even on a full page", async () => {
    const stub = stubFetch(json(items(2), 200, { Link: '<https://api.test/x?page=1>; rel="first"' }));
    expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, { page_size: 2 }))).toHaveLength(2);
    expect(stub.calls).toHaveLength(1);
  });

  it.each([
    [{ page: 0 }, /"page" must be an integer >= 1, got 0/],
    [{ page: -1 }, /"page" must be an integer >= 1, got -1/],
    [{ page: 1.5 }, /"page" must be an integer >= 1, got 1.5/],
    [{ page_size: 0 }, /"page_size" must be an integer from 1 to 100, got 0/],
    [{ page_size: 101 }, /"page_size" must be an integer from 1 to 100, got 101/],
    [{ page_size: "ten" }, /"page_size" must be an integer from 1 to 100, got "ten"/],
    [{ page_size: Number.NaN }, /"page_size" must be an integer from 1 to 100, got NaN/],
  ])("%j is refused before any request, by the spec's bounds", async (params, message) => {
    const bounded = descriptor("GET", "/api/sso-connectors", {
      params: { page: "query", page_size: "query" },
      limits: { page: { minimum: 1, integer: true }, page_size: { minimum: 1, maximum: 100, integer: true } },
      pagination: logtoPages,
    });
    const stub = stubFetch(json([]));
    const error = await makeClient(stub.fetch)
      .requestPage(bounded, params)
      .then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect(stub.calls).toHaveLength(0);
  });

  it("an empty page that claims more stops with PaginationError", async () => {
    const stub = stubFetch(json([], 200, { "Total-Number": "50" }));
    const page = await makeClient(stub.fetch).requestPage<Item>(op, { page: 1, page_size: 10 });
    expect(page.hasNextPage()).toBe(true);
    await expect(page.getNextPage()).rejects.toThrow(/an empty page claims that more pages follow/);
    expect(stub.calls).toHaveLength(1);
  });

  it(`a server that never stops is cut off after ${MAX_PAGES} pages`, async () => {
    const stub = stubFetch((call) => {
      const page = Number(new URL(call.url).searchParams.get("page"));
      return json([{ id: page }], 200, {
        Link: `<https://api.test/x?page=${page + 1}&page_size=1>; rel="next"`,
      });
    });
    let count = 0;
    const error = await (async () => {
      for await (const _ of makeClient(stub.fetch).requestPage<Item>(op, { page: 1, page_size: 1 })) count++;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(/goes on past 10000 pages/);
    expect(count).toBe(MAX_PAGES);
    expect(stub.calls).toHaveLength(MAX_PAGES);
  }, 120_000);
});

describe("cursor (Keycard)", () => {
  const op = descriptor("GET", "/organizations", {
    params: { after: "query", limit: "query" },
    pagination: cursor({ cursorParam: "after", limitParam: "limit", itemKey: "id" }),
  });
  const body = (list: Item[], next?: string) => ({
    items: list,
    page_info: { has_next_page: next !== undefined, has_prev_page: false, end_cursor: next ?? null },
  });

  it("follows end_cursor until has_next_page is false", async () => {
    const stub = stubFetch(
      json(body(items(2), "c2")),
      json(body(items(2, 3), "c4")),
      json(body(items(1, 5))),
    );
    expect(await collect(makeClient(stub.fetch).requestPage<Item>(op, { limit: 2 }))).toEqual(items(5));
    expect(stub.calls.map(query)).toEqual([
      { limit: "2" },
      { limit: "2", after: "c2" },
      { limit: "2", after: "c4" },
    ]);
  });

  it.each([
    [
      "repeats a cursor",
      [json(body(items(1), "c1")), json(body(items(1, 2), "c1"))],
      /the next page "c1" was already fetched/,
      2,
    ],
    [
      "claims more without a cursor",
      [json({ items: items(1), page_info: { has_next_page: true } })],
      /sent no cursor/,
      1,
    ],
    ["is empty but claims more", [json(body([], "c9"))], /an empty page claims/, 1],
  ])("a server that %s stops with PaginationError", async (_, replies, message, calls) => {
    const stub = stubFetch(...replies);
    const run = collect(makeClient(stub.fetch).requestPage<Item>(op, {}));
    await expect(run).rejects.toBeInstanceOf(PaginationError);
    await expect(run).rejects.toThrow(message);
    expect(stub.calls).toHaveLength(calls);
  });
});

describe("result-info (Cloudflare v4)", () => {
  const op = descriptor("GET", "/accounts/{a}/things", {
    params: { a: "path", page: "query", per_page: "query" },
    pagination: resultInfo({ page: "page", pageSize: "per_page", maxPageSize: 50, itemKey: "id" }),
  });
  const envelope = (list: Item[], info: Record<string, number>) =>
    json({ success: true, errors: [], messages: [], result: list, result_info: info });

  it.each([
    ["total_pages", { total_pages: 3 }],
    ["total_count", { total_count: 120 }],
  ])("stops on the last page using %s, without an extra request", async (_, totals) => {
    const stub = stubFetch(
      envelope(items(50), { page: 1, per_page: 50, ...totals }),
      envelope(items(50, 51), { page: 2, per_page: 50, ...totals }),
      envelope(items(20, 101), { page: 3, per_page: 50, ...totals }),
    );
    const client = makeClient(stub.fetch, {}, { envelope: "cloudflare" });
    expect(await collect(client.requestPage<Item>(op, { a: "acc" }))).toEqual(items(120));
    expect(stub.calls.map(query)).toEqual([
      { page: "1", per_page: "50" },
      { page: "2", per_page: "50" },
      { page: "3", per_page: "50" },
    ]);
  });

  it("without totals, a short page is the last", async () => {
    const stub = stubFetch(
      envelope(items(50), { page: 1, per_page: 50 }),
      envelope(items(3, 51), { page: 2, per_page: 50 }),
    );
    const client = makeClient(stub.fetch, {}, { envelope: "cloudflare" });
    expect(await collect(client.requestPage<Item>(op, { a: "acc" }))).toHaveLength(53);
    expect(stub.calls).toHaveLength(2);
  });

  it("a server that ignores the page parameter stops with PaginationError", async () => {
    const stub = stubFetch(envelope(items(50), { page: 1, per_page: 50, total_pages: 4 }));
    const client = makeClient(stub.fetch, {}, { envelope: "cloudflare" });
    await expect(collect(client.requestPage<Item>(op, { a: "acc" }))).rejects.toThrow(
      /page 2 repeats the items of the previous page \(by id\), so the server ignores the page parameter/,
    );
    expect(stub.calls).toHaveLength(2);
  });
});

describe("PagePromise", () => {
  const op = descriptor("GET", "/api/sso-connectors", {
    params: { page: "query", page_size: "query" },
    pagination: logtoPages,
  });

  it("is lazy, and iterating after awaiting reuses the first page", async () => {
    const stub = logto(3);
    const promise = makeClient(stub.fetch).requestPage<Item>(op, {});
    expect(stub.calls).toHaveLength(0);
    const page = await promise;
    expect(page.items).toHaveLength(3);
    expect(await collect(promise)).toEqual(items(3));
    expect(stub.calls).toHaveLength(1);
  });

  it("withResponse gives the first page and its response", async () => {
    const stub = logto(3);
    const { data, response } = await makeClient(stub.fetch).requestPage<Item>(op, { page: 1 }).withResponse();
    expect(data.items).toHaveLength(3);
    expect(response.headers.get("total-number")).toBe("3");
    expect(data.response).toBe(response);
  });
});

describe("re-reading", () => {
  it("getNextPage twice on the same page re-reads it instead of calling it a loop", async () => {
    const op = descriptor("GET", "/l", {
      params: { page: "query", page_size: "query" },
      pagination: logtoPages,
    });
    const stub = logto(15);
    const first = await makeClient(stub.fetch).requestPage<Item>(op, { page_size: 10 });
    const a = await first.getNextPage();
    const b = await first.getNextPage();
    expect(a.items).toEqual(b.items);
    expect(stub.calls).toHaveLength(3);
  });
});
