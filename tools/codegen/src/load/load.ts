import { relative } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { BaseResolver, bundle, type Config, createConfig, lintDocument, Source } from "@redocly/openapi-core";
import { SpecError, type SpecProblem } from "../errors.js";
import { compare, isRecord } from "../json.js";
import { parsePointer, SpecSource } from "./source.js";

/** A spec that parsed, validated and bundled: the input of the ir stage. */
export interface LoadedSpec {
  /** `cloudflare` for `specs/cloudflare.openapi.yaml`. */
  readonly name: string;
  readonly source: SpecSource;
  /** Bundled (every external `$ref` pulled in) and with every name-keyed map sorted. */
  readonly document: Readonly<Record<string, unknown>>;
  /** Absolute paths of the other files the spec `$ref`s (for the manifest's input hashes). */
  readonly files: readonly string[];
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

export type Loader = (name: string, path: string, file: string, text: string) => Promise<LoadedSpec>;

/** Creates the Redocly config once per run; the loader is then called per spec. */
export async function createLoader(root: string): Promise<Loader> {
  const config = await createConfig({ extends: [], rules: RULES });
  return (name, path, file, text) => loadSpec(config, root, name, path, file, text);
}

async function loadSpec(
  config: Config,
  root: string,
  name: string,
  path: string,
  file: string,
  text: string,
): Promise<LoadedSpec> {
  const source = new SpecSource(file, text);
  const { data: parsed, problems } = source.read();
  if (problems) throw new SpecError(problems);
  if (!isRecord(parsed) || typeof parsed.openapi !== "string" || !/^3\.1\.\d+$/.test(parsed.openapi)) {
    throw new SpecError([
      source.problem(
        "#/openapi",
        "expected an OpenAPI 3.1 document (`openapi: 3.1.0`); 3.0 and 2.0 are not supported",
      ),
    ]);
  }
  // Redocly's resolver throws on a `$ref` that leads back to itself; say where, before it runs.
  const loops = refLoops(parsed);
  if (loops.length > 0) {
    throw new SpecError(
      loops.map((at) =>
        source.problem(`${at}/$ref`, "this `$ref` leads back to itself through `$ref`s alone"),
      ),
    );
  }
  const document = { source: new Source(path, text), parsed };
  const resolver = new BaseResolver(config.resolve);
  const lint = await lintDocument({ document, config: config.styleguide, externalRefResolver: resolver });
  const errors = lint.filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new SpecError(errors.map((p) => locate(p, source, root, path)));
  const bundled = await bundle({ config, dereference: false, doc: document, externalRefResolver: resolver });
  const bundleErrors = bundled.problems.filter((problem) => problem.severity === "error");
  if (bundleErrors.length > 0) throw new SpecError(bundleErrors.map((p) => locate(p, source, root, path)));
  const result = bundled.bundle.parsed as unknown;
  if (!isRecord(result)) throw new SpecError([source.problem("#", "the bundled spec is not an object")]);
  return {
    name,
    source,
    document: canonicalize(result),
    files: [...bundled.fileDependencies].filter((f) => f !== path).sort(compare),
  };
}

/** A Redocly problem at its file:line:column; a dangling `$ref` names its missing target. */
function locate(problem: NormalizedProblem, main: SpecSource, root: string, mainPath: string): SpecProblem {
  const location = problem.location[0];
  const pointer = location?.pointer ?? "#";
  const where = location?.source;
  const sourceFile = where && where.absoluteRef !== mainPath ? where : undefined;
  const spec = sourceFile
    ? new SpecSource(relative(root, sourceFile.absoluteRef).split("\\").join("/"), sourceFile.body)
    : main;
  let message = problem.message;
  if (problem.ruleId === "no-unresolved-refs") {
    const ref = (spec.valueAt(pointer) as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref === "string") message = `\`$ref\` names the missing target \`${ref}\``;
    return spec.problem(pointer.endsWith("/$ref") ? pointer : `${pointer}/$ref`, message);
  }
  return spec.problem(pointer, message);
}

/** Sorts the maps whose order carries no meaning, so shuffled YAML gives the same document. */
function canonicalize(doc: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const components = isRecord(doc.components)
    ? Object.fromEntries(
        Object.entries(doc.components).map(([kind, map]) => [kind, isRecord(map) ? sortKeys(map) : map]),
      )
    : undefined;
  return {
    ...doc,
    ...(isRecord(doc.paths) ? { paths: sortKeys(doc.paths) } : {}),
    ...(isRecord(doc.webhooks) ? { webhooks: sortKeys(doc.webhooks) } : {}),
    ...(components ? { components: sortKeys(components) } : {}),
  };
}

function sortKeys<T extends object>(map: T): T {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => compare(a, b))) as T;
}

/** Pointers of the local `$ref`s whose chain of `$ref`s comes back to where it started. */
function refLoops(root: unknown): string[] {
  const at = (pointer: string): unknown =>
    parsePointer(pointer).reduce<unknown>(
      (node, key) => (Array.isArray(node) ? node[Number(key)] : isRecord(node) ? node[key] : undefined),
      root,
    );
  const loops: string[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${pointer}/${i}`);
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#")) {
      const seen = new Set<string>([pointer]);
      for (let target = node.$ref; ; ) {
        if (seen.has(target)) {
          if (target === pointer) loops.push(pointer);
          break;
        }
        seen.add(target);
        const next = at(target);
        if (!isRecord(next) || typeof next.$ref !== "string" || !next.$ref.startsWith("#")) break;
        target = next.$ref;
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "$ref") visit(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  visit(root, "#");
  return loops;
}
