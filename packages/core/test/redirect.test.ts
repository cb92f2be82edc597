/** Redirects: followed only within the origin, only where resending is safe, bounded; never for a token request. */
import { describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  clientCredentialsAuth,
  type HttpMethod,
  MAX_REDIRECTS,
} from "../src/internal.js";
import { type Call, json, makeClient, op, stubFetch, TOKEN } from "./helpers.js";

const BASE = "https://api.test/v1";
const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });

/** A server that redirects the first request to `location` and answers the next with 200 `{ ok: true }`. */
function redirecting(status: number, location: string) {
  return stubFetch(redirect(status, location), json({ ok: true }));
}

describe("which redirects are followed", () => {
  it.each<[number, HttpMethod, string, "GET" | "same" | "refused"]>([
    // status, method, Location, outcome: "same" = the same method and body again, "GET" = a GET without body
    [301, "GET", "/v1/moved", "GET"],
    [302, "GET", "/v1/moved", "GET"],
    [303, "GET", "/v1/moved", "GET"],
    [307, "GET", "/v1/moved", "same"],
    [308, "GET", "/v1/moved", "same"],
    [303, "POST", "/v1/created/1", "GET"],
    [307, "POST", "/v1/moved", "same"],
    [308, "PATCH", "/v1/moved", "same"],
    [301, "POST", "/v1/moved", "refused"],
    [302, "PATCH", "/v1/moved", "refused"],
    [301, "DELETE", "/v1/moved", "refused"],
    [307, "POST", "https://evil.test/steal", "refused"],
    [308, "GET", "https://evil.test/steal", "refused"],
    [302, "GET", "http://api.test/v1/moved", "refused"], // a downgrade to http is another origin
    [302, "GET", "https://api.test:8443/v1/moved", "refused"], // so is another port
  ])("%i after %s to %s: %s", async (status, method, location, outcome) => {
    const stub = redirecting(status, location);
    const client = makeClient(stub.fetch);
    const params =
      method === "GET" || method === "DELETE" ? {} : { name: "n", client_secret: "idp-secret-1" };
    const result = await client.request(op(method, "/x"), params, { maxRetries: 0 }).then(
      (data) => ({ data }),
      (error: unknown) => ({ error }),
    );
    expect(stub.calls[0]?.redirect).toBe("manual");
    if (outcome === "refused") {
      expect(result).toHaveProperty("error");
      const error = (result as { error: APIError }).error;
      expect(error).toBeInstanceOf(APIError);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`redirect to ${new URL(location, BASE).origin} not followed`);
      expect(stub.calls).toHaveLength(1);
      return;
    }
    expect(result).toEqual({ data: { ok: true } });
    const second = stub.calls[1] as Call;
    expect(second.url).toBe(new URL(location, BASE).href);
    expect(second.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    if (outcome === "same") {
      expect(second.method).toBe(method);
      expect(second.body).toBe(stub.calls[0]?.body);
    } else {
      expect(second.method).toBe("GET");
      expect(second.body).toBeUndefined();
    }
  });

  it("names only the target's origin, never its path or query (they may carry tokens)", async () => {
    const stub = redirecting(302, "https://evil.test/collect?token=abc123secret");
    const error = await makeClient(stub.fetch)
      .request(op("GET", "/x"), {})
      .then(undefined, (e: unknown) => e);
    expect((error as Error).message).toBe(
      "GET /x -> 302 redirect to https://evil.test not followed: it leaves https://api.test, and credentials and bodies are only sent there",
    );
  });

  it(`follows at most ${MAX_REDIRECTS} redirects`, async () => {
    let n = 0;
    const stub = stubFetch(() => redirect(307, `/v1/hop/${++n}`));
    const error = await makeClient(stub.fetch)
      .request(op("GET", "/x"), {}, { maxRetries: 0 })
      .then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(new RegExp(`more than ${MAX_REDIRECTS} redirects`));
    expect(stub.calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it("a redirect is never retried, even for a GET", async () => {
    const stub = stubFetch(redirect(302, "https://elsewhere.test/"));
    await makeClient(stub.fetch, { maxRetries: 3 })
      .request(op("GET", "/x"), {})
      .catch(() => {});
    expect(stub.calls).toHaveLength(1);
  });

  it("a 3xx without Location, or a 304, is an APIError with its status, not a success", async () => {
    for (const response of [new Response(null, { status: 302 }), new Response(null, { status: 304 })]) {
      const error = await makeClient(stubFetch(response).fetch)
        .request(op("GET", "/x"), {})
        .then(undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(response.status);
    }
  });

  it("a browser's opaque redirect (redirect: manual hides it) is a clear APIError", async () => {
    const opaque = () =>
      Object.defineProperties(new Response(null, { status: 200 }), {
        type: { value: "opaqueredirect" },
        status: { value: 0 },
        ok: { value: false },
      });
    const error = await makeClient(stubFetch(opaque).fetch)
      .request(op("GET", "/x"), {})
      .then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(
      /hides from scripts .*set baseURL to the address the API is served at/,
    );
  });
});

describe("token requests never follow a redirect", () => {
  it.each([307, 308, 302])(
    "%i from the token endpoint sends the client secret nowhere else",
    async (status) => {
      const stub = stubFetch((call) =>
        call.url.endsWith("/oidc/token") ? redirect(status, "https://evil.test/token") : json([]),
      );
      const auth = clientCredentialsAuth({
        tokenURL: "https://api.test/oidc/token",
        clientId: "app",
        clientSecret: "very-secret-42",
        clientAuthentication: "form",
      });
      const error = await makeClient(stub.fetch, {}, { auth: { token: auth } })
        .request(op("GET", "/x"), {}, { maxRetries: 0 })
        .then(undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect(error).not.toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toBe(
        `POST /oidc/token -> ${status} redirect to https://evil.test not followed: token requests never follow redirects`,
      );
      expect(stub.calls.map((c) => new URL(c.url).origin)).toEqual(["https://api.test"]);
    },
  );
});
