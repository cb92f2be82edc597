import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  BaseClient,
  bearerAuth,
  InvalidArgumentError,
  type OperationDescriptor,
} from "../src/internal.js";
import { op } from "./helpers.js";

/** These run Node's real fetch (undici) against loopback, to check the error shapes the retry rule relies on. */
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const client = (baseURL: string) =>
  new BaseClient({
    options: { baseURL, maxRetries: 2, timeout: 60_000 },
    defaultBaseURL: "",
    auth: { token: bearerAuth("tok-real-1234") },
    userAgent: "t",
  });
const create = op("POST", "/sso");

describe("real fetch on loopback", () => {
  it("a refused connection is retried even for a POST (nothing was sent)", async () => {
    const probe = await listen(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const refusing = new BaseClient({
      options: { baseURL: probe, maxRetries: 1, fetch: counting },
      defaultBaseURL: "",
      auth: { token: bearerAuth("tok-real-1234") },
      userAgent: "t",
    });
    const error = await refusing.request(create, { a: 1 }).then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(
      /^POST \/sso: connection refused \(fetch failed: connect ECONNREFUSED/,
    );
    expect(attempts).toBe(2);
  });

  it("a connection dropped before the response is not retried for a POST", async () => {
    let hits = 0;
    const url = await listen((req) => {
      hits++;
      req.socket.destroy();
    });
    const error = await client(url)
      .request(create, { a: 1 })
      .then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(hits).toBe(1);
  });

  it("a body cut off mid-response is not retried for a POST, and is for a GET", async () => {
    let hits = 0;
    const url = await listen((req, res) => {
      hits++;
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":');
      setTimeout(() => req.socket.destroy(), 5);
    });
    const post = await client(url)
      .request(create, {})
      .then(undefined, (e: unknown) => e);
    expect(post).toBeInstanceOf(APIConnectionError);
    expect(hits).toBe(1);
    await client(url)
      .request(op("GET", "/sso"), {}, { maxRetries: 1 })
      .then(undefined, (e: unknown) => e);
    expect(hits).toBe(3);
  });

  it("a real 200 round-trips with headers, body and path encoding intact", async () => {
    let seen: { url?: string; auth?: string; body: string } = { body: "" };
    const url = await listen((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        seen = { url: req.url, auth: req.headers.authorization, body };
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    const data = await client(`${url}/v1/`).request(op("POST", "/x/{id}"), { id: "../a b", n: 1 });
    expect(data).toEqual({ ok: true });
    expect(seen).toEqual({ url: "/v1/x/..%2Fa%20b", auth: "Bearer tok-real-1234", body: '{"n":1}' });
  });
});

describe("portability of the main entry", () => {
  const dir = new URL("../src/", import.meta.url);
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter(
    (f) => f.endsWith(".ts") && !f.startsWith("testing"),
  );
  it.each(files)("%s uses no node: modules and no process except through readEnv", (file) => {
    const source = readFileSync(new URL(file, dir), "utf8");
    expect(source).not.toMatch(/from\s+["']node:|require\(/);
    if (file !== "env.ts") expect(source).not.toMatch(/\bprocess\b/);
  });
});

describe("query styles over real HTTP", () => {
  type Styles = NonNullable<OperationDescriptor["query"]>;
  // What the server receives for each OpenAPI style, and what a standard parser reads back from it.
  it.each<[string, Styles, Record<string, unknown>, string, [string, string][]]>([
    [
      "form, exploded (the default): an array",
      {},
      { tags: ["a", "b,c"] },
      "/x?tags=a&tags=b%2Cc",
      [
        ["tags", "a"],
        ["tags", "b,c"],
      ],
    ],
    [
      "form, exploded: values with reserved characters",
      {},
      { q: "a&b=c d" },
      "/x?q=a%26b%3Dc%20d",
      [["q", "a&b=c d"]],
    ],
    [
      "form, exploded (the default): an object",
      {},
      { filter: { color: "red", size: "L" } },
      "/x?color=red&size=L",
      [
        ["color", "red"],
        ["size", "L"],
      ],
    ],
    [
      "form, not exploded: an array",
      { tags: "form" },
      { tags: ["a", "b&c"] },
      "/x?tags=a,b%26c",
      [["tags", "a,b&c"]],
    ],
    [
      "form, not exploded: an object",
      { filter: "form" },
      { filter: { color: "red", size: "L" } },
      "/x?filter=color,red,size,L",
      [["filter", "color,red,size,L"]],
    ],
    [
      "deepObject",
      { filter: "deepObject" },
      { filter: { color: "red", size: "L" } },
      "/x?filter%5Bcolor%5D=red&filter%5Bsize%5D=L",
      [
        ["filter[color]", "red"],
        ["filter[size]", "L"],
      ],
    ],
    [
      "spaceDelimited",
      { tags: "spaceDelimited" },
      { tags: ["a", "b,c"] },
      "/x?tags=a%20b%2Cc",
      [["tags", "a b,c"]],
    ],
    [
      "pipeDelimited",
      { tags: "pipeDelimited" },
      { tags: ["a", "b c"] },
      "/x?tags=a|b%20c",
      [["tags", "a|b c"]],
    ],
  ])("%s", async (_name, styles, input, sent, parsed) => {
    let received = "";
    const url = await listen((req, res) => {
      received = req.url ?? "";
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    const params = Object.fromEntries(Object.keys(input).map((key) => [key, "query" as const]));
    await client(url).request(op("GET", "/x", { params, query: styles }), input);
    expect(received).toBe(sent);
    expect([...new URL(received, url).searchParams]).toEqual(parsed);
  });

  it.each<[Styles, Record<string, unknown>, string]>([
    [{ tags: "form" }, { tags: ["a", "b,c"] }, 'is sent form, so item 1 cannot contain ","'],
    [{ tags: "spaceDelimited" }, { tags: ["a b"] }, 'is sent spaceDelimited, so item 0 cannot contain " "'],
    [
      { tags: "pipeDelimited" },
      { tags: ["a", "b|c"] },
      'is sent pipeDelimited, so item 1 cannot contain "|"',
    ],
    [{ filter: "form" }, { filter: { "a,b": "c" } }, 'so the name "a,b" cannot contain ","'],
    [{ filter: "form" }, { filter: { color: "red,blue" } }, 'so field "color" cannot contain ","'],
  ])(
    "refuses a value the style %j cannot tell from its delimiter, before a request",
    async (styles, input, message) => {
      let requests = 0;
      const url = await listen((_req, res) => {
        requests++;
        res.writeHead(200, { "content-type": "application/json" }).end("[]");
      });
      const params = Object.fromEntries(Object.keys(input).map((key) => [key, "query" as const]));
      const call = client(url).request(op("GET", "/x", { params, query: styles }), input);
      await expect(call).rejects.toThrow(InvalidArgumentError);
      await expect(call).rejects.toThrow(message);
      expect(requests).toBe(0);
    },
  );
});
