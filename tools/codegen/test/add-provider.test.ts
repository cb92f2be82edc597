/**
 * `sso-codegen add-provider` on a throwaway repo: the names it derives, what it refuses, and the scaffold as a
 * whole: the package generates, compiles under the strict options users have, and its client talks to its fake.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";
import { providerNames } from "../src/scaffold/add-provider.js";
import { Compiler, diagnosticsUnder, OPTIONS, REPO } from "./support/compile.js";

describe("providerNames", () => {
  it.each([
    ["acme", undefined, { client: "Acme", pkg: "@sso/acme", env: "ACME" }],
    ["acme-id", undefined, { client: "AcmeId", pkg: "@sso/acme-id", env: "ACME_ID" }],
    ["okta2", undefined, { client: "Okta2", pkg: "@sso/okta2", env: "OKTA2" }],
    ["workos", "WorkOS", { client: "WorkOS", pkg: "@sso/workos", env: "WORKOS" }],
  ])("%s (client %s)", (id, client, expected) => {
    expect(providerNames(id, client)).toEqual({ id, ...expected });
  });

  it.each([["Acme"], ["acme_id"], ["-acme"], ["acme-"], ["1acme"], ["acme--id"], [""]])(
    "refuses %j",
    (id) => {
      expect(() => providerNames(id)).toThrow(/lowercase words joined by "-"/);
    },
  );

  it("refuses a client name that is not a class name", () => {
    expect(() => providerNames("acme", "acme-client")).toThrow(/"acme-client" is not a class name/);
  });
});

describe("the scaffold", () => {
  // Under tools/codegen, so the scaffolded package resolves @sso/core from this package's node_modules.
  let root: string;
  let out: string[];
  const pkg = (...path: string[]) => join(root, "packages", "acme-id", ...path);

  beforeAll(async () => {
    root = await mkdtemp(join(REPO, "tools", "codegen", ".scaffold-"));
    await writeFile(join(root, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
    await writeFile(join(root, "LICENSE"), "MIT License\n");
    await copyFile(join(REPO, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
    out = [];
    const capture = (...args: unknown[]) => void out.push(args.join(" "));
    vi.spyOn(console, "log").mockImplementation(capture);
    vi.spyOn(console, "error").mockImplementation(capture);
    await mkdir(join(root, ".changeset"));
    await writeFile(
      join(root, ".changeset", "config.json"),
      JSON.stringify({ fixed: [["@sso/cloudflare", "@sso/core"]], ignore: [] }),
    );
    await writeFile(
      join(root, "redocly.yaml"),
      "# Lint rules.\napis:\n  cloudflare:\n    root: specs/cloudflare.openapi.yaml\n",
    );
    expect(await main(["add-provider", "acme-id"], { cwd: root })).toBe(0);
    expect(await main(["generate", "--spec", "acme-id"], { cwd: root })).toBe(0);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it("writes the spec and the package, joins the release group, and says what comes next", async () => {
    const text = out.join("\n");
    for (const file of [
      "specs/acme-id.openapi.yaml",
      "packages/acme-id/package.json",
      "packages/acme-id/src/lib/config.ts",
      "packages/acme-id/src/testing/index.ts",
      "packages/acme-id/test/e2e.test.ts",
      ".changeset/config.json",
    ]) {
      expect(text).toContain(`wrote ${file}`);
    }
    expect(text).toContain("pnpm generate");
    const config = JSON.parse(await readFile(join(root, ".changeset", "config.json"), "utf8"));
    expect(config.fixed).toEqual([["@sso/cloudflare", "@sso/core", "@sso/acme-id"]]);
    expect(JSON.parse(await readFile(pkg("package.json"), "utf8")).name).toBe("@sso/acme-id");
    expect(await readFile(join(root, "redocly.yaml"), "utf8")).toBe(
      "# Lint rules.\napis:\n  cloudflare:\n    root: specs/cloudflare.openapi.yaml\n  acme-id:\n    root: specs/acme-id.openapi.yaml\n",
    );
    expect(await readFile(pkg("README.md"), "utf8")).toContain(
      "| `client.connectors.create({ domain })` | `POST /connectors` |",
    );
  });

  it("refuses to scaffold a provider twice and changes nothing", async () => {
    const before = await readFile(pkg("src/lib/config.ts"), "utf8");
    expect(await main(["add-provider", "acme-id"], { cwd: root })).toBe(1);
    expect(out.at(-1)).toMatch(/specs\/acme-id\.openapi\.yaml exists already/);
    expect(await readFile(pkg("src/lib/config.ts"), "utf8")).toBe(before);
  });

  it("compiles under strict TypeScript, generated code and hand-owned files together", () => {
    const compiler = new Compiler({
      ...OPTIONS,
      types: ["node"],
      typeRoots: [join(REPO, "tools", "codegen", "node_modules", "@types")],
      paths: {
        ...OPTIONS.paths,
        "@sso/core/testing": [join(REPO, "packages/core/src/testing/index.ts")],
      },
    });
    const files = ["src/index.ts", "src/testing/index.ts", "src/testing/browser.ts"].map((f) => pkg(f));
    expect(diagnosticsUnder(compiler.program(files), pkg())).toEqual([]);
  });

  it("has a client that creates and lists connectors on its fake over real HTTP", async () => {
    const { AcmeId } = await import(pkg("src/index.ts"));
    const { startFakeServer } = await import(pkg("src/testing/index.ts"));
    const fake = await startFakeServer();
    try {
      const client = new AcmeId({ apiToken: fake.apiToken, baseURL: fake.baseURL, logLevel: "off" });
      const created = await client.connectors.create({ domain: "acme.example" });
      const listed: unknown[] = [];
      for await (const connector of client.connectors.list()) listed.push(connector);
      expect(listed).toEqual([created]);
      expect(fake.connectors()).toEqual([created]);
      await expect(client.connectors.create({ domain: "" })).rejects.toMatchObject({ status: 400 });
      const wrong = new AcmeId({ apiToken: "wrong", baseURL: fake.baseURL, logLevel: "off" });
      await expect(wrong.connectors.create({ domain: "b.example" })).rejects.toMatchObject({ status: 401 });
    } finally {
      await fake.close();
    }
  });
});
