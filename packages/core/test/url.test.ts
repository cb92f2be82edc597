import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../src/internal.js";
import { fillPath } from "../src/url.js";
import { json, makeClient, op, stubFetch } from "./helpers.js";

const get = op("GET", "/accounts/{account_id}/sso_connectors/{id}");
const buildURL = (base: string, values: Record<string, unknown>) =>
  `${base}${fillPath(get.path, values, "GET")}`;

/** Pieces that have broken path encoders: traversal, separators, escapes, blanks and unpaired surrogate halves. */
const hostile = fc.constantFrom(
  ".",
  "..",
  "/",
  "\\",
  "?",
  "#",
  "%",
  "%2e",
  "%2E%2e",
  "%2f",
  "&",
  "=",
  "+",
  ";",
  ":",
  "@",
  "{id}",
  " ",
  "\t",
  "\n",
  "\u0000",
  "\u00a0",
  "\ufeff",
  "é",
  "東",
  "😀",
  "\ud83d",
  "\ude00",
  "a",
  "0",
);
/** Any UTF-16 code unit, so lone surrogates come up too (fast-check's "binary" unit never makes them). */
const codeUnit = fc.nat({ max: 0xffff }).map((unit) => String.fromCharCode(unit));
const pathValue = fc.oneof(
  { arbitrary: fc.constantFrom(".", "..", "...", " ..", ". ", "%2e%2e", ""), weight: 1 },
  { arbitrary: fc.array(hostile, { maxLength: 8 }).map((pieces) => pieces.join("")), weight: 3 },
  {
    arbitrary: fc
      .array(fc.oneof(hostile, fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 6 })
      .map((pieces) => pieces.join("")),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: "binary" }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme" }), weight: 1 },
  { arbitrary: fc.string({ unit: codeUnit }), weight: 1 },
);
/** What encodePathParam refuses on purpose: empty or blank, `.`/`..`, and text that is not well-formed UTF-16. */
const refusedByDesign = (value: string) =>
  value.trim() === "" || value === "." || value === ".." || /\p{Cs}/u.test(value);

describe("path parameters", () => {
  it.each([
    ["plain", "abc123", "https://api.test/v1/accounts/acc/sso_connectors/abc123"],
    ["number", 42, "https://api.test/v1/accounts/acc/sso_connectors/42"],
    ["climbing ../", "../../admin", "https://api.test/v1/accounts/acc/sso_connectors/..%2F..%2Fadmin"],
    ["slash", "a/b", "https://api.test/v1/accounts/acc/sso_connectors/a%2Fb"],
    ["query", "a?admin=1", "https://api.test/v1/accounts/acc/sso_connectors/a%3Fadmin%3D1"],
    ["fragment", "a#b", "https://api.test/v1/accounts/acc/sso_connectors/a%23b"],
    ["percent", "100%", "https://api.test/v1/accounts/acc/sso_connectors/100%25"],
    ["encoded dots", "%2e%2e", "https://api.test/v1/accounts/acc/sso_connectors/%252e%252e"],
    ["three dots", "...", "https://api.test/v1/accounts/acc/sso_connectors/..."],
    ["backslash", "a\\b", "https://api.test/v1/accounts/acc/sso_connectors/a%5Cb"],
    ["space", "a b", "https://api.test/v1/accounts/acc/sso_connectors/a%20b"],
    ["unicode", "café-東京", "https://api.test/v1/accounts/acc/sso_connectors/caf%C3%A9-%E6%9D%B1%E4%BA%AC"],
    ["braces", "{id}", "https://api.test/v1/accounts/acc/sso_connectors/%7Bid%7D"],
  ])("%s: %j -> exact URL", async (_, id, url) => {
    const { fetch, calls } = stubFetch(json({}));
    await makeClient(fetch).request(get, { account_id: "acc", id });
    expect(calls.map((c) => c.url)).toEqual([url]);
    expect(new URL(url).pathname.split("/")).toHaveLength(6);
  });

  it.each([
    ["missing", undefined, /"id" is required but was undefined/],
    ["null", null, /"id" is required but was null/],
    ["empty", "", /"id" must not be empty/],
    ["blank", "  ", /"id" must not be empty/],
    ["dot", ".", /must not be "\."/],
    ["dot-dot", "..", /must not be "\.\."/],
    ["NaN", Number.NaN, /finite number/],
    ["object", { id: 1 }, /must be a string/],
    ["lone surrogate", "a\uD800", /well-formed Unicode/],
  ])("%s value is rejected before any request", async (_, id, message) => {
    const { fetch, calls } = stubFetch(json({}));
    const error = await makeClient(fetch)
      .request(get, { account_id: "acc", id })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain("GET /accounts/{account_id}/sso_connectors/{id}");
    expect(calls).toHaveLength(0);
  });

  it("property: no string value changes the path's shape", () => {
    fc.assert(
      fc.property(pathValue, pathValue, (accountId, id) => {
        const build = () => buildURL("https://h.test/v1", { account_id: accountId, id });
        if (refusedByDesign(accountId) || refusedByDesign(id)) {
          expect(build).toThrow(InvalidArgumentError);
          return;
        }
        const { pathname, search, hash } = new URL(build());
        const segments = pathname.split("/");
        expect(segments).toHaveLength(6);
        expect([segments[1], segments[2], segments[4]]).toEqual(["v1", "accounts", "sso_connectors"]);
        expect(search + hash).toBe("");
        expect(decodeURIComponent(segments[3] ?? "")).toBe(accountId);
        expect(decodeURIComponent(segments[5] ?? "")).toBe(id);
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it("property: a finite number is one segment that reads back as its string form", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (id) => {
        const build = () => buildURL("https://h.test/v1", { account_id: "acc", id });
        if (!Number.isFinite(id)) {
          expect(build).toThrow(InvalidArgumentError);
          return;
        }
        const segments = new URL(build()).pathname.split("/");
        expect(segments).toHaveLength(6);
        expect(decodeURIComponent(segments[5] ?? "")).toBe(String(id));
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });
});

describe("URL and query", () => {
  it.each([
    ["https://api.test/v1", "https://api.test/v1/things"],
    ["https://api.test/v1/", "https://api.test/v1/things"],
    ["https://api.test/v1///", "https://api.test/v1/things"],
  ])("baseURL %s joins without a double slash", async (baseURL, url) => {
    const { fetch, calls } = stubFetch(json([]));
    await makeClient(fetch, { baseURL }).request(op("GET", "/things"), {});
    expect(calls[0]?.url).toBe(url);
  });

  it("falls back to the default baseURL and refuses a relative one", () => {
    expect(makeClient(fetch, { baseURL: "" }).baseURL).toBe("https://default.test");
    expect(() => makeClient(fetch, { baseURL: "/relative" })).toThrow(InvalidArgumentError);
  });

  it.each([
    [{ expand: ["permissions", "total_count"] }, "?expand=permissions&expand=total_count"],
    [{ page: 2, page_size: 100 }, "?page=2&page_size=100"],
    [{ q: "a&b=c", skip: undefined, none: null, empty: [] }, "?q=a%26b%3Dc"],
    [{ flag: true }, "?flag=true"],
    [{}, ""],
  ])("query %j -> %s", async (query, search) => {
    const { fetch, calls } = stubFetch(json([]));
    const params = Object.fromEntries(Object.keys(query).map((key) => [key, "query" as const]));
    await makeClient(fetch).request(op("GET", "/things", { params }), query);
    expect(calls[0]?.url).toBe(`https://api.test/v1/things${search}`);
  });
});

describe("headers and body", () => {
  it("sends Accept, User-Agent, auth, default, input and per-request headers in that precedence", async () => {
    const { fetch, calls } = stubFetch(json({ ok: true }));
    const client = makeClient(fetch, { defaultHeaders: { "X-Default": "d", "X-Over": "default" } });
    await client.request(
      op("POST", "/things", { params: { "X-Input": "header", "X-Over": "header", "X-Skip": "header" } }),
      { name: "n", "X-Input": "i", "X-Over": "input", "X-Skip": undefined },
      { headers: { "X-Over": "request" } },
    );
    const call = calls[0]!;
    expect(call.method).toBe("POST");
    expect(call.body).toBe('{"name":"n"}');
    expect(Object.fromEntries(call.headers)).toEqual({
      accept: "application/json",
      authorization: "Bearer tok_live_0123456789abcdef",
      "content-type": "application/json",
      "user-agent": "@sso/test/0.0.0",
      "x-default": "d",
      "x-input": "i",
      "x-over": "request",
    });
  });

  it("sends no Content-Type without a body, and a per-request Authorization wins over auth", async () => {
    const { fetch, calls } = stubFetch(json({}));
    await makeClient(fetch).request(op("GET", "/x"), {}, { headers: { Authorization: "Bearer other" } });
    expect(calls[0]?.headers.get("content-type")).toBeNull();
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer other");
  });

  it("gives every logical call its own request id, kept across retries and overridable", async () => {
    const { fetch, calls } = stubFetch(json({}, 503, { "retry-after-ms": "0" }), json({}));
    const client = makeClient(fetch, {}, { requestIdHeader: "X-Client-Request-ID" });
    await client.request(op("GET", "/x"), {}, { maxRetries: 1, timeout: 1000 });
    await client.request(op("GET", "/x"), {}, { headers: { "X-Client-Request-ID": "mine" } });
    const ids = calls.map((c) => c.headers.get("x-client-request-id"));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe("mine");
  });
});
