import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { isRecord } from "@sso/codegen";
import { parse } from "yaml";
import type { JsonObject } from "./diff/types.ts";

/** A spec and the package generated from it. */
export interface SpecPackage {
  /** `logto`: the spec's file name stem and the package folder's name. */
  id: string;
  /** `specs/logto.openapi.yaml`, relative to the root. */
  spec: string;
  /** `packages/logto`, relative to the root. */
  dir: string;
  /** `@sso/logto` */
  name: string;
  /** The package's current version, from its package.json. */
  version: string;
  /** `packages/logto/spec.released.json`, relative to the root. */
  baseline: string;
}

const BASELINE_FILE = "spec.released.json";

/** The workspace root: the nearest folder above `from` with a pnpm-workspace.yaml. */
export function findRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

export function readJson(file: string): JsonObject {
  const value = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (!isRecord(value)) throw new Error(`${file} does not hold a JSON object`);
  return value as JsonObject;
}

/** Parses a spec file; YAML 1.2 so `on`/`yes` stay strings. */
export function loadSpec(file: string): JsonObject {
  let value: unknown;
  try {
    value = parse(readFileSync(file, "utf8"), { version: "1.2", maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new Error(`${file} does not hold an OpenAPI document`);
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** Every `specs/<id>.openapi.yaml` with its `packages/<id>` package, sorted by id. */
export function specPackages(root: string): SpecPackage[] {
  const specsDir = join(root, "specs");
  if (!existsSync(specsDir)) return [];
  const out: SpecPackage[] = [];
  for (const file of readdirSync(specsDir).sort()) {
    const match = /^(.+)\.openapi\.ya?ml$/.exec(file);
    if (!match?.[1]) continue;
    const id = match[1];
    const dir = join("packages", id);
    const manifest = join(root, dir, "package.json");
    if (!existsSync(manifest))
      throw new Error(`specs/${file} has no package: ${relative(root, manifest)} is missing`);
    const pkg = readJson(manifest);
    const declared = declaredPackage(loadSpec(join(specsDir, file)));
    if (declared !== undefined && declared !== pkg.name) {
      throw new Error(
        `specs/${file} names package ${declared} (x-sdk-client.package) but ${dir} is ${String(pkg.name)}`,
      );
    }
    out.push({
      id,
      spec: `specs/${file}`,
      dir,
      name: String(pkg.name),
      version: String(pkg.version),
      baseline: `${dir}/${BASELINE_FILE}`,
    });
  }
  return out;
}

function declaredPackage(doc: JsonObject): string | undefined {
  const client = doc["x-sdk-client"];
  return isRecord(client) && typeof client.package === "string" ? client.package : undefined;
}

/** Every `packages/*` that is published (its package.json is not `private`), in folder order. */
export function publishedPackages(
  root: string,
): { id: string; dir: string; name: string; version: string }[] {
  const packages = join(root, "packages");
  if (!existsSync(packages)) return [];
  const out = [];
  for (const id of readdirSync(packages).sort()) {
    const manifest = join(packages, id, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = readJson(manifest);
    if (pkg.private === true) continue;
    out.push({ id, dir: join(packages, id), name: String(pkg.name), version: String(pkg.version) });
  }
  return out;
}

/**
 * The published clients: the published packages generated from a spec (`specs/<id>.openapi.yaml`), by name.
 * What a user installs; `@sso/core` comes along as their dependency.
 */
export function clientPackages(root: string): string[] {
  const specs = new Set(specPackages(root).map((p) => p.name));
  return publishedPackages(root)
    .filter((p) => specs.has(p.name))
    .map((p) => p.name);
}

/**
 * The published packages with a `bin` (the MCP server, `sso-mcp`), by name: installed next to the clients in
 * the release rehearsal, and their command run there.
 */
export function commandPackages(root: string): { name: string; bins: Record<string, string> }[] {
  return publishedPackages(root).flatMap((p) => {
    const bin = readJson(join(p.dir, "package.json")).bin;
    return isRecord(bin) ? [{ name: p.name, bins: bin as Record<string, string> }] : [];
  });
}
