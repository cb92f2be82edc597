import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiModel } from "../../ir/model.js";
import { propertyKey } from "../../ir/names.js";
import type { FileStructures } from "../resources.js";
import { providerVariable } from "./provider-file.js";

/** `src/generated/index.ts`: every provider by its spec's name, and the union of those names. */
export function mcpIndexFile(models: readonly ApiModel[]): FileStructures {
  return {
    file: "index.ts",
    statements: [
      ...models.map((model) => ({
        kind: StructureKind.ImportDeclaration as const,
        moduleSpecifier: `./${model.name}.js`,
        namedImports: [providerVariable(model)],
      })),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: ["Every provider a spec describes, by the spec's name (`specs/<name>.openapi.yaml`)."],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: "providers",
            initializer: `{ ${models.map(member).join(", ")} } as const`,
          },
        ],
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        docs: ["A provider's name: `cloudflare`, `logto`, ..."],
        name: "ProviderName",
        type: "keyof typeof providers",
      },
    ],
  };
}

/** `cloudflare` or `"my-idp": myIdp`. */
function member(model: ApiModel): string {
  const key = propertyKey(model.name);
  const variable = providerVariable(model);
  return key === variable ? key : `${key}: ${variable}`;
}
