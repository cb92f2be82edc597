import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { consumerSource } from "../src/e2e/consumer.ts";
import { clientPackages, publishedPackages } from "../src/workspace.ts";
import { BASE, workspace } from "./helpers.ts";

const write = (root: string, path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

describe("provider lists come from the workspace", () => {
  it("publishes every packages/* that is not private, and calls those with a spec clients", () => {
    const root = workspace({
      logto: { spec: BASE },
      acme: { spec: BASE.replace("@sso/logto", "@sso/acme") },
    });
    write(root, "packages/core/package.json", JSON.stringify({ name: "@sso/core", version: "0.1.0" }));
    write(root, "packages/scratch/package.json", JSON.stringify({ name: "@sso/scratch", private: true }));
    expect(publishedPackages(root).map((p) => p.name)).toEqual(["@sso/acme", "@sso/core", "@sso/logto"]);
    expect(clientPackages(root)).toEqual(["@sso/acme", "@sso/logto"]);
  });
});

describe("the e2e consumer", () => {
  it("runs the written scenario of a known client and a generic one for a client added later", () => {
    const source = consumerSource(["@sso/logto", "@sso/acme-idp"]);
    expect(source).toContain('import { startFakeServer as startLogto } from "@sso/logto/testing";');
    expect(source).toContain('import * as acme_idpPackage from "@sso/acme-idp";');
    expect(source).toContain('import { startFakeServer as start_acme_idp } from "@sso/acme-idp/testing";');
    expect(source).toContain(
      'check(NotFoundError1 === NotFoundError0, "NotFoundError differs between @sso/logto and @sso/acme-idp");',
    );
    expect(source).toMatch(/await logto\(\);\n {2}await acme_idp\(\);/);
  });
});
