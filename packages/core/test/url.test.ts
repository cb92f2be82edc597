import { describe, expect, it } from "vitest";
import { encodePathParam, InvalidArgumentError, type OperationDescriptor } from "../src/index.js";
import { json, makeClient, prng, stubFetch } from "./helpers.js";

const get = {
  method: "GET",
  path: "/accounts/{account_id}/sso_connectors/{id}",
} as const satisfies OperationDescriptor;

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
    await makeClient(fetch).request(get, { path: { account_id: "acc", id } });
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
    const path = { account_id: "acc", id } as unknown as Record<string, string>;
    const error = await makeClient(fetch)
      .request(get, { path })
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
    const random = prng(20261125);
    const alphabet = [
      "a",
      "Z",
      "0",
      ".",
      "/",
      "\\",
      "?",
      "#",
      "%",
      "&",
      "=",
      " ",
      "é",
      "東",
      "😀",
      "%2e",
      "..",
      "+",
      ";",
      "@",
      ":",
    ];
    for (let run = 0; run < 2_000; run++) {
      const length = 1 + Math.floor(random() * 8);
      let value = "";
      for (let i = 0; i < length; i++) value += alphabet[Math.floor(random() * alphabet.length)];
      let encoded: string;
      try {
        encoded = encodePathParam("id", value, "GET /x/{id}");
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect([".", ".."]).toContain(value.trim() === "" ? "." : value);
        continue;
      }
      const { pathname, search, hash } = new URL(`https://h.test/v1/x/${encoded}/tail`);
      expect(pathname.split("/"), value).toHaveLength(5);
      expect(pathname.startsWith("/v1/x/") && pathname.endsWith("/tail"), value).toBe(true);
      expect(search + hash, value).toBe("");
      expect(decodeURIComponent(pathname.split("/")[3] ?? ""), value).toBe(value);
    }
  });
});

describe("URL and query", () => {
  it.each([
    ["https://api.test/v1", "https://api.test/v1/things"],
    ["https://api.test/v1/", "https://api.test/v1/things"],
    ["https://api.test/v1///", "https://api.test/v1/things"],
  ])("baseURL %s joins without a double slash", async (baseURL, url) => {
    const { fetch, calls } = stubFetch(json([]));
    await makeClient(fetch, { baseURL }).request({ method: "GET", path: "/things" }, {});
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
    await makeClient(fetch).request({ method: "GET", path: "/things" }, { query });
    expect(calls[0]?.url).toBe(`https://api.test/v1/things${search}`);
  });
});

describe("headers and body", () => {
  it("sends Accept, User-Agent, auth, default, input and per-request headers in that precedence", async () => {
    const { fetch, calls } = stubFetch(json({ ok: true }));
    const client = makeClient(fetch, { defaultHeaders: { "X-Default": "d", "X-Over": "default" } });
    await client.request(
      { method: "POST", path: "/things" },
      { body: { name: "n" }, headers: { "X-Input": "i", "X-Over": "input", "X-Skip": undefined } },
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
    await makeClient(fetch).request(
      { method: "GET", path: "/x" },
      {},
      { headers: { Authorization: "Bearer other" } },
    );
    expect(calls[0]?.headers.get("content-type")).toBeNull();
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer other");
  });

  it("gives every logical call its own request id, kept across retries and overridable", async () => {
    const { fetch, calls } = stubFetch(json({}, 503, { "retry-after-ms": "0" }), json({}));
    const client = makeClient(fetch, {}, { requestIdHeader: "X-Client-Request-ID" });
    await client.request({ method: "GET", path: "/x" }, {}, { maxRetries: 1, timeout: 1000 });
    await client.request({ method: "GET", path: "/x" }, {}, { headers: { "X-Client-Request-ID": "mine" } });
    const ids = calls.map((c) => c.headers.get("x-client-request-id"));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe("mine");
  });
});
