/** Success bodies are checked against the descriptor's shape, read with a size cap, and decoded by content kind. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionTimeoutError,
  APIError,
  DEFAULT_MAX_RESPONSE_BYTES,
  NotFoundError,
  type ResponseShape,
} from "../src/internal.js";
import { json, makeClient, op, rejection, settle, stubFetch, text } from "./helpers.js";

const CONNECTOR: ResponseShape = { types: ["object"], required: ["id", "email_domain"] };
const get = op("GET", "/connectors/{id}", { response: CONNECTOR });

async function fails(reply: Response, descriptor = get, envelope?: "cloudflare"): Promise<APIError> {
  const client = makeClient(stubFetch(reply).fetch, {}, envelope ? { envelope } : {});
  const error = await client.request(descriptor, { id: "c1" }, { maxRetries: 0 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe("the success shape", () => {
  it.each([
    ["null", "null", "expected object, got null"],
    ['"OK"', '"OK"', "expected object, got string"],
    ["[]", "[]", "expected object, got array"],
    ["42", "42", "expected object, got integer"],
    ["true", "true", "expected object, got boolean"],
    ["an object without the required fields", '{"id":"c1"}', 'the object lacks "email_domain"'],
  ])("a get answered 200 with %s is an APIError, never the connector", async (_, body, problem) => {
    const error = await fails(text(body, 200, "application/json"));
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe(`GET /connectors/{id} -> 200 unexpected body (${problem}): ${body}`);
  });

  it("the excerpt is redacted and at most 200 characters", async () => {
    const body = JSON.stringify({ id: "c1", client_secret: "idp-secret-1", pad: "x".repeat(500) });
    const error = await fails(text(body, 200, "application/json"));
    expect(error.message).not.toContain("idp-secret-1");
    expect(error.message).toContain('"client_secret": "[REDACTED]"'.replace(": ", ":"));
    expect(error.message.split("): ")[1]?.length).toBeLessThanOrEqual(200);
  });

  it.each<[string, ResponseShape, unknown, boolean]>([
    ["object or null: null", { types: ["object", "null"] }, null, true],
    ["number accepts an integer", { types: ["number"] }, 3, true],
    ["number accepts a fraction", { types: ["number"] }, 3.5, true],
    ["integer refuses a fraction", { types: ["integer"] }, 3.5, false],
    ["array", { types: ["array"] }, [1], true],
    ["required is only checked on objects", { types: ["object", "array"], required: ["id"] }, [], true],
    ["a required field that is null is present", { types: ["object"], required: ["id"] }, { id: null }, true],
  ])("%s", async (_, shape, body, ok) => {
    const client = makeClient(stubFetch(json(body)).fetch);
    const result = await client.request(op("GET", "/x", { response: shape }), {}).then(
      () => true,
      () => false,
    );
    expect(result).toBe(ok);
  });

  it("is checked after the Cloudflare envelope is unwrapped", async () => {
    const envelope = (result: unknown) => json({ success: true, errors: [], messages: [], result });
    const error = await fails(envelope(null), get, "cloudflare");
    expect(error.message).toMatch(/unexpected body \(expected object, got null\)/);
    const client = makeClient(
      stubFetch(envelope({ id: "c1", email_domain: "a.example" })).fetch,
      {},
      {
        envelope: "cloudflare",
      },
    );
    expect(await client.request(get, { id: "c1" })).toEqual({ id: "c1", email_domain: "a.example" });
  });

  it("an empty 200 is an error when a body is promised; 204 never is", async () => {
    expect((await fails(text("", 200))).message).toMatch(/unexpected body \(expected object, got no body\)/);
    const client = makeClient(stubFetch(new Response(null, { status: 204 })).fetch);
    await expect(client.request(get, { id: "c1" })).resolves.toBeUndefined();
  });

  it("without a shape nothing is checked", async () => {
    const client = makeClient(stubFetch(json("anything")).fetch);
    await expect(client.request(op("GET", "/x"), {})).resolves.toBe("anything");
  });
});

describe("content kinds", () => {
  it("none: the body is not parsed, whatever it is", async () => {
    const client = makeClient(stubFetch(text("<html>ok</html>", 200, "text/html")).fetch);
    await expect(client.request(op("DELETE", "/x", { content: "none" }), {})).resolves.toBeUndefined();
  });

  it("text and binary", async () => {
    const client = makeClient(
      stubFetch(text("-----BEGIN CERTIFICATE-----", 200, "application/x-pem-file")).fetch,
    );
    await expect(client.request(op("GET", "/x", { content: "text" }), {})).resolves.toBe(
      "-----BEGIN CERTIFICATE-----",
    );
    const served = new Response(new Uint8Array([1, 2, 3]), {
      headers: { "content-type": "application/pkix-cert" },
    });
    const bytes = makeClient(stubFetch(served).fetch);
    const data = await bytes.request<Blob>(op("GET", "/x", { content: "binary" }), {});
    expect(data).toBeInstanceOf(Blob);
    expect(data.type).toBe("application/pkix-cert");
    expect([...new Uint8Array(await data.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it("an error status is still an error whatever the content kind", async () => {
    const client = makeClient(stubFetch(json({ code: "gone" }, 404)).fetch);
    await expect(client.request(op("DELETE", "/x", { content: "none" }), {})).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("a plain-text 404 from a server that lacks the route", () => {
  const keys = op("GET", "/api/sso-connectors/{id}/signing-keys", {
    servedBy: "Logto Cloud and Logto OSS 1.43 or later",
  });

  it("says the server does not serve the endpoint, and which servers do", async () => {
    const error = await fails(text("Not Found", 404, "text/plain; charset=utf-8"), keys);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      "GET /api/sso-connectors/{id}/signing-keys -> 404 this server does not serve the endpoint (served by Logto Cloud and Logto OSS 1.43 or later); it answered non-JSON body (text/plain): Not Found",
    );
  });

  it("without servedBy it still says so; a JSON 404 stays the API's own not-found", async () => {
    const plain = await fails(text("Not Found", 404, "text/plain"), op("GET", "/x/{id}"));
    expect(plain.message).toMatch(/-> 404 this server does not serve the endpoint; it answered/);
    const api = await fails(json({ code: "entity.not_exists", message: "No such connector." }, 404), keys);
    expect(api.message).toBe(
      "GET /api/sso-connectors/{id}/signing-keys -> 404 entity.not_exists: No such connector.",
    );
  });
});

describe("maxResponseBytes", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("defaults to 10 MiB", () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });

  it("a Content-Length above the cap fails before reading", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull: (c) => {
        pulled++;
        c.enqueue(new Uint8Array(10));
      },
    });
    const reply = () =>
      new Response(body, { headers: { "content-length": "2000", "content-type": "application/json" } });
    const client = makeClient(stubFetch(reply).fetch, { maxResponseBytes: 1000 });
    const error = await rejection(client.request(op("GET", "/x"), {}));
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toBe(
      "GET /x -> 200: the response body is larger than maxResponseBytes (1000); cut off",
    );
    expect(pulled).toBeLessThanOrEqual(1); // a stream may pull once when it is created
  });

  it("an endless body is cut off at the cap, not read until the timeout", async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = () =>
      new Response(
        new ReadableStream({
          pull: (c) => {
            pulled++;
            c.enqueue(new Uint8Array(1024).fill(32));
          },
          cancel: () => {
            cancelled = true;
          },
        }),
        { headers: { "content-type": "application/json" } },
      );
    const client = makeClient(stubFetch(endless).fetch, { maxResponseBytes: 64 * 1024 });
    const { error } = await settle(client.request(op("GET", "/x"), {}));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(65536\); cut off/);
    expect(pulled).toBeLessThanOrEqual(66);
    expect(cancelled).toBe(true);
  });

  it("a body of exactly the cap is read, and a cut-off body is never retried", async () => {
    const exact = makeClient(stubFetch(text('"ab"', 200, "application/json")).fetch, { maxResponseBytes: 4 });
    await expect(exact.request(op("GET", "/x"), {})).resolves.toBe("ab");
    const stub = stubFetch(text('"abc"', 200, "application/json"));
    await rejection(makeClient(stub.fetch, { maxResponseBytes: 4 }).request(op("GET", "/x"), {}));
    expect(stub.calls).toHaveLength(1);
  });

  it.each([0, -1, 1.5, Number.NaN, "10"])("maxResponseBytes %j is refused at construction", (value) => {
    expect(() => makeClient(fetch, { maxResponseBytes: value as number })).toThrow(
      /maxResponseBytes must be an integer from 1 to/,
    );
  });
});
