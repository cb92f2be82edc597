/** load -> ir: the one reading of a spec. No emitter is imported here, so readers of the model stay light. */
import { join } from "node:path";
import { createContext, type GeneratorContext } from "./context.js";
import { readInput, relativeFile, type SpecInput } from "./inputs.js";
import { buildModel } from "./ir/build.js";
import type { ApiModel } from "./ir/model.js";

/** The model of one spec, and the other files it `$ref`s (relative to the repo root). */
export async function modelFromInput(
  ctx: GeneratorContext,
  input: SpecInput,
): Promise<{ model: ApiModel; files: string[] }> {
  const loaded = await ctx.load(input.name, input.specPath, input.specFile, input.text);
  return { model: buildModel(loaded, input.pkg), files: loaded.files.map((f) => relativeFile(ctx, f)) };
}

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
  const input: SpecInput = {
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
