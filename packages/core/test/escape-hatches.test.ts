/** asResponse and client.raw: ways around the typed methods that keep the transport's guarantees. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIError,
  BaseClient,
  bearerAuth,
  type Middleware,
  NotFoundError,
  singlePage,
} from "../src/internal.js";
import { dropped, json, makeClient, op, settle, stubFetch, TOKEN, text } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("asResponse", () => {
  const get = op("GET", "/connectors/{id}", { response: { types: ["object"], required: ["id"] } });

  it("gives the 2xx Response with its body unread, and checks nothing in it", async () => {
    const stub = stubFetch(text('"not the promised object"', 200, "application/json"));
    const promise = makeClient(stub.fetch).request(get, { id: "c1" });
    expect(stub.calls).toHaveLength(0);
    const response = await promise.asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toBe("not the promised object");
    expect(stub.calls).toHaveLength(1);
  });

  it("an error status still rejects with the typed error, after retries", async () => {
    const stub = stubFetch(json({}, 503), json({ code: "gone", message: "No such connector." }, 404));
    const { error } = await settle(makeClient(stub.fetch).request(get, { id: "c1" }).asResponse());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("GET /connectors/{id} -> 404 gone: No such connector.");
    expect(stub.calls).toHaveLength(2);
  });

  it("keeps the redirect rule and the argument checks", async () => {
    const away = stubFetch(new Response(null, { status: 302, headers: { location: "https://evil.test/" } }));
    await expect(makeClient(away.fetch).request(get, { id: "c1" }).asResponse()).rejects.toThrow(
      /not followed/,
    );
    const none = stubFetch(json({}));
    await expect(
      makeClient(none.fetch)
        .request(op("GET", "/x", { required: ["id"] }), {})
        .asResponse(),
    ).rejects.toThrow(/missing required field "id"/);
    expect(none.calls).toHaveLength(0);
  });

  it("works on a list: the first page's Response", async () => {
    const stub = stubFetch(json([{ id: 1 }], 200, { "total-number": "1" }));
    const response = await makeClient(stub.fetch)
      .requestPage(op("GET", "/things", { pagination: singlePage() }), {})
      .asResponse();
    expect(response.headers.get("total-number")).toBe("1");
    expect(await response.json()).toEqual([{ id: 1 }]);
  });
});

interface Paths {
  "/things/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: { expand?: string[] }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
        404: { headers: { [name: string]: unknown }; content: { "application/json": { code: string } } };
      };
    };
    put?: never;
    post: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { name: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

function rawClient(fetch: typeof globalThis.fetch, middleware?: Middleware[]) {
  return new BaseClient<Paths>({
    options: { baseURL: "https://api.test/v1", fetch, ...(middleware ? { middleware } : {}) },
    defaultBaseURL: "",
    auth: { token: bearerAuth(TOKEN) },
    userAgent: "@sso/test/0.0.0",
  });
}

describe("client.raw", () => {
  it("sends through the client's transport: auth, headers, path encoding, query", async () => {
    const stub = stubFetch(json({ id: "a/b" }));
    const { data, error, response } = await rawClient(stub.fetch).raw.GET("/things/{id}", {
      params: { path: { id: "a/b" }, query: { expand: ["x", "y"] } },
    });
    expect(data).toEqual({ id: "a/b" });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(stub.calls[0]?.url).toBe("https://api.test/v1/things/a%2Fb?expand=x&expand=y");
    expect(stub.calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(stub.calls[0]?.headers.get("user-agent")).toBe("@sso/test/0.0.0");
    expect(stub.calls[0]?.redirect).toBe("manual");
  });

  it("retries like the typed methods: a GET after a 503, never a POST after a dropped connection", async () => {
    const get = stubFetch(json({}, 503), json({ id: "1" }));
    const { value } = await settle(
      rawClient(get.fetch).raw.GET("/things/{id}", { params: { path: { id: "1" } } }),
    );
    expect(value?.data).toEqual({ id: "1" });
    expect(get.calls).toHaveLength(2);
    const post = stubFetch(dropped(), json({ id: "1" }));
    const { error } = await settle(
      rawClient(post.fetch).raw.POST("/things/{id}", { params: { path: { id: "1" } }, body: { name: "n" } }),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(post.calls).toHaveLength(1);
    expect(post.calls[0]?.body).toBe('{"name":"n"}');
    expect(post.calls[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("an error status is openapi-fetch's { error, response }, not a rejection", async () => {
    const stub = stubFetch(json({ code: "gone" }, 404));
    const result = await rawClient(stub.fetch).raw.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(result.error).toEqual({ code: "gone" });
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(404);
  });

  it("parseAs text and stream; an invalid JSON body is an APIError, not a SyntaxError", async () => {
    const textual = await rawClient(stubFetch(text("plain", 200, "text/plain")).fetch).raw.GET(
      "/things/{id}",
      {
        params: { path: { id: "1" } },
        parseAs: "text",
      },
    );
    expect(textual.data).toBe("plain");
    const streamed = await rawClient(stubFetch(text("streamed", 200, "text/plain")).fetch).raw.GET(
      "/things/{id}",
      {
        params: { path: { id: "1" } },
        parseAs: "stream",
      },
    );
    expect(await new Response(streamed.data as ReadableStream).text()).toBe("streamed");
    const broken = rawClient(stubFetch(text("{not json", 200, "application/json")).fetch).raw.GET(
      "/things/{id}",
      {
        params: { path: { id: "1" } },
      },
    );
    await expect(broken).rejects.toBeInstanceOf(APIError);
    await expect(broken).rejects.toThrow(/invalid JSON: \{not json/);
    const echo = rawClient(stubFetch(text(`{echo ${TOKEN}`, 200, "application/json")).fetch).raw.GET(
      "/things/{id}",
      {
        params: { path: { id: "1" } },
      },
    );
    await expect(echo).rejects.toThrow(/invalid JSON: \{echo \[REDACTED\]/);
  });

  it("keeps the origin: a redirect elsewhere is refused, and a per-call baseUrl is ignored", async () => {
    const away = stubFetch(new Response(null, { status: 307, headers: { location: "https://evil.test/" } }));
    await expect(
      rawClient(away.fetch).raw.GET("/things/{id}", { params: { path: { id: "1" } } }),
    ).rejects.toThrow(/redirect to https:\/\/evil\.test not followed/);
    const stub = stubFetch(json({ id: "1" }));
    await rawClient(stub.fetch).raw.GET("/things/{id}", {
      params: { path: { id: "1" } },
      baseUrl: "https://evil.test",
    } as never);
    expect(stub.calls[0]?.url).toBe("https://api.test/v1/things/1");
  });

  it("runs the client's middleware and its own (use/eject)", async () => {
    const seen: string[] = [];
    const client = rawClient(stubFetch(json({ id: "1" })).fetch, [
      { onRequest: () => void seen.push("client") },
    ]);
    const own: Middleware = { onRequest: () => void seen.push("raw") };
    client.raw.use(own);
    await client.raw.GET("/things/{id}", { params: { path: { id: "1" } } });
    client.raw.eject(own);
    await client.raw.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(seen).toEqual(["client", "raw", "client"]);
  });

  it("refuses what fetch would choke on before sending", async () => {
    const stub = stubFetch(json({}));
    await expect(
      rawClient(stub.fetch).raw.GET("/things/{id}", { params: { path: { id: ".." } } }),
    ).rejects.toThrow(/must not be "\.\."/);
    await expect(
      rawClient(stub.fetch).raw.GET("/things/{id}", {
        params: { path: { id: "1" } },
        headers: { "X-Bad": "a\r\nb" },
      }),
    ).rejects.toThrow(/header "X-Bad" contains CR, LF or NUL/);
    expect(stub.calls).toHaveLength(0);
  });
});
