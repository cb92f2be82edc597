/**
 * `@sso/codegen` as a library: the one reading of a spec (load -> ir) that the emitters, the release differ, the
 * conformance checker and the MCP emitter share. Importing it loads no emitter (no ts-morph, no Biome).
 */
export { createContext, findRoot, type GeneratorContext } from "./context.ts";
export { toJsonSchema } from "./emit/json-schema.ts";
export { SpecError, type SpecLocation, SpecProblem } from "./errors.ts";
export { discoverSpecs, readInput, type SpecInput } from "./inputs.ts";
export type * from "./ir/model.ts";
export type * from "./ir/schema.ts";
export { arrayItems, type Components, deref, jsonTypes, objectView } from "./ir/shape.ts";
export { operationsOf, parametersOf, resourcesOf } from "./ir/walk.ts";
export { compare, isRecord } from "./json.ts";
export { loadModel, modelFromInput, modelFromText } from "./model.ts";
