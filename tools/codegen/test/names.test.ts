/** The naming rules generated identifiers follow. */
import { describe, expect, it } from "vitest";
import { printValue, wrapSignatures } from "../src/emit/text.ts";
import { Casing, camelCase, kebabCase, pascalCase, words } from "../src/ir/names.ts";

describe("names", () => {
  it.each([
    ["ssoConnectors", ["sso", "Connectors"]],
    ["SSOConnector", ["SSO", "Connector"]],
    ["X-Client-Request-ID", ["X", "Client", "Request", "ID"]],
    ["sso_connector_id", ["sso", "connector", "id"]],
  ])("words(%s)", (text, expected) => expect(words(text)).toEqual(expected));

  it("PascalCase with acronyms, camelCase and kebab-case", () => {
    expect(pascalCase("iam")).toBe("IAM");
    expect(pascalCase("signingKeys")).toBe("SigningKeys");
    expect(camelCase("SSOConnector")).toBe("ssoConnector");
    expect(camelCase("X-Client-Request-ID")).toBe("xClientRequestID");
    expect(kebabCase("jitSsoConnectors")).toBe("jit-sso-connectors");
  });

  it("spells words as the spec's type names do, plurals included", () => {
    const logto = new Casing([
      "SsoConnector",
      "SsoConnectorSigningKey",
      "OrganizationJitSsoConnectorsAddRequest",
    ]);
    expect(pascalCase("ssoConnectors", logto)).toBe("SsoConnectors");
    expect(pascalCase("jitSsoConnectors", logto)).toBe("JitSsoConnectors");
    const cloudflare = new Casing(["SSOConnector", "APIResponseCommon"]);
    expect(pascalCase("sso", cloudflare)).toBe("SSO");
    expect(pascalCase("iam", cloudflare)).toBe("IAM");
  });

  it("the most frequent spelling wins, ties by sort order, whatever the input order", () => {
    expect(pascalCase("sso", new Casing(["SsoA", "SSOB", "SsoC"]))).toBe("Sso");
    expect(pascalCase("sso", new Casing(["SSOB", "SsoA"]))).toBe(
      pascalCase("sso", new Casing(["SsoA", "SSOB"])),
    );
  });
});

describe("text", () => {
  it("prints values on one line when they fit, else one member per line", () => {
    expect(printValue({ style: "single", "X-Id": [1, "a"] })).toBe('{ style: "single", "X-Id": [1, "a"] }');
    expect(printValue({ a: "x".repeat(60), b: "y".repeat(60) }, "", 40)).toBe(
      `{\n  a: "${"x".repeat(60)}",\n  b: "${"y".repeat(60)}",\n}`,
    );
  });

  it("wraps only signatures that are too long, splitting at top-level commas", () => {
    const short = "  get(id: string, options?: RequestOptions): APIPromise<X> {";
    expect(wrapSignatures(short)).toBe(short);
    const long = `  update(id: string, params: Record<string, { a: 1, b: 2 }> = {}, options?: RequestOptions): APIPromise<${"X".repeat(40)}> {`;
    expect(wrapSignatures(long)).toBe(
      [
        "  update(",
        "    id: string,",
        "    params: Record<string, { a: 1, b: 2 }> = {},",
        "    options?: RequestOptions,",
        `  ): APIPromise<${"X".repeat(40)}> {`,
      ].join("\n"),
    );
  });
});
