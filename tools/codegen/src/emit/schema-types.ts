import {
  astToString,
  type GlobalContext,
  type OpenAPI3,
  resolveRef,
  scanDiscriminators,
  transformSchema,
  transformSchemaObject,
} from "openapi-typescript";
import type { ApiModel, TypeRef } from "../ir/types.ts";
import { halveIndentation } from "./text.ts";

const COMPONENT_REF = /components\["schemas"\]\["((?:[^"\\]|\\.)*)"\]/g;

/** A printed type and the public aliases it mentions (for the file's imports). */
export interface PrintedType {
  text: string;
  refs: string[];
}

/**
 * Everything this generator asks of openapi-typescript: `schema.ts` for the whole document, and the same
 * transform for the inline schemas the ir points at, so the two always agree on what a schema means.
 */
export class SchemaTypes {
  readonly #document: OpenAPI3;
  readonly #aliases: Map<string, string>;
  readonly #discriminators: GlobalContext["discriminators"];

  constructor(model: ApiModel) {
    this.#document = model.document;
    this.#aliases = new Map(model.schemas.map((s) => [s.component, s.name]));
    this.#discriminators = scanDiscriminators(model.document, {});
  }

  /** The body of `schema.ts`: `paths`, `webhooks`, `components`, `$defs` and `operations`. */
  schemaFile(): string {
    const nodes = transformSchema(this.#document, this.#context());
    return halveIndentation(astToString(nodes));
  }

  print(type: TypeRef): PrintedType {
    if (type.kind === "void") return { text: "void", refs: [] };
    if (type.kind === "named") return { text: type.name, refs: [type.name] };
    const context = this.#context();
    const node = transformSchemaObject(type.schema, {
      path: type.pointer,
      ctx: context,
      schema: type.schema,
    });
    if (context.injectFooter.length > 0) {
      throw new Error(
        `openapi-typescript needs a helper type for ${type.pointer}; give that schema a component`,
      );
    }
    const refs = new Set<string>();
    const text = halveIndentation(astToString(node).trim()).replace(
      COMPONENT_REF,
      (match, escaped: string) => {
        const alias = this.#aliases.get(JSON.parse(`"${escaped}"`) as string);
        if (!alias) return match;
        refs.add(alias);
        return alias;
      },
    );
    return { text, refs: [...refs].sort() };
  }

  /** openapi-typescript's options, spelled out: types follow `required` lists exactly, no helpers. */
  #context(): GlobalContext {
    const document = this.#document;
    return {
      additionalProperties: false,
      alphabetize: false, // the load stage already sorted every name-keyed map
      arrayLength: false,
      defaultNonNullable: false, // a default makes a request field optional, not a response field required
      discriminators: this.#discriminators,
      emptyObjectsUnknown: false,
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
      transform: undefined,
      transformProperty: undefined,
      makePathsEnum: false,
      generatePathParams: false,
      readWriteMarkers: false,
      resolve: (ref) => resolveRef(document, ref, { silent: true }),
    };
  }
}
