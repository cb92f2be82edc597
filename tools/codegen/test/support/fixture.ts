import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, type GeneratorContext } from "../../src/context.js";
import { generateFromInput, modelFromInput, type SpecInput } from "../../src/generate.js";
import type { ApiModel } from "../../src/ir/model.js";

/** Removes the indentation common to all non-blank lines, and the first and last line if blank. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, "")
    .replace(/\n\s*$/, "")
    .split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join("\n");
}

function indent(text: string, by: string): string {
  return dedent(text)
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");
}

export interface FixtureParts {
  /** The `paths` map, as YAML. */
  paths: string;
  /** `components.schemas`, as YAML. */
  schemas?: string;
  /** `components.securitySchemes`; default: one http bearer scheme `token`. */
  securitySchemes?: string;
  /** Extra root keys (`x-sdk-envelope`, `security`, ...), as YAML. */
  root?: string;
}

/** A small but complete spec around the given parts: client `Fixture`, package `@sso/fixture`. */
export function fixture(parts: FixtureParts): string {
  return [
    "openapi: 3.1.0",
    'info: { title: Fixture API, version: "1", summary: A fixture. }',
    'x-sdk-client: { name: Fixture, package: "@sso/fixture" }',
    'servers: [{ url: "https://api.example.com/v1" }]',
    parts.root ? dedent(parts.root) : "security: [{ token: [] }]",
    "paths:",
    indent(parts.paths, "  "),
    "components:",
    "  securitySchemes:",
    indent(parts.securitySchemes ?? "token: { type: http, scheme: bearer }", "    "),
    ...(parts.schemas ? ["  schemas:", indent(parts.schemas, "    ")] : []),
    "",
  ].join("\n");
}

let shared: GeneratorContext | undefined;

/** One context for a test file. Its root is never read or written: fixtures are generated in memory. */
export function context(): GeneratorContext {
  shared ??= createContext(FIXTURE_ROOT);
  return shared;
}

const FIXTURE_ROOT = join(tmpdir(), "sso-codegen-fixtures");

/** The in-memory input of a fixture spec. */
function input(text: string, name = "fixture"): SpecInput {
  return {
    name,
    specPath: join(FIXTURE_ROOT, "specs", `${name}.openapi.yaml`),
    specFile: `specs/${name}.openapi.yaml`,
    text,
    pkg: { name: `@sso/${name}` },
    readme: undefined,
    packageDir: join(FIXTURE_ROOT, "packages", name),
  };
}

/** Generates a fixture spec in memory: package-relative path -> content. */
export async function generate(text: string, name = "fixture"): Promise<Map<string, string>> {
  const files = await generateFromInput(context(), input(text, name));
  return new Map(files.map((f) => [f.path, f.content]));
}

/** The model of a fixture spec, or the SpecError it is refused with. */
export async function model(text: string, name = "fixture"): Promise<ApiModel> {
  return (await modelFromInput(context(), input(text, name))).model;
}
