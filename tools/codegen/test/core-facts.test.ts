/**
 * The generator's copies of runtime facts agree with @sso/core's own, so generated code never uses a name the
 * runtime reserves, a pagination factory it lacks or an error class it would not throw. (The generator will
 * import these from @sso/core/internal; until then this test catches any drift.)
 */
import { describe, expect, it } from "vitest";
import {
  AUTH_KINDS,
  errorClassName,
  IDEMPOTENT_METHODS,
  PAGINATION_STYLES,
  RESERVED_CLIENT_MEMBERS,
  RESERVED_RESOURCE_MEMBERS,
} from "../../../packages/core/src/facts.ts";
import { PAGINATION_FACTORIES } from "../src/emit/resources.ts";
import { CLIENT_MEMBERS, ERROR_CLASSES, IDEMPOTENT_BY_DEFAULT, RESOURCE_MEMBERS } from "../src/ir/build.ts";

describe("runtime facts", () => {
  it("reserved member names are the runtime's", () => {
    expect([...CLIENT_MEMBERS].sort()).toEqual([...RESERVED_CLIENT_MEMBERS].sort());
    expect([...RESOURCE_MEMBERS].sort()).toEqual([...RESERVED_RESOURCE_MEMBERS].sort());
  });

  it.each(["400", "401", "403", "404", "409", "422", "429", "418", "4XX", "500", "503", "5XX", "default"])(
    "status %s maps to the class the runtime throws",
    (status) => {
      const generator =
        ERROR_CLASSES[status] ?? (/^5(\d\d|XX)$/.test(status) ? "InternalServerError" : "APIError");
      expect(generator).toBe(errorClassName(status));
    },
  );

  it("idempotency defaults, pagination factories and auth kinds are the runtime's", () => {
    expect(IDEMPOTENT_BY_DEFAULT).toEqual(IDEMPOTENT_METHODS);
    expect(PAGINATION_FACTORIES).toEqual(
      Object.fromEntries(Object.entries(PAGINATION_STYLES).map(([style, { factory }]) => [style, factory])),
    );
    expect(AUTH_KINDS).toEqual(["bearer", "clientCredentials", "basic", "apiKey"]);
  });
});
