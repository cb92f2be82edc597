import { type ClassDeclarationStructure, StructureKind } from "ts-morph";
import type { ApiModel } from "../ir/types.ts";
import { Imports } from "./imports.ts";
import { childProperty, type FileStructures } from "./resources.ts";
import { docText, printValue } from "./text.ts";
import { SCHEMA_FILE } from "./types-file.ts";

export const CLIENT_FILE = "client.ts";
/** The hand-written module each package provides next to `src/generated/`. */
export const CONFIG_FILE = "../lib/config.ts";

/**
 * The client class. Credentials are not templated here: the spec says which schemes the API accepts
 * (`clientSpec.auth`), and the package's hand-written `src/lib/config.ts` decides which options and
 * environment variables supply them (see the comment there).
 */
export function clientFile(model: ApiModel): FileStructures {
  const { client } = model;
  const imports = new Imports(CLIENT_FILE);
  const optionsType = imports.type(CONFIG_FILE, `${client.className}Options`);
  const resolve = imports.value(CONFIG_FILE, "resolveClientConfig");
  const spec = [
    `/** From ${model.specFile}; \`${resolve}\` (src/lib/config.ts) adds the credentials. */`,
    `export const clientSpec = ${specLiteral(model)};`,
  ].join("\n");
  const example = [
    `import { ${client.className} } from "${client.packageName}";`,
    "",
    `const client = new ${client.className}(); // credentials from the environment, see ${client.className}Options`,
  ].join("\n");
  const description = [client.title, client.description].filter(Boolean).join("\n\n");
  const cls = {
    kind: StructureKind.Class,
    isExported: true,
    name: client.className,
    // `paths` types `client.raw`, an openapi-fetch client over this client's transport.
    extends: `${imports.value("@sso/core/internal", "BaseClient")}<${imports.type(SCHEMA_FILE, "paths")}>`,
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
  } satisfies ClassDeclarationStructure;
  return { file: CLIENT_FILE, statements: [...imports.structures(), spec, cls] };
}

/** As text: a multi-line initializer in a VariableStatement structure would get a hanging indent. */
function specLiteral(model: ApiModel): string {
  const { client } = model;
  return [
    "{",
    `  defaultBaseURL: ${JSON.stringify(client.defaultBaseURL)},`,
    ...(client.envelope ? [`  envelope: ${JSON.stringify(client.envelope)},`] : []),
    // Keyed by scheme name: an operation's `security` names the schemes, config.ts supplies their providers.
    `  auth: ${printValue(Object.fromEntries(client.auth.map(({ scheme, ...kind }) => [scheme, kind])), "  ")},`,
    "  /** The package version at generate time: `pnpm version-packages` regenerates. */",
    `  userAgent: ${JSON.stringify(client.userAgent)},`,
    "} as const",
  ].join("\n");
}
