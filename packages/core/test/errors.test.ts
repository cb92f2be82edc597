import { describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SSOError,
  UnprocessableEntityError,
} from "../src/internal.js";
import { json, makeClient, op, stubFetch, text } from "./helpers.js";

const getConnector = op("GET", "/api/sso-connectors/{id}");
const noRetry = { maxRetries: 0 };

async function failWith(response: Response, envelope?: "cloudflare"): Promise<APIError> {
  const { fetch } = stubFetch(response);
  const client = makeClient(fetch, {}, envelope ? { envelope } : {});
  const error = await client.request(getConnector, { id: "abc" }, noRetry).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe("error class per status", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
    [405, APIError],
  ])("%i -> %o", async (status, Class) => {
    const error = await failWith(json({ code: "some.code", message: "Some text." }, status));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(SSOError);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
    expect(error.status).toBe(status);
    expect(error.headers?.get("content-type")).toContain("application/json");
    expect(error.error).toEqual({ code: "some.code", message: "Some text." });
  });

  it("APIError.from picks the class without a response", () => {
    expect(APIError.from(404, {}, "m")).toBeInstanceOf(NotFoundError);
    expect(APIError.from(599, {}, "m")).toBeInstanceOf(InternalServerError);
    expect(APIError.from(302, {}, "m").constructor).toBe(APIError);
  });
});

describe("error messages say what failed", () => {
  it.each([
    [
      "Logto",
      json(
        { code: "entity.not_exists_with_id", message: "The sso_connectors with ID `abc` does not exist." },
        404,
        { "Logto-Core-Request-Id": "r1" },
      ),
      "GET /api/sso-connectors/{id} -> 404 entity.not_exists_with_id: The sso_connectors with ID `abc` does not exist.",
    ],
    [
      "Cloudflare",
      json(
        {
          success: false,
          errors: [{ code: 1003, message: "Invalid or missing account" }],
          messages: [],
          result: null,
        },
        400,
      ),
      "GET /api/sso-connectors/{id} -> 400 1003: Invalid or missing account",
    ],
    [
      "Keycard",
      json({ code: "not_found", message: "Organization not found or SSO not enabled", status: 404 }, 404),
      "GET /api/sso-connectors/{id} -> 404 not_found: Organization not found or SSO not enabled",
    ],
    [
      "message only",
      json({ message: "Internal server error." }, 500),
      "GET /api/sso-connectors/{id} -> 500 Internal server error.",
    ],
    ["empty error body", text("", 429), "GET /api/sso-connectors/{id} -> 429 (empty body)"],
    ["JSON null", json(null, 409), "GET /api/sso-connectors/{id} -> 409 null"],
  ])("%s", async (_, response, message) => {
    expect((await failWith(response)).message).toBe(message);
  });
});

describe("bodies that are not what the spec promises become APIError with an excerpt", () => {
  const html = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(500)}</body></html>`;
  it.each([
    [
      "HTML error page",
      text(html, 502, "text/html"),
      InternalServerError,
      502,
      /-> 502 non-JSON body \(text\/html\): <!DOCTYPE html><html><head><title>502 Bad Gateway/,
    ],
    [
      "HTML on 200",
      text(html, 200, "text/html; charset=utf-8"),
      APIError,
      200,
      /-> 200 non-JSON body \(text\/html\): <!DOCTYPE/,
    ],
    [
      "empty body announced as JSON",
      text("", 200, "application/json"),
      APIError,
      200,
      /-> 200 empty body \(application\/json\)$/,
    ],
    [
      "truncated JSON",
      text('{"id":"abc","name":"Ac', 200, "application/json"),
      APIError,
      200,
      /-> 200 invalid JSON: \{"id":"abc","name":"Ac$/,
    ],
    [
      "invalid JSON on 500",
      text("{oops", 500, "application/json"),
      InternalServerError,
      500,
      /-> 500 invalid JSON: \{oops$/,
    ],
    [
      "plain text",
      text("upstream connect error", 200, "text/plain"),
      APIError,
      200,
      /non-JSON body \(text\/plain\): upstream connect error$/,
    ],
    ["no content type, not JSON", text("Bad Gateway", 200), APIError, 200, /invalid JSON: Bad Gateway$/],
  ])("%s", async (_, response, Class, status, message) => {
    const error = await failWith(response);
    expect(error.constructor).toBe(Class);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^GET \/api\/sso-connectors\/\{id\} -> /);
    expect(error.error).toBeUndefined();
    const excerpt = error.message.split(/\): |JSON: /)[1] ?? "";
    expect(excerpt.length).toBeLessThanOrEqual(200);
  });

  it("keeps 204 and untyped empty successes as undefined", async () => {
    for (const response of [new Response(null, { status: 204 }), text("", 200), text("", 202)]) {
      const { fetch } = stubFetch(response);
      await expect(makeClient(fetch).request(getConnector, { id: "a" })).resolves.toBeUndefined();
    }
  });
});

describe("Cloudflare envelope", () => {
  it("success: false on a 200 is an error", async () => {
    const error = await failWith(
      json(
        { success: false, errors: [{ code: 7003, message: "Could not route" }], messages: [], result: null },
        200,
      ),
      "cloudflare",
    );
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe("GET /api/sso-connectors/{id} -> 200 7003: Could not route");
    expect(error.error).toMatchObject({ success: false });
  });

  it("success: false on a 404 picks the class by status", async () => {
    const error = await failWith(
      json({ success: false, errors: [{ code: 1000, message: "nope" }] }, 404),
      "cloudflare",
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it.each([
    ["unwraps result", { success: true, errors: [], messages: [], result: { id: "c1" } }, { id: "c1" }],
    ["keeps result: null", { success: true, errors: [], messages: [], result: null }, null],
    ["keeps a body without result", { success: true, id: "x" }, { success: true, id: "x" }],
  ])("%s", async (_, body, data) => {
    const { fetch } = stubFetch(json(body));
    const client = makeClient(fetch, {}, { envelope: "cloudflare" });
    await expect(client.request(getConnector, { id: "a" })).resolves.toEqual(data);
  });

  it("without the envelope option, success: false on a 200 is data", async () => {
    const { fetch } = stubFetch(json({ success: false }));
    await expect(makeClient(fetch).request(getConnector, { id: "a" })).resolves.toEqual({
      success: false,
    });
  });
});
