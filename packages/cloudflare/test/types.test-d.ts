/** Type tests of the generated client: what compiles, what must not, and what calls resolve to. */
import { describe, expectTypeOf, it } from "vitest";
import {
  type APIPromise,
  type APIResponseCommon,
  Cloudflare,
  type components,
  type Page,
  type PagePromise,
  type SSOConnector,
  type SSOConnectorVerificationStatus,
  type SSODeleteResponse,
} from "../src/index.js";

declare const cf: Cloudflare;
const account_id = "023e105f4ecef8ad9ca31a8372d0c353";

describe("@sso/cloudflare types", () => {
  it("requires account_id on every method", () => {
    // @ts-expect-error account_id is required
    cf.iam.sso.list({});
    // @ts-expect-error the params object is required
    cf.iam.sso.get("id");
    // @ts-expect-error email_domain is required
    cf.iam.sso.create({ account_id });
    cf.iam.sso.create({ account_id, email_domain: "acme.example", begin_verification: false });
    cf.iam.sso.update("id", { account_id, enabled: true });
  });

  it("rejects wrong types and unknown fields", () => {
    // @ts-expect-error enabled is a boolean
    cf.iam.sso.update("id", { account_id, enabled: "yes" });
    // @ts-expect-error not a field of the create body
    cf.iam.sso.create({ account_id, email_domain: "acme.example", domain: "x" });
  });

  it("enums reject wrong strings", () => {
    expectTypeOf<SSOConnectorVerificationStatus>().toEqualTypeOf<
      "awaiting" | "pending" | "failed" | "verified"
    >();
    // @ts-expect-error not a verification status
    const status: SSOConnectorVerificationStatus = "done";
    void status;
  });

  it("resolves to the unwrapped result", () => {
    expectTypeOf(cf.iam.sso.get("id", { account_id })).toEqualTypeOf<APIPromise<SSOConnector>>();
    expectTypeOf(cf.iam.sso.create({ account_id, email_domain: "a.example" })).toEqualTypeOf<
      APIPromise<SSOConnector>
    >();
    expectTypeOf(cf.iam.sso.update("id", { account_id })).toEqualTypeOf<APIPromise<SSOConnector>>();
    expectTypeOf<SSODeleteResponse>().toEqualTypeOf<{ id: string } | null>();
    expectTypeOf(cf.iam.sso.delete("id", { account_id })).toEqualTypeOf<APIPromise<SSODeleteResponse>>();
    // No `result` in its envelope: begin verification resolves to the envelope itself.
    expectTypeOf(cf.iam.sso.beginVerification("id", { account_id })).toEqualTypeOf<
      APIPromise<APIResponseCommon>
    >();
  });

  it("lists are pages of connectors, and for await yields connectors", async () => {
    const list = cf.iam.sso.list({ account_id });
    expectTypeOf(list).toEqualTypeOf<PagePromise<SSOConnector>>();
    expectTypeOf(await list).toEqualTypeOf<Page<SSOConnector>>();
    for await (const connector of list) expectTypeOf(connector).toEqualTypeOf<SSOConnector>();
  });

  it("withResponse gives the data and the raw response", async () => {
    const { data, response } = await cf.iam.sso.get("id", { account_id }).withResponse();
    expectTypeOf(data).toEqualTypeOf<SSOConnector>();
    expectTypeOf(response).toEqualTypeOf<Response>();
  });

  it("takes the pinned options", () => {
    new Cloudflare({
      apiToken: "t",
      baseURL: "http://127.0.0.1",
      timeout: 1,
      maxRetries: 0,
      fetch,
      defaultHeaders: {},
    });
    // @ts-expect-error not an option
    new Cloudflare({ token: "t" });
    cf.iam.sso.list(
      { account_id },
      { timeout: 1_000, maxRetries: 1, signal: AbortSignal.timeout(1), headers: {} },
    );
  });

  it("ensure and waitForVerification take and give what they document", () => {
    expectTypeOf(
      cf.iam.sso.ensure({ account_id, email_domain: "acme.example", enabled: true }),
    ).resolves.toEqualTypeOf<{
      connector: SSOConnector;
      created: boolean;
    }>();
    // @ts-expect-error the email domain is the natural key
    cf.iam.sso.ensure({ account_id });
    expectTypeOf(
      cf.iam.sso.waitForVerification("id", { account_id }, { timeout: 1, interval: 1 }),
    ).resolves.toEqualTypeOf<SSOConnector>();
    // @ts-expect-error no such option
    cf.iam.sso.waitForVerification("id", { account_id }, { every: 1 });
  });

  it("raw reaches every path of the spec with openapi-fetch's path-level types", async () => {
    const { data } = await cf.raw.GET("/accounts/{account_id}/sso_connectors/{sso_connector_id}", {
      params: { path: { account_id, sso_connector_id: "id" } },
    });
    expectTypeOf(data?.result).toEqualTypeOf<components["schemas"]["SSOConnector"] | undefined>();
    // @ts-expect-error not a path of the spec
    cf.raw.GET("/accounts/{account_id}/zones", { params: { path: { account_id } } });
  });
});
