import { type ClassDeclarationStructure, StructureKind, VariableDeclarationKind } from "ts-morph";
import type { SecuritySchemeModel } from "../ir/model.js";
import type { EmitContext } from "./context.js";
import { Imports } from "./imports.js";
import { literal } from "./literal.js";
import { CORE, childProperty, type FileStructures } from "./resources.js";
import { SCHEMA_FILE } from "./schema-file.js";
import { docText } from "./text.js";

export const CLIENT_FILE = "client.ts";
/** The hand-written module each package provides next to `src/generated/`. */
const CONFIG_FILE = "../lib/config.ts";

/**
 * The client class. Credentials are not templated here: the spec says which schemes the API accepts
 * (`clientSpec.auth`, by scheme name), and the package's hand-written `src/lib/config.ts` decides which options
 * and environment variables supply them.
 */
export function clientFile(ctx: EmitContext): FileStructures {
  const { model } = ctx;
  const { client } = model;
  const imports = new Imports(CLIENT_FILE);
  const optionsType = imports.type(CONFIG_FILE, `${client.className}Options`);
  const resolve = imports.value(CONFIG_FILE, "resolveClientConfig");
  const spec = {
    packageName: client.packageName,
    defaultBaseURL: client.defaultBaseURL,
    ...(client.envelope ? { envelope: client.envelope } : {}),
    auth: Object.fromEntries(client.securitySchemes.map((scheme) => [scheme.name, schemeSpec(scheme)])),
  };
  const example = [
    `import { ${client.className} } from "${client.packageName}";`,
    "",
    `const client = new ${client.className}(); // credentials from the environment, see ${client.className}Options`,
  ].join("\n");
  const description = [client.title, client.description].filter(Boolean).join("\n\n");
  const cls: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: client.className,
    extends: `${imports.value(CORE, "BaseClient")}<${imports.type(SCHEMA_FILE, "paths")}>`,
    docs: [
      {
        description: `${docText(description)}\n`, // a blank line before the tags
        tags: [{ tagName: "example", text: `\n\`\`\`ts\n${example}\n\`\`\`` }],
      },
    ],
    properties: model.resources.map((resource) => childProperty(resource, imports, "this")),
    ctors: [
      {
        parameters: [{ name: "options", type: optionsType, initializer: "{}" }],
        statements: [`super(${resolve}(options, clientSpec));`],
      },
    ],
  };
  return {
    file: CLIENT_FILE,
    statements: [
      ...imports.structures(),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: [`From ${model.specFile}; \`${resolve}\` (src/lib/config.ts) adds the credentials.`],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: "clientSpec", initializer: `${literal(spec)} as const` }],
      },
      cls,
    ],
  };
}

/** A scheme as `clientSpec.auth` lists it: its kind and what the credentials are sent to. */
function schemeSpec(scheme: SecuritySchemeModel): Record<string, unknown> {
  switch (scheme.kind) {
    case "clientCredentials":
      return { type: scheme.kind, tokenURL: scheme.tokenURL, scopes: scheme.scopes };
    case "apiKey":
      return { type: scheme.kind, in: "header", name: scheme.header };
    default:
      return { type: scheme.kind };
  }
}
