/**
 * `@sso/codegen` as a library: the one reading of a spec (load -> ir) that the emitters, the release differ, the
 * conformance checker and the MCP emitter share. Importing it loads no emitter (no ts-morph, no Biome).
 */
export { createContext, findRoot, type GeneratorContext } from "./context.js";
export { toJsonSchema } from "./emit/json-schema.js";
export { SpecError, type SpecLocation, SpecProblem } from "./errors.js";
export { discoverSpecs, readInput, type SpecInput } from "./inputs.js";
export type * from "./ir/model.js";
export type * from "./ir/schema.js";
export { arrayItems, type Components, deref, jsonTypes, objectView } from "./ir/shape.js";
export { operationsOf, parametersOf, resourcesOf } from "./ir/walk.js";
export { compare, isRecord } from "./json.js";
export { loadModel, modelFromInput, modelFromText } from "./model.js";
