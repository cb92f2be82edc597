import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  bundle,
  type Config,
  getLineColLocation,
  loadConfig,
  type NormalizedProblem,
} from "@redocly/openapi-core";

const specsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every `<name>.openapi.yaml` in specs/: a provider added with `sso-codegen add-provider` is tested at once. */
export const SPEC_NAMES: readonly string[] = readdirSync(specsDir)
  .filter((file) => file.endsWith(".openapi.yaml"))
  .map((file) => file.slice(0, -".openapi.yaml".length))
  .sort();
export type SpecName = string;
const repoRoot = path.resolve(specsDir, "..");
export const redoclyConfigPath = path.join(repoRoot, "redocly.yaml");

export function specPath(name: SpecName): string {
  return path.join(specsDir, `${name}.openapi.yaml`);
}

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A fresh redocly config per call: linting records state on the config object. */
export function loadRedoclyConfig(): Promise<Config> {
  return loadConfig({ configPath: redoclyConfigPath });
}

export interface BundledSpec {
  doc: JsonObject;
  problems: NormalizedProblem[];
}

export async function bundleSpec(
  name: SpecName,
  options: { dereference?: boolean } = {},
): Promise<BundledSpec> {
  const result = await bundle({
    ref: specPath(name),
    config: await loadRedoclyConfig(),
    dereference: options.dereference ?? false,
  });
  const doc: unknown = result.bundle.parsed;
  if (!isObject(doc)) throw new Error(`${name}: the bundle is not an object`);
  return { doc, problems: result.problems };
}

/** `file:line:col pointer severity [rule] message`, one problem per line, for assertion messages. */
export function formatProblems(problems: readonly NormalizedProblem[]): string {
  return problems
    .map((problem) => {
      const location = problem.location[0];
      if (!location) return `${problem.severity} [${problem.ruleId}] ${problem.message}`;
      const file = path.relative(repoRoot, location.source.absoluteRef);
      const { start } = getLineColLocation(location);
      const pointer = "pointer" in location ? location.pointer : "";
      return `${file}:${start.line}:${start.col} ${pointer} ${problem.severity} [${problem.ruleId}] ${problem.message}`;
    })
    .join("\n");
}

function escapePointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return `#/${segments.map((segment) => escapePointerSegment(String(segment))).join("/")}`;
}

/** Reads a value at a JSON pointer (`#/a/b~1c/0`). Returns undefined when any step is missing. */
export function getByPointer(doc: unknown, pointer: string): unknown {
  const segments = pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
  let current: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface OperationEntry {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operation: JsonObject;
  pathItem: JsonObject;
}

export function operationsOf(doc: JsonObject): OperationEntry[] {
  const paths = doc.paths;
  if (!isObject(paths)) return [];
  const entries: OperationEntry[] = [];
  for (const [pathName, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) entries.push({ method, path: pathName, operation, pathItem });
    }
  }
  return entries;
}

export interface ExampleCase {
  /** Where the example sits in the bundled document. */
  pointer: string;
  schema: unknown;
  value: unknown;
}

const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"] as const;
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
const SUBSCHEMA_SINGLES = [
  "items",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties",
] as const;

/**
 * Every `example` / `examples` value in a dereferenced OpenAPI 3.1 document, paired with the schema it must
 * satisfy: schema examples (at any depth), and the examples of media types, parameters and headers.
 */
export function collectExamples(doc: JsonObject): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const seen = new Set<object>();

  const walkSchema = (schema: unknown, at: (string | number)[]): void => {
    if (!isObject(schema) || seen.has(schema)) return;
    seen.add(schema);
    if ("example" in schema)
      cases.push({ pointer: pointerOf([...at, "example"]), schema, value: schema.example });
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value, index) => {
        cases.push({ pointer: pointerOf([...at, "examples", index]), schema, value });
      });
    }
    for (const key of SUBSCHEMA_MAPS) {
      const map = schema[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) walkSchema(sub, [...at, key, name]);
    }
    for (const key of SUBSCHEMA_LISTS) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      for (const [index, sub] of list.entries()) walkSchema(sub, [...at, key, index]);
    }
    for (const key of SUBSCHEMA_SINGLES) walkSchema(schema[key], [...at, key]);
  };

  /** Media types, parameters and headers: `schema` plus `example` or named `examples`. */
  const walkExampleHolder = (holder: unknown, at: (string | number)[]): void => {
    if (!isObject(holder) || seen.has(holder)) return;
    seen.add(holder);
    const { schema } = holder;
    if (schema !== undefined) {
      if ("example" in holder)
        cases.push({ pointer: pointerOf([...at, "example"]), schema, value: holder.example });
      if (isObject(holder.examples)) {
        for (const [name, example] of Object.entries(holder.examples)) {
          if (isObject(example) && "value" in example) {
            cases.push({
              pointer: pointerOf([...at, "examples", name, "value"]),
              schema,
              value: example.value,
            });
          }
        }
      }
      walkSchema(schema, [...at, "schema"]);
    }
    if (isObject(holder.content)) {
      for (const [mediaType, media] of Object.entries(holder.content)) {
        walkExampleHolder(media, [...at, "content", mediaType]);
      }
    }
  };

  const walkParameters = (parameters: unknown, at: (string | number)[]): void => {
    if (!Array.isArray(parameters)) return;
    for (const [index, parameter] of parameters.entries()) walkExampleHolder(parameter, [...at, index]);
  };

  const walkResponse = (response: unknown, at: (string | number)[]): void => {
    if (!isObject(response)) return;
    if (isObject(response.headers)) {
      for (const [name, header] of Object.entries(response.headers))
        walkExampleHolder(header, [...at, "headers", name]);
    }
    if (isObject(response.content)) {
      for (const [mediaType, media] of Object.entries(response.content)) {
        walkExampleHolder(media, [...at, "content", mediaType]);
      }
    }
  };

  for (const { method, path: pathName, operation, pathItem } of operationsOf(doc)) {
    const at = ["paths", pathName];
    walkParameters(pathItem.parameters, [...at, "parameters"]);
    walkParameters(operation.parameters, [...at, method, "parameters"]);
    const { requestBody, responses } = operation;
    if (isObject(requestBody) && isObject(requestBody.content)) {
      for (const [mediaType, media] of Object.entries(requestBody.content)) {
        walkExampleHolder(media, [...at, method, "requestBody", "content", mediaType]);
      }
    }
    if (isObject(responses)) {
      for (const [status, response] of Object.entries(responses)) {
        walkResponse(response, [...at, method, "responses", status]);
      }
    }
  }

  const components = isObject(doc.components) ? doc.components : {};
  const section = (name: string): JsonObject => {
    const value = components[name];
    return isObject(value) ? value : {};
  };
  for (const [name, schema] of Object.entries(section("schemas")))
    walkSchema(schema, ["components", "schemas", name]);
  for (const [name, parameter] of Object.entries(section("parameters"))) {
    walkExampleHolder(parameter, ["components", "parameters", name]);
  }
  for (const [name, header] of Object.entries(section("headers"))) {
    walkExampleHolder(header, ["components", "headers", name]);
  }
  for (const [name, response] of Object.entries(section("responses"))) {
    walkResponse(response, ["components", "responses", name]);
  }
  for (const [name, body] of Object.entries(section("requestBodies"))) {
    walkExampleHolder(body, ["components", "requestBodies", name]);
  }
  return cases;
}
