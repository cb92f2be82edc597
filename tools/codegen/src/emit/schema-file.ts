import {
  astToString,
  type GlobalContext,
  NEVER,
  type OpenAPI3,
  resolveRef,
  type SchemaObject,
  STRING,
  scanDiscriminators,
  transformSchema,
  tsRecord,
} from "openapi-typescript";
import type { ApiModel } from "../ir/model.js";
import { openapiDocument } from "./openapi-document.js";

export const SCHEMA_FILE = "schema.ts";

/**
 * `schema.ts`: openapi-typescript's `paths`, `components` and `operations` for the model. With readOnly or
 * writeOnly properties anywhere, its read/write markers are on, so `Readable`/`Writable` give each direction.
 */
export function schemaFile(model: ApiModel): string {
  const document = openapiDocument(model) as unknown as OpenAPI3;
  const nodes = transformSchema(
    document,
    context(
      document,
      model.schemas.some((s) => s.directional),
    ),
  );
  return astToString(nodes);
}

/** openapi-typescript's options, spelled out: types follow `required` lists exactly, no helpers. */
function context(document: OpenAPI3, readWriteMarkers: boolean): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false, // the ir is sorted already
    arrayLength: false,
    defaultNonNullable: false, // a default makes a request field optional, not a response field required
    discriminators: scanDiscriminators(document, {}),
    emptyObjectsUnknown: true, // `{ type: object }` takes any key, as JSON Schema says
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Only its lint/bundle step reads this, and the load stage has done that already.
    redoc: undefined as unknown as GlobalContext["redoc"],
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    silent: true,
    transform: closedEmptyObject,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers,
    resolve: (ref) => resolveRef(document, ref, { silent: true }),
  };
}

/**
 * openapi-typescript prints every object without declared keys alike; with `emptyObjectsUnknown` a free-form
 * `{ type: object }` is rightly `Record<string, unknown>`, and this hook keeps an object that allows no key at all
 * (`additionalProperties: false`) as `Record<string, never>`.
 */
function closedEmptyObject(schema: SchemaObject): ReturnType<typeof tsRecord> | undefined {
  const object = schema as { type?: unknown; properties?: object; additionalProperties?: unknown };
  const declared = object.properties && Object.keys(object.properties).length > 0;
  if (object.type === "object" && !declared && object.additionalProperties === false)
    return tsRecord(STRING, NEVER);
  return undefined;
}
