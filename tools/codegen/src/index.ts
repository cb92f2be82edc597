/**
 * `@sso/codegen` as a library: the one reading of a spec (load -> ir) that the emitters, the release differ, the
 * conformance checker and the MCP emitter share.
 */
export { createContext, findRoot, type GeneratorContext } from "./context.ts";
export { SpecError, type SpecLocation, SpecProblem } from "./errors.ts";
export { discoverSpecs, modelFromInput, readInput } from "./generate.ts";
export type * from "./ir/model.ts";
export type * from "./ir/schema.ts";
export { operationsOf, parametersOf, resourcesOf } from "./ir/walk.ts";
export { arrayItems, type Components, deref, jsonTypes } from "./ir/shape.ts";
export { toJsonSchema } from "./emit/json-schema.ts";
export { compare, isRecord } from "./json.ts";

import { join } from "node:path";
import { createContext } from "./context.ts";
import { modelFromInput, readInput } from "./generate.ts";
import type { ApiModel } from "./ir/model.ts";

/** Loads `specs/<name>.openapi.yaml` of the repository at `root` into its model; throws SpecError when it is bad. */
export async function loadModel(root: string, name: string): Promise<ApiModel> {
  const ctx = createContext(root);
  return (await modelFromInput(ctx, await readInput(ctx, name))).model;
}

/**
 * The model of a spec given as text (YAML or JSON), such as a released baseline: `file` is the path shown in
 * messages and `packageName` the package it belongs to. Throws SpecError when it is bad.
 */
export async function modelFromText(
  root: string,
  options: { name: string; file: string; text: string; packageName: string },
): Promise<ApiModel> {
  const ctx = createContext(root);
  const input = {
    name: options.name,
    specPath: join(root, options.file),
    specFile: options.file,
    text: options.text,
    pkg: { name: options.packageName },
    readme: undefined,
    packageDir: join(root, "packages", options.name),
  };
  return (await modelFromInput(ctx, input)).model;
}
