/**
 * `sso-codegen add-provider <name>`: a fourth (fifth, ...) provider in one step. Writes the spec skeleton and the
 * package (hand-owned config, version, fake server and test), adds the package to the release group, and says
 * what to do next. Refuses to touch a provider that exists.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseDocument } from "yaml";
import { isRecord } from "../json.js";
import * as t from "./templates.js";

export interface AddedProvider {
  readonly names: t.Names;
  /** Paths written, relative to the repository root. */
  readonly files: readonly string[];
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The names a provider id gives: `acme-id` -> class `AcmeId`, package `@sso/acme-id`, env `ACME_ID`. */
export function providerNames(id: string, client?: string): t.Names {
  if (!NAME.test(id)) throw new Error(`a provider name is lowercase words joined by "-", got "${id}"`);
  const words = id.split("-");
  const className = client ?? words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
  if (!/^[A-Z][A-Za-z0-9]*$/.test(className)) throw new Error(`"${className}" is not a class name`);
  return { id, client: className, pkg: `@sso/${id}`, env: words.join("_").toUpperCase() };
}

export async function addProvider(root: string, id: string, client?: string): Promise<AddedProvider> {
  const names = providerNames(id, client);
  const spec = join("specs", `${id}.openapi.yaml`);
  const pkg = join("packages", id);
  for (const taken of [spec, pkg]) {
    if (existsSync(join(root, taken))) throw new Error(`${taken} exists already: a provider is added once`);
  }
  const files: Record<string, string> = {
    [spec]: t.spec(names),
    [join(pkg, "package.json")]: t.packageJson(names),
    [join(pkg, "tsconfig.json")]: t.TSCONFIG,
    [join(pkg, "tsdown.config.ts")]: t.TSDOWN,
    [join(pkg, "vitest.config.ts")]: t.VITEST,
    [join(pkg, "README.md")]: t.readme(names),
    [join(pkg, "CHANGELOG.md")]: t.changelog(names),
    [join(pkg, "LICENSE")]: await readFile(join(root, "LICENSE"), "utf8").catch(() => "MIT\n"),
    [join(pkg, "src", "index.ts")]: t.index(names),
    [join(pkg, "src", "version.ts")]: t.version(),
    [join(pkg, "src", "lib", "config.ts")]: t.config(names),
    [join(pkg, "src", "testing", "index.ts")]: t.fake(names),
    [join(pkg, "src", "testing", "browser.ts")]: t.browser(names),
    [join(pkg, "test", "e2e.test.ts")]: t.e2e(names),
    [join(pkg, "test", "support", "contract.ts")]: t.contract(names),
    [join(pkg, "test", "support", "setup.ts")]: t.SETUP,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  const edited = [
    ...(await joinReleaseGroup(root, names.pkg)),
    ...(await registerWithRedocly(root, names.id)),
  ];
  return { names, files: [...Object.keys(files), ...edited].sort() };
}

/** Adds the package to the `fixed` group of `.changeset/config.json`: every published package shares one version. */
async function joinReleaseGroup(root: string, pkg: string): Promise<string[]> {
  const path = join(root, ".changeset", "config.json");
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return [];
  const config = JSON.parse(text) as unknown;
  if (!isRecord(config) || !Array.isArray(config.fixed) || !Array.isArray(config.fixed[0])) return [];
  const group = config.fixed[0] as string[];
  if (!group.includes(pkg)) group.push(pkg);
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`);
  return [join(".changeset", "config.json")];
}

/** Adds the spec to the `apis` of `redocly.yaml`, keeping its comments: the lint rules apply to it at once. */
async function registerWithRedocly(root: string, id: string): Promise<string[]> {
  const path = join(root, "redocly.yaml");
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return [];
  const doc = parseDocument(text);
  doc.setIn(["apis", id], doc.createNode({ root: `specs/${id}.openapi.yaml` }));
  await writeFile(path, doc.toString());
  return ["redocly.yaml"];
}

/** What to do after `add-provider`, printed by the CLI (and in CONTRIBUTING, "Adding a provider"). */
export function nextSteps(names: t.Names): string {
  return [
    `Added ${names.pkg}. Next:`,
    "  1. pnpm install                    (links the new package into the workspace)",
    `  2. edit specs/${names.id}.openapi.yaml: the API's real operations and schemas, with their vendor sources,`,
    "     and give each operation its row in specs/test/inventory.test.ts",
    "  3. pnpm generate                   (writes src/generated/, api.md and the README table)",
    `  4. edit packages/${names.id}/src/lib/config.ts (the credentials) and src/testing/ (the fake) to match`,
    `  5. pnpm --filter ${names.pkg} test, then pnpm test`,
    "  6. add the provider to runtimes/src/scenario and bench/src/config.ts, so CI runs it everywhere",
    `     and to the MCP server: ${names.pkg} in packages/mcp/package.json's dependencies, its variables in`,
    "     packages/mcp/src/environment.ts, and the tool table in packages/mcp/README.md",
    "  7. pnpm changeset                  (a changeset introducing the package), then commit",
  ].join("\n");
}
