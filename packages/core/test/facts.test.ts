/** The facts the generator imports describe this runtime as it is. */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as internal from "../src/internal.js";
import {
  APIResource,
  AUTH_KINDS,
  BaseClient,
  bearerAuth,
  errorClassName,
  IDEMPOTENT_METHODS,
  PAGINATION_STYLES,
  PUBLIC_EXPORTS,
  RESERVED_CLIENT_MEMBERS,
  RESERVED_RESOURCE_MEMBERS,
} from "../src/internal.js";

/** Every own and inherited member name of an object, up to (not including) Object.prototype. */
function members(value: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
    for (const name of Object.getOwnPropertyNames(o)) names.add(name);
  return [...names];
}

describe("facts for the generator", () => {
  const client = new BaseClient({
    options: {},
    defaultBaseURL: "https://x.test",
    auth: { t: bearerAuth("tok") },
    userAgent: "t",
  });

  it("RESERVED_CLIENT_MEMBERS covers every member of a constructed BaseClient, and Object's", () => {
    const missing = [...members(client), ...Object.getOwnPropertyNames(Object.prototype)].filter(
      (name) => !RESERVED_CLIENT_MEMBERS.includes(name),
    );
    expect(missing).toEqual([]);
    expect(RESERVED_CLIENT_MEMBERS).toContain("then");
  });

  it("RESERVED_RESOURCE_MEMBERS covers every member of a constructed APIResource, and Object's", () => {
    class Resource extends APIResource {}
    const missing = [
      ...members(new Resource(client)),
      ...Object.getOwnPropertyNames(Object.prototype),
    ].filter((name) => !RESERVED_RESOURCE_MEMBERS.includes(name));
    expect(missing).toEqual([]);
  });

  it.each([
    ["400", "BadRequestError"],
    ["401", "AuthenticationError"],
    ["403", "PermissionDeniedError"],
    ["404", "NotFoundError"],
    ["409", "ConflictError"],
    ["422", "UnprocessableEntityError"],
    ["429", "RateLimitError"],
    ["418", "APIError"],
    ["4XX", "APIError"],
    ["500", "InternalServerError"],
    ["503", "InternalServerError"],
    ["5XX", "InternalServerError"],
    ["default", "APIError"],
  ])("errorClassName(%s) is %s, the class the runtime throws", (status, name) => {
    expect(errorClassName(status)).toBe(name);
    expect(name in internal).toBe(true);
    if (/^\d{3}$/.test(status))
      expect(internal.APIError.from(Number(status), undefined, "m").name).toBe(name);
  });

  it("every pagination style names a factory this entry exports", () => {
    for (const { factory } of Object.values(PAGINATION_STYLES))
      expect(typeof (internal as Record<string, unknown>)[factory]).toBe("function");
    expect(Object.keys(PAGINATION_STYLES).sort()).toEqual(["cursor", "page-number", "result-info", "single"]);
  });

  it("PUBLIC_EXPORTS lists every value the public entry exports", async () => {
    const index = await import("../src/index.js");
    expect(Object.keys(index).filter((name) => !PUBLIC_EXPORTS.includes(name))).toEqual([]);
    const types = PUBLIC_EXPORTS.filter((name) => !(name in index)).sort();
    expect(types).toEqual(typeExportsOf(await readFile(new URL("../src/index.ts", import.meta.url), "utf8")));
  });

  it("idempotent methods and auth kinds", () => {
    expect(IDEMPOTENT_METHODS).toEqual(["GET", "PUT", "DELETE"]);
    expect(AUTH_KINDS).toEqual(["bearer", "clientCredentials", "basic", "apiKey"]);
  });
});

/** The names an entry exports as types only: `export type { A, B }` and `type C` inside `export { ... }`. */
function typeExportsOf(source: string): string[] {
  const names: string[] = [];
  for (const [, kind, list] of source.matchAll(/export (type )?\{([^}]*)\}/g)) {
    for (const item of (list ?? "").split(",").map((s) => s.trim())) {
      const typeOnly = kind !== undefined || item.startsWith("type ");
      const name = item
        .replace(/^type /, "")
        .split(" as ")
        .at(-1)
        ?.trim();
      if (typeOnly && name) names.push(name);
    }
  }
  return names.sort();
}
