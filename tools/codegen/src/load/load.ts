import { BaseResolver, bundle, type Config, createConfig, lintDocument, Source } from "@redocly/openapi-core";
import type { OpenAPI3 } from "openapi-typescript";
import { SpecError } from "../errors.ts";
import { SpecSource } from "./source.ts";

/** A spec that parsed, validated and bundled: the input of the ir stage. */
export interface LoadedSpec {
  /** `cloudflare` for `specs/cloudflare.openapi.yaml`. */
  name: string;
  source: SpecSource;
  /** Bundled, with every name-keyed map (paths, components) sorted, so YAML order never reaches the output. */
  document: OpenAPI3;
}

/**
 * The validation rules that make a spec unusable when broken. Style rules (summaries, tags, ...) belong to the
 * specs package's own lint, not to the generator.
 */
const RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "no-identical-paths": "error",
  "no-enum-type-mismatch": "error",
  "operation-operationId-unique": "error",
  "operation-parameters-unique": "error",
  "path-parameters-defined": "error",
  "security-defined": "error",
} as const;

/** Creates the Redocly config once per run; `load` is then called per spec. */
export async function createLoader(): Promise<
  (name: string, file: string, text: string) => Promise<LoadedSpec>
> {
  const config = await createConfig({ extends: [], rules: RULES });
  return (name, file, text) => loadSpec(config, name, file, text);
}

async function loadSpec(config: Config, name: string, file: string, text: string): Promise<LoadedSpec> {
  const source = new SpecSource(file, text);
  const { data: parsed, problems } = source.read();
  if (problems) throw new SpecError(problems);

  if (!isRecord(parsed) || typeof parsed.openapi !== "string" || !parsed.openapi.startsWith("3.")) {
    throw new SpecError([source.problem("#/openapi", "expected an OpenAPI 3.x document (`openapi: 3.1.0`)")]);
  }

  const document = { source: new Source(file, text), parsed };
  const resolver = new BaseResolver(config.resolve);
  const lint = await lintDocument({ document, config: config.styleguide, externalRefResolver: resolver });
  const errors = lint.filter((problem) => problem.severity === "error");
  if (errors.length === 0) {
    const bundled = await bundle({
      config,
      dereference: false,
      doc: document,
      externalRefResolver: resolver,
    });
    errors.push(...bundled.problems.filter((problem) => problem.severity === "error"));
  }
  if (errors.length > 0) {
    throw new SpecError(
      errors.map((problem) => source.problem(problem.location[0]?.pointer ?? "#", problem.message)),
    );
  }
  return { name, source, document: canonicalize(parsed as unknown as OpenAPI3) };
}

/** Sorts the maps whose order carries no meaning, so shuffled YAML gives the same document. */
function canonicalize(doc: OpenAPI3): OpenAPI3 {
  const components = doc.components
    ? (Object.fromEntries(
        Object.entries(doc.components).map(([kind, map]) => [kind, isRecord(map) ? sortKeys(map) : map]),
      ) as OpenAPI3["components"])
    : undefined;
  return {
    ...doc,
    ...(doc.paths ? { paths: sortKeys(doc.paths) } : {}),
    ...(doc.webhooks ? { webhooks: sortKeys(doc.webhooks) } : {}),
    ...(components ? { components: sortKeys(components) } : {}),
  };
}

function sortKeys<T extends object>(map: T): T {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => compare(a, b))) as T;
}

/** Code-unit order: stable across locales, unlike `localeCompare`. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
