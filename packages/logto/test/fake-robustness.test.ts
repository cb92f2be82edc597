/**
 * The Logto fake as test infrastructure: hostile and malformed input answered as Logto answers it without
 * changing state, thousands of concurrent connections answered, and CORS for browser tests.
 */
import { raw } from "@sso/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogtoFakeServer } from "../src/testing/index.js";
import { contract, startCheckedFake } from "./support/contract.js";

let fake: LogtoFakeServer;
let token: string;
const call = (method: string, path: string, options: Parameters<typeof raw>[3] = {}) =>
  raw(fake.baseURL, method, path, { token, ...options });

beforeAll(async () => {
  fake = await startCheckedFake({ recordLimit: 20 });
  token = fake.issueAccessToken();
});
afterAll(() => fake.close());

describe("bad input", () => {
  it("answers a config nested thousands of levels deep (12 KB) with 400, stores nothing, and keeps listing", async () => {
    const deep = `{"providerName":"OIDC","connectorName":"Deep","config":${"[".repeat(6000)}${"]".repeat(6000)}}`;
    await contract.offSpec(async () => {
      const res = await call("POST", "/api/sso-connectors", {
        rawBody: deep,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: "guard.invalid_input",
        message: "The request body is invalid.",
        details: "JSON nested deeper than 64 levels",
      });
    });
    expect(fake.connectors()).toEqual([]);
    const list = await call("GET", "/api/sso-connectors");
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });

  it("answers a body over maxBodyBytes with 413 in Logto's error body, storing nothing", async () => {
    const small = await startCheckedFake({ maxBodyBytes: 512 });
    try {
      const res = await raw(small.baseURL, "POST", "/api/sso-connectors", {
        token: small.issueAccessToken(),
        body: { providerName: "OIDC", connectorName: "x".repeat(1000) },
      });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: "request.general", message: "Request error occurred." });
      expect(small.connectors()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it("words every schema problem as Logto's guard does, one details line each", async () => {
    await contract.offSpec(async () => {
      const res = await call("POST", "/api/sso-connectors", {
        body: { providerName: "OIDC", connectorName: "", domains: ["a.example", 7], syncProfile: "yes" },
      });
      expect(res.status).toBe(400);
      expect(res.body.details.split("\n")).toEqual([
        'Error in key path "connectorName": (too_small) String must contain at least 1 character(s)',
        'Error in key path "domains.1": (invalid_type) Expected string, received number',
        'Error in key path "syncProfile": (invalid_type) Expected boolean, received string',
      ]);
      const notObject = await call("POST", "/api/sso-connectors", { body: [] });
      expect(notObject.body.details).toBe(
        'Error in key path "": (invalid_type) Expected object, received array',
      );
      const jit = await call("POST", `/api/organizations/${fake.organizationId}/jit/sso-connectors`, {
        body: { ssoConnectorIds: [] },
      });
      expect(jit.body.details).toBe(
        'Error in key path "ssoConnectorIds": (too_small) Array must contain at least 1 element(s)',
      );
    });
    expect(fake.connectors()).toEqual([]);
  });

  it("changes nothing when an update fails on a rule after the guard", async () => {
    const a = await call("POST", "/api/sso-connectors", {
      body: { providerName: "OIDC", connectorName: "Keep A" },
    });
    await call("POST", "/api/sso-connectors", { body: { providerName: "OIDC", connectorName: "Keep B" } });
    const res = await call("PATCH", `/api/sso-connectors/${a.body.id}`, {
      body: { connectorName: "Keep B", syncProfile: true, domains: ["kept.example"] },
    });
    expect(res.status).toBe(409);
    expect(fake.connectors().find((c) => c.id === a.body.id)).toMatchObject({
      connectorName: "Keep A",
      syncProfile: false,
      domains: [],
    });
    for (const c of fake.connectors()) await call("DELETE", `/api/sso-connectors/${c.id}`);
  });
});

describe("concurrency", () => {
  it("answers 2,000 concurrent creates, none reset, each connector stored once", async () => {
    const loaded = await startCheckedFake({ recordLimit: 10 });
    try {
      const bearer = loaded.issueAccessToken();
      const settled = await Promise.allSettled(
        Array.from({ length: 2000 }, (_, i) =>
          raw(loaded.baseURL, "POST", "/api/sso-connectors", {
            token: bearer,
            body: { providerName: "OIDC", connectorName: `Load ${i}` },
          }),
        ),
      );
      expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
      expect(settled.every((s) => s.status === "fulfilled" && s.value.status === 200)).toBe(true);
      expect(new Set(loaded.connectors().map((c) => c.connectorName)).size).toBe(2000);
    } finally {
      await loaded.close();
    }
  }, 300_000); // generous: three of these may run at once on a busy 2-core machine

  it("creates one connector when 50 concurrent creates use one name; the rest get 409", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", "/api/sso-connectors", { body: { providerName: "SAML", connectorName: "Race" } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    for (const c of fake.connectors()) await call("DELETE", `/api/sso-connectors/${c.id}`);
  });
});

describe("CORS", () => {
  const origin = "http://localhost:5173";

  it("answers the preflight of a browser's create", async () => {
    const res = await fetch(`${fake.baseURL}/api/sso-connectors`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
  });

  it("answers the token endpoint's preflight too, and exposes the paging headers the client reads", async () => {
    const token = await fetch(`${fake.baseURL}/oidc/token`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(token.status).toBe(204);
    const page = await call("GET", "/api/sso-connectors?page=1&page_size=1", { headers: { origin } });
    const exposed = (page.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(", ");
    expect(exposed).toEqual(
      expect.arrayContaining(["total-number", "link", "logto-core-request-id", "retry-after"]),
    );
  });

  it("can be turned off", async () => {
    const closed = await startCheckedFake({ cors: false });
    try {
      const res = await raw(closed.baseURL, "GET", "/api/sso-connectors", {
        token: closed.issueAccessToken(),
        headers: { origin },
      });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
