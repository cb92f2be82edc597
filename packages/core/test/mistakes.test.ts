/** A caller's mistake is an InvalidArgumentError before any request, never a TypeError from deep inside fetch. */
import { describe, expect, it } from "vitest";
import { BaseClient, bearerAuth, InvalidArgumentError, type OperationDescriptor } from "../src/internal.js";
import { json, makeClient, op, stubFetch } from "./helpers.js";

const list = op("GET", "/accounts/{account_id}/sso_connectors", { required: ["account_id"] });
const enable = op("POST", "/organizations/{organization_id}/sso-connection", {
  params: { organization_id: "path", "X-Client-Request-ID": "header" },
  required: ["organization_id", "identifier", "client_id"],
  body: "fields",
});
const optional = op("GET", "/things", { params: { page: "query" } });

/** Runs one call against a fetch that must never be reached; returns its rejection. */
async function refused(descriptor: OperationDescriptor, params: unknown, options = {}): Promise<Error> {
  const stub = stubFetch(json({}));
  const error = await makeClient(stub.fetch)
    .request(descriptor, params, options)
    .then(undefined, (e: unknown) => e);
  expect(stub.calls).toHaveLength(0);
  if (!(error instanceof InvalidArgumentError))
    throw new Error(`expected InvalidArgumentError, got ${String(error)}`);
  return error;
}

const cycle: Record<string, unknown> = { name: "n" };
cycle.self = cycle;

describe("params", () => {
  it.each<[string, OperationDescriptor, unknown, RegExp]>([
    ["no params object", list, undefined, /missing required field "account_id"/],
    ["null params", list, null, /missing required field "account_id"/],
    ["params of the wrong type", list, "acc", /the params argument must be an object, got string/],
    ["an array", list, ["acc"], /the params argument must be an object, got an array/],
    [
      "required body fields left out",
      enable,
      { organization_id: "o1" },
      /missing required fields "identifier", "client_id"/,
    ],
    [
      "a body with a cycle",
      enable,
      { organization_id: "o", identifier: "i", client_id: "c", extra: cycle },
      /cannot be sent as JSON \(it contains a cycle\)/,
    ],
    [
      "a BigInt in the body",
      enable,
      { organization_id: "o", identifier: "i", client_id: "c", n: 10n },
      /cannot be sent as JSON \(it contains a BigInt\)/,
    ],
    [
      "a header param with CR/LF",
      enable,
      { organization_id: "o", identifier: "i", client_id: "c", "X-Client-Request-ID": "a\r\nX-Evil: 1" },
      /header "X-Client-Request-ID" contains CR, LF or NUL/,
    ],
    [
      "a header param beyond Latin-1",
      enable,
      { organization_id: "o", identifier: "i", client_id: "c", "X-Client-Request-ID": "東京" },
      /header "X-Client-Request-ID" contains characters outside Latin-1/,
    ],
  ])("%s", async (_, descriptor, params, message) => {
    const error = await refused(descriptor, params);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/; no request was sent$/);
    expect(error.message.startsWith(`${descriptor.method} ${descriptor.path}: `)).toBe(true);
  });

  it("a method whose params are all optional can be called without them", async () => {
    const stub = stubFetch(json([]));
    await makeClient(stub.fetch).request(optional, undefined);
    expect(stub.calls[0]?.url).toBe("https://api.test/v1/things");
  });

  it("body fields are everything the descriptor does not place; undefined fields are left out", async () => {
    const stub = stubFetch(json({}));
    await makeClient(stub.fetch).request(enable, {
      organization_id: "o1",
      identifier: "acme",
      client_id: "cid",
      client_secret: undefined,
      "X-Client-Request-ID": "r-1",
    });
    const [call] = stub.calls;
    expect(call?.url).toBe("https://api.test/v1/organizations/o1/sso-connection");
    expect(JSON.parse(call?.body ?? "")).toEqual({ identifier: "acme", client_id: "cid" });
    expect(call?.headers.get("x-client-request-id")).toBe("r-1");
  });

  it("an optional body is not sent when no field is given; a required one is sent as {}", async () => {
    const stub = stubFetch(json({}));
    const client = makeClient(stub.fetch);
    await client.request(op("PATCH", "/x", { body: "fields", bodyOptional: true }), {});
    await client.request(op("PATCH", "/x", { body: "fields", bodyOptional: false }), {});
    expect(stub.calls.map((c) => c.body)).toEqual([undefined, "{}"]);
    expect(stub.calls.map((c) => c.headers.get("content-type"))).toEqual([null, "application/json"]);
  });

  it('body: "value" sends the `body` field as the whole body', async () => {
    const stub = stubFetch(json({}));
    await makeClient(stub.fetch).request(op("PUT", "/ids", { body: "value", required: ["body"] }), {
      body: ["a", "b"],
    });
    expect(stub.calls[0]?.body).toBe('["a","b"]');
    await refused(op("PUT", "/ids", { body: "value", required: ["body"] }), {});
  });

  it("query styles other than form+explode follow the descriptor", async () => {
    const stub = stubFetch(json([]));
    const styled = op("GET", "/q", {
      params: { a: "query", b: "query", c: "query", d: "query", e: "query" },
      query: { a: "form", b: "spaceDelimited", c: "pipeDelimited", d: "deepObject" },
    });
    await makeClient(stub.fetch).request(styled, {
      a: [1, 2],
      b: ["x", "y"],
      c: ["p", "q"],
      d: { k: "v" },
      e: { f: 1 },
    });
    expect(new URL(stub.calls[0]?.url ?? "").search).toBe("?a=1,2&b=x%20y&c=p|q&d%5Bk%5D=v&f=1");
  });
});

describe("per-call headers", () => {
  it.each([
    [{ "X-Trace": "a\nb" }, /header "X-Trace" contains CR, LF or NUL/],
    [{ "Bad Name": "secret-value-1" }, /header "Bad Name" is not a valid header name/],
    [{ "X-Token": "sk_live_é東" }, /header "X-Token" contains characters outside Latin-1/],
  ])("%j is refused, naming the header and never its value", async (headers, message) => {
    const error = await refused(op("GET", "/x"), {}, { headers });
    expect(error.message).toMatch(message);
    for (const value of Object.values(headers)) expect(error.message).not.toContain(value);
  });

  it("bad defaultHeaders are refused at construction", () => {
    expect(() => makeClient(fetch, { defaultHeaders: { "X-A": "1\r\n2" } })).toThrow(
      /defaultHeaders: header "X-A" contains CR, LF or NUL/,
    );
  });
});

describe("baseURL", () => {
  const client = (baseURL: string) =>
    new BaseClient({
      options: { baseURL },
      defaultBaseURL: "",
      auth: { token: bearerAuth("t-123") },
      userAgent: "t",
    });

  it.each([
    [
      "localhost:3001",
      /baseURL must be an http or https URL, got "localhost:3001"; did you mean "http:\/\/localhost:3001"\?/,
    ],
    ["127.0.0.1:8787/v1", /did you mean "http:\/\/127\.0\.0\.1:8787\/v1"\?/],
    [
      "api.cloudflare.com/client/v4",
      /baseURL must be an absolute http\(s\) URL, got "api\.cloudflare\.com\/client\/v4"; did you mean "https:\/\/api\.cloudflare\.com\/client\/v4"\?/,
    ],
    [
      "javascript:alert(1)",
      /baseURL must be an http or https URL, got "javascript:alert\(1\)" \(scheme javascript:\)/,
    ],
    ["ftp://files.example.com", /\(scheme ftp:\)/],
    ["file:///etc/passwd", /\(scheme file:\)/],
    ["/relative/path", /must be an absolute http\(s\) URL/],
    ["https://user:pass@api.example.com", /must not contain user:password/],
    ["https://api.example.com/v1?x=1", /must not have a query or fragment/],
    ["https://api.example.com/v1#top", /must not have a query or fragment/],
  ])("%s is refused with a hint", (baseURL, message) => {
    expect(() => client(baseURL)).toThrow(InvalidArgumentError);
    expect(() => client(baseURL)).toThrow(message);
  });

  it.each([
    ["https://api.example.com/v1/", "https://api.example.com/v1"],
    ["  http://localhost:3001  ", "http://localhost:3001"],
    ["HTTPS://API.EXAMPLE.COM", "HTTPS://API.EXAMPLE.COM"],
  ])("%s is accepted as %s", (baseURL, normalised) => {
    expect(client(baseURL).baseURL).toBe(normalised);
  });

  it("the error for credentials in the URL does not repeat them", () => {
    expect(() => client("https://admin:hunter22@api.example.com")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter22") }),
    );
  });

  it("a fetch that is not a function is refused at construction", () => {
    expect(() => makeClient("nope" as unknown as typeof fetch)).toThrow(
      /fetch must be a function, got string/,
    );
  });
});
