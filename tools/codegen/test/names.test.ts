/** The naming rules generated identifiers follow. */
import { describe, expect, it } from "vitest";
import { Code, literal } from "../src/emit/literal.js";
import { docText } from "../src/emit/text.js";
import { Casing, camelCase, kebabCase, pascalCase, words } from "../src/ir/names.js";

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
  it.each([
    [{ style: "single", "X-Id": [1, "a"] }, '{ style: "single", "X-Id": [1, "a"] }'],
    [{ a: undefined, b: null }, "{ b: null }"],
    [[], "[]"],
    [{ f: new Code('pageNumber({ page: "page" })') }, '{ f: pageNumber({ page: "page" }) }'],
  ])("literal(%j)", (value, expected) => expect(literal(value)).toBe(expected));

  it("keeps comment terminators out of JSDoc text", () => {
    expect(docText("a */ b ")).toBe("a *\\/ b");
  });

  it("camelCase of nothing is nothing", () => {
    expect(camelCase("")).toBe("");
    expect(camelCase("--")).toBe("");
  });
});
