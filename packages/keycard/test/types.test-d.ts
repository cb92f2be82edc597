/** Type tests of the generated client: what compiles, what must not, and what calls resolve to. */
import { describe, expectTypeOf, it } from "vitest";
import { type APIPromise, Keycard, type SSOConnection, type SSOConnectionExpand } from "../src/index.js";

declare const keycard: Keycard;
const sso = () => keycard.organizations.ssoConnection;

describe("@sso/keycard types", () => {
  it("organization_id is required on every method", () => {
    // @ts-expect-error organization_id is required
    sso().retrieve();
    // @ts-expect-error organization_id is required
    sso().disable();
    sso().disable("acme");
    sso().retrieve("acme", { expand: ["permissions"] });
  });

  it("enable requires identifier and client_id", () => {
    sso().enable("acme", { identifier: "https://idp.example", client_id: "cid" });
    sso().enable("acme", {
      identifier: "https://idp.example",
      client_id: "cid",
      client_secret: "s",
      protocols: null,
    });
    // @ts-expect-error client_id is required
    sso().enable("acme", { identifier: "https://idp.example" });
    // update may clear the client credentials with null
    sso().update("acme", { client_id: null, client_secret: null });
    sso().update("acme", { "X-Client-Request-ID": "00000000-0000-0000-0000-000000000000" });
  });

  it("enums reject wrong strings", () => {
    expectTypeOf<SSOConnectionExpand>().toEqualTypeOf<"permissions" | "total_count">();
    // @ts-expect-error not an expand value
    sso().retrieve("acme", { expand: ["everything"] });
  });

  it("resolves to the spec's models", () => {
    expectTypeOf(sso().retrieve("acme")).toEqualTypeOf<APIPromise<SSOConnection>>();
    expectTypeOf(sso().enable("acme", { identifier: "i", client_id: "c" })).toEqualTypeOf<
      APIPromise<SSOConnection>
    >();
    expectTypeOf(sso().update("acme")).toEqualTypeOf<APIPromise<SSOConnection>>();
    expectTypeOf(sso().disable("acme")).toEqualTypeOf<APIPromise<void>>();
    expectTypeOf<SSOConnection["client_id"]>().toEqualTypeOf<string | null>();
  });

  it("takes the pinned options", () => {
    new Keycard({ clientId: "id", clientSecret: "secret", baseURL: "http://127.0.0.1" });
    new Keycard({ accessToken: "t", timeout: 1 });
    // @ts-expect-error not an option
    new Keycard({ apiKey: "k" });
  });

  it("ensure takes the organization and the enable body, and says whether it enabled", () => {
    expectTypeOf(
      keycard.organizations.ssoConnection.ensure("org", {
        identifier: "https://idp.acme.example",
        client_id: "c",
      }),
    ).resolves.toEqualTypeOf<{ connection: SSOConnection; created: boolean }>();
    // @ts-expect-error the organization comes first
    keycard.organizations.ssoConnection.ensure({ identifier: "https://idp.acme.example", client_id: "c" });
  });
});
