import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BaseClient,
  clientCredentialsAuth,
  createLog,
  isSecretKey,
  parseLogLevel,
  REDACTED,
  readEnv,
  redact,
  redactString,
} from "../src/internal.js";
import { captureLogger, json, makeClient, op, rejection, settle, stubFetch, TOKEN, text } from "./helpers.js";

describe("isSecretKey", () => {
  it.each([
    "Authorization",
    "proxy-authorization",
    "Cookie",
    "set-cookie",
    "X-Auth-Key",
    "X-Auth-Email",
    "X-Auth-User-Service-Key",
    "x-api-key",
    "client_secret",
    "clientSecret",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "apiToken",
    "password",
    "privateKey",
    "private_key",
    "secret",
  ])("%s is secret", (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    "token_type",
    "tokenEndpoint",
    "token_endpoint",
    "authorization_endpoint",
    "client_id",
    "id",
    "expires_in",
    "email_domain",
  ])("%s is not", (key) => expect(isSecretKey(key)).toBe(false));
});

describe("redact", () => {
  it("masks secret fields at any depth, keeps the rest and the shape", () => {
    const value = {
      connectorName: "acme",
      config: { clientId: "cid", clientSecret: "s3cr3t!", nested: [{ password: "p", keep: 1 }] },
      client_secret_set: true,
      token_type: "Bearer",
      headers: new Headers({ Authorization: "Bearer abc", "Content-Type": "application/json" }),
    };
    expect(redact(value)).toEqual({
      connectorName: "acme",
      config: { clientId: "cid", clientSecret: REDACTED, nested: [{ password: REDACTED, keep: 1 }] },
      client_secret_set: true,
      token_type: "Bearer",
      headers: { authorization: REDACTED, "content-type": "application/json" },
    });
    expect(value.config.clientSecret).toBe("s3cr3t!");
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(redact(a)).toEqual({ name: "a", self: "[…]" });
  });

  it.each([
    ["Bearer header", "Authorization: Bearer eyJhbGciOi.x.y", `Authorization: Bearer ${REDACTED}`],
    ["Basic header", "Basic bTJtOnNlY3JldA==", `Basic ${REDACTED}`],
    [
      "JSON pair",
      '{"client_secret":"abc","client_id":"id"}',
      `{"client_secret":"${REDACTED}","client_id":"id"}`,
    ],
    ["JSON pair, spaced", '{ "accessToken" : "abc" }', `{ "accessToken" : "${REDACTED}" }`],
    ["truncated JSON pair", '{"access_token":"eyJhbGciOiJSUzI1', `{"access_token":"${REDACTED}"`],
    [
      "form body",
      "grant_type=client_credentials&client_secret=abc&client_id=x",
      `grant_type=client_credentials&client_secret=${REDACTED}&client_id=x`,
    ],
    ["query string", "https://h/cb?code=1&access_token=abc", `https://h/cb?code=1&access_token=${REDACTED}`],
    [
      "PEM private key",
      "key: -----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY----- done",
      `key: ${REDACTED} done`,
    ],
    [
      "certificate stays",
      "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----",
      "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----",
    ],
  ])("%s", (_, input, output) => {
    expect(redactString(input)).toBe(output);
  });

  it("masks exact known secrets wherever they appear", () => {
    expect(redactString("echo: my-api-token-1234 and more", ["my-api-token-1234"])).toBe(
      `echo: ${REDACTED} and more`,
    );
    expect(redact({ note: "xx my-api-token-1234" }, ["my-api-token-1234"])).toEqual({
      note: `xx ${REDACTED}`,
    });
  });
});

describe("logging", () => {
  it.each([
    ["off", []],
    ["error", ["error"]],
    ["warn", ["error", "warn"]],
    ["info", ["error", "warn", "info"]],
    ["debug", ["error", "warn", "info", "debug"]],
  ] as const)("level %s lets through %j", (level, levels) => {
    const logger = captureLogger();
    const log = createLog(level, logger);
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(logger.lines.map((l) => l.split(" ")[0]).sort()).toEqual([...levels].sort());
  });

  it("parses env-style levels", () => {
    expect(parseLogLevel("DEBUG")).toBe("debug");
    expect(parseLogLevel(" warn ")).toBe("warn");
    expect(parseLogLevel("verbose")).toBeUndefined();
    expect(parseLogLevel(undefined)).toBeUndefined();
  });

  it("default level is warn: a plain successful call logs nothing", async () => {
    const logger = captureLogger();
    const { fetch } = stubFetch(json({}));
    await makeClient(fetch, { logger }).request(op("GET", "/x"), {});
    expect(logger.lines).toEqual([]);
  });

  describe("debug output", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it("shows method, URL, status, timing and retry decisions", async () => {
      const logger = captureLogger();
      const { fetch } = stubFetch(json({}, 503), json({ ok: 1 }));
      await settle(
        makeClient(fetch, { logger, logLevel: "debug" }).request(op("GET", "/things/{id}"), { id: "t1" }),
      );
      const lines = logger.lines.join("\n");
      expect(lines).toContain("debug [sso] GET https://api.test/v1/things/t1 ");
      expect(lines).toMatch(/debug \[sso\] GET https:\/\/api\.test\/v1\/things\/t1 -> 503 in \d+ ms/);
      expect(lines).toMatch(/info \[sso\] GET \/things\/\{id\}: retry 1\/2 in \d+ ms \(status 503\)/);
      expect(lines).toMatch(/-> 200 in \d+ ms/);
    });

    it("warns when a non-idempotent call is not retried after it may have reached the server", async () => {
      const logger = captureLogger();
      const { fetch } = stubFetch(
        new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" }) }),
      );
      await settle(makeClient(fetch, { logger }).request(op("POST", "/sso"), {}));
      expect(logger.lines.join("\n")).toMatch(
        /warn \[sso\] POST \/sso: not retried \(connection dropped after the request may have reached the server/,
      );
    });
  });
});

describe("no secret passed to a client appears in any error message or log line", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const CLIENT_SECRET = "cs_ZXhhbXBsZS1zZWNyZXQ";
  const ACCESS_TOKEN = "at_eyJhbGciOiJSUzI1NiJ9.payload.sig";
  const HEADER_KEY = "cf-global-key-998877";

  it.each([
    [
      "API echoes the token in an error",
      (): Response => json({ code: "x", message: `token ${ACCESS_TOKEN} rejected` }, 400),
    ],
    [
      "HTML page echoing the secret",
      (): Response => text(`<p>client_secret=${CLIENT_SECRET}</p>`, 502, "text/html"),
    ],
    [
      "body with secret fields",
      (): Response => json({ client_secret: CLIENT_SECRET, access_token: ACCESS_TOKEN }, 422),
    ],
    ["echoed header value", (): Response => json({ message: `bad key ${HEADER_KEY}` }, 403)],
    ["success", (): Response => json({ ok: true, clientSecret: CLIENT_SECRET })],
  ])("%s", async (_, reply) => {
    const logger = captureLogger();
    const { fetch } = stubFetch((call) =>
      call.url.endsWith("/token") ? json({ access_token: ACCESS_TOKEN, expires_in: 3600 }) : reply(),
    );
    const client = new BaseClient({
      options: {
        baseURL: "https://api.test",
        fetch,
        logger,
        logLevel: "debug",
        defaultHeaders: { "X-Auth-Key": HEADER_KEY },
      },
      defaultBaseURL: "",
      auth: {
        token: clientCredentialsAuth({
          tokenURL: "https://api.test/token",
          clientId: "id",
          clientSecret: CLIENT_SECRET,
          clientAuthentication: "form",
        }),
      },
      userAgent: "t",
    });
    const { error } = await settle(
      client.request(op("POST", "/sso"), { name: "n", client_secret: CLIENT_SECRET }),
    );
    const surfaces = [
      ...logger.lines,
      error instanceof Error ? error.message : "",
      JSON.stringify(error ?? null),
    ];
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const surface of surfaces) {
      for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, HEADER_KEY]) expect(surface).not.toContain(secret);
    }
  });

  it("a static token never appears either", async () => {
    const logger = captureLogger();
    const { fetch } = stubFetch(json({ message: `invalid ${TOKEN}` }, 401));
    const error = await rejection(
      makeClient(fetch, { logger, logLevel: "debug" }).request(op("GET", "/x"), {}),
    );
    expect(error.message).toBe(`GET /x -> 401 invalid ${REDACTED}`);
    expect(logger.lines.join("\n")).not.toContain(TOKEN);
  });
});

describe("readEnv", () => {
  afterEach(() => vi.unstubAllEnvs());
  it.each([
    ["set", "value", "value"],
    ["trimmed", "  v  ", "v"],
    ["blank", "   ", undefined],
    ["empty", "", undefined],
  ])("%s", (_, value, expected) => {
    vi.stubEnv("SSO_CORE_TEST_VAR", value);
    expect(readEnv("SSO_CORE_TEST_VAR")).toBe(expected);
  });
  it("unset -> undefined", () => expect(readEnv("SSO_CORE_SURELY_UNSET_VAR")).toBeUndefined());
  it("no process at all -> undefined", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(readEnv("PATH")).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
