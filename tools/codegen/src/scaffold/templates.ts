/**
 * The files `sso-codegen add-provider` writes for a new provider: a spec skeleton, the package with its
 * hand-owned `src/lib/config.ts`, `src/version.ts`, a fake server on the kit and an end-to-end test. Each is a
 * starting point the maintainer then owns; nothing here is regenerated.
 */

export interface Names {
  /** `acme`: the spec and package directory name. */
  readonly id: string;
  /** `Acme`: the client class. */
  readonly client: string;
  /** `@sso/acme`. */
  readonly pkg: string;
  /** `ACME`: the environment variables' prefix. */
  readonly env: string;
}

export function spec(n: Names): string {
  return `openapi: 3.1.0
info:
  title: ${n.client} API (SSO connectors)
  version: "1"
  summary: SSO connectors of ${n.client}.
  description: |
    What this spec covers and the vendor sources it follows: list them in specs/README.md before adding
    operations. Every operation says where it lands on the client (x-sdk-resource / x-sdk-method) or follows the
    naming rule of docs/spec-extensions.md.
  license:
    name: MIT
    identifier: MIT
x-sdk-client:
  name: ${n.client}
  package: "${n.pkg}"
servers:
  - url: https://api.${n.id}.example
security:
  - token: []
tags:
  - name: Connectors
    description: The SSO connectors of an account.
paths:
  /connectors:
    get:
      operationId: listConnectors
      summary: List SSO connectors
      description: Every connector, in one page.
      tags: [Connectors]
      x-sdk-resource: connectors
      x-sdk-method: list
      x-sdk-pagination: { style: single }
      responses:
        "200":
          description: The connectors.
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Connector" } }
              example: [{ id: c_1, domain: acme.example }]
        "401": { $ref: "#/components/responses/Unauthorized" }
    post:
      operationId: createConnector
      summary: Create an SSO connector
      description: Creates a connector for an email domain.
      tags: [Connectors]
      x-sdk-resource: connectors
      x-sdk-method: create
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/ConnectorCreateRequest" }
            example: { domain: acme.example }
      responses:
        "201":
          description: The new connector.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Connector" }
              example: { id: c_1, domain: acme.example }
        "401": { $ref: "#/components/responses/Unauthorized" }
components:
  securitySchemes:
    token: { type: http, scheme: bearer, description: An API token. }
  responses:
    Unauthorized:
      description: The token is missing or wrong.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/${n.client}Error" }
          example: { code: unauthorized, message: The token is missing or wrong. }
  schemas:
    Connector:
      type: object
      description: An SSO connector.
      example: { id: c_1, domain: acme.example }
      required: [id, domain]
      properties:
        id: { type: string, description: The connector's id., example: c_1 }
        domain: { type: string, description: The email domain it serves., example: acme.example }
    ConnectorCreateRequest:
      type: object
      description: Body of "Create an SSO connector".
      example: { domain: acme.example }
      required: [domain]
      properties:
        domain: { type: string, minLength: 1, description: The email domain it serves., example: acme.example }
    ${n.client}Error:
      type: object
      description: The API's error body.
      example: { code: not_found, message: Not found. }
      required: [code, message]
      properties:
        code: { type: string, description: A machine-readable code., example: not_found }
        message: { type: string, description: What went wrong., example: Not found. }
`;
}

export function packageJson(n: Names): string {
  const entry = (file: string) => ({
    import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
    require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
  });
  const pkg = {
    name: n.pkg,
    version: "0.0.0",
    description: `Typed, resilient client for ${n.client} SSO connectors.`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    engines: { node: ">=18" },
    repository: { type: "git", url: "git+https://github.com/sso-sdk/sso.git", directory: `packages/${n.id}` },
    exports: {
      ".": entry("index"),
      "./testing": {
        browser: { types: "./dist/testing/index.d.ts", default: "./dist/testing/browser.js" },
        ...entry("testing/index"),
      },
      "./package.json": "./package.json",
    },
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    typesVersions: { "*": { testing: ["./dist/testing/index.d.cts"] } },
    files: ["dist", "README.md", "CHANGELOG.md", "LICENSE"],
    scripts: {
      generate: `sso-codegen generate --spec ${n.id}`,
      build: "tsdown",
      typecheck: "tsc -p tsconfig.json",
      test: "vitest run",
    },
    dependencies: { "@sso/core": "workspace:*" },
    devDependencies: {
      "@sso/codegen": "workspace:*",
      "@sso/conformance": "workspace:*",
      "@types/node": "20.19.25",
    },
    publishConfig: { access: "public" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export const TSCONFIG = `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "types": ["node"] },
  "include": ["src", "test", "*.ts"]
}
`;

export const TSDOWN = `export { default } from "../../tsdown.base.js";\n`;

export const VITEST = `import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every test file gets the contract checker: violations collected during a test fail that test.
    setupFiles: ["test/support/setup.ts"],
    // Hang detectors, not speed checks: generous, so a busy machine does not fail a test.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
`;

export function readme(n: Names): string {
  return `# ${n.pkg}

A typed, resilient client for ${n.client} SSO connectors, generated from \`specs/${n.id}.openapi.yaml\`.

\`\`\`ts
import { ${n.client} } from "${n.pkg}";

const client = new ${n.client}({ apiToken: "..." }); // default: process.env.${n.env}_API_TOKEN
for await (const connector of client.connectors.list()) console.log(connector.domain);
\`\`\`

## Operations

<!-- operations:start -->
<!-- operations:end -->

## Testing: \`${n.pkg}/testing\`

\`startFakeServer()\` starts a stateful fake of the API on a free port of 127.0.0.1.
`;
}

export function changelog(n: Names): string {
  return `# ${n.pkg}\n`;
}

export function index(n: Names): string {
  return `/**
 * ${n.pkg}: the generated client and types (src/generated, from specs/${n.id}.openapi.yaml), its hand-written
 * configuration (src/lib) and the runtime users meet, re-exported from @sso/core.
 */
export * from "@sso/core";
export * from "./generated/index.js";
export type { ${n.client}Options } from "./lib/config.js";
`;
}

export function version(): string {
  return `/** This package's version, sent in the User-Agent. \`pnpm version-packages\` rewrites it; a test checks it matches package.json. */\nexport const VERSION = "0.0.0";\n`;
}

export function config(n: Names): string {
  return `/**
 * Where a ${n.client} client gets its credentials: hand-written policy, the one hand-written module the generated
 * client (src/generated/client.ts) imports. The spec says which schemes the API accepts (\`clientSpec.auth\`, by
 * name); this file decides which options and environment variables supply each.
 */
import {
  type AuthProvider,
  bearerAuth,
  type ClientConfig,
  type ClientOptions,
  InvalidArgumentError,
  missingCredential,
  parseLogLevel,
  readEnv,
} from "@sso/core/internal";
import type { clientSpec } from "../generated/client.js";
import { VERSION } from "../version.js";

export interface ${n.client}Options extends ClientOptions {
  /** An API token, sent as \`Authorization: Bearer\`. @default process.env.${n.env}_API_TOKEN */
  apiToken?: string;
  /** @default process.env.${n.env}_BASE_URL, else the spec's server */
  baseURL?: string;
}

/** Merges the options with their environment fallbacks; throws when there is no token. */
export function resolveClientConfig(options: ${n.client}Options, spec: typeof clientSpec): ClientConfig {
  const { apiToken = readEnv("${n.env}_API_TOKEN"), ...rest } = options;
  if (!apiToken) {
    throw new InvalidArgumentError(
      missingCredential("${n.client}: no API token", "Pass \`apiToken\` to \`new ${n.client}()\`", "${n.env}_API_TOKEN"),
    );
  }
  return {
    options: {
      ...rest,
      baseURL: rest.baseURL ?? readEnv("${n.env}_BASE_URL"),
      logLevel: rest.logLevel ?? parseLogLevel(readEnv("${n.env}_LOG")),
    },
    defaultBaseURL: spec.defaultBaseURL,
    userAgent: \`\${spec.packageName}/\${VERSION}\`,
    // Keyed by the spec's scheme names: a scheme renamed or added in the spec fails to compile here.
    auth: { token: bearerAuth(apiToken) } satisfies Record<keyof typeof spec.auth, AuthProvider>,
  };
}
`;
}

export function fake(n: Names): string {
  return `/**
 * \`${n.pkg}/testing\`: a stateful fake of the ${n.client} API on 127.0.0.1, on the kit of \`@sso/core/testing\`.
 * Its input checks come from the spec's generated schemas; write the business rules the schemas cannot say in
 * small handlers next to these ones.
 */
import {
  bearerToken,
  FakeError,
  type FakeHandler,
  type FakeHttpServer,
  type FakeServerOptions,
  FakeServerHandle,
  json,
  OperationGuard,
  Router,
  randomHex,
  safeEqual,
  startFakeHttpServer,
} from "@sso/core/testing";
import * as schemas from "../generated/json-schemas.js";
import type { components } from "../generated/schema.js";

type Connector = components["schemas"]["Connector"];
type ApiError = components["schemas"]["${n.client}Error"];

export interface ${n.client}FakeOptions extends FakeServerOptions {
  /** The token the fake accepts (default: random). */
  apiToken?: string;
}

const guard = new OperationGuard(schemas);

function fail(status: number, code: string, message: string): never {
  const body: ApiError = { code, message };
  throw new FakeError(json(status, body));
}

/** Helpers are arrow fields, so they work unbound (\`const { close } = fake\`). */
export class ${n.client}FakeServer extends FakeServerHandle {
  readonly apiToken: string;
  readonly #connectors: Connector[];

  constructor(server: FakeHttpServer, apiToken: string, connectors: Connector[]) {
    super(server);
    this.apiToken = apiToken;
    this.#connectors = connectors;
  }

  /** Copies of the stored connectors, oldest first. */
  readonly connectors = (): Connector[] => this.#connectors.map((c) => ({ ...c }));
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeServer(options: ${n.client}FakeOptions = {}): Promise<${n.client}FakeServer> {
  const apiToken = options.apiToken ?? randomHex(32);
  const connectors: Connector[] = [];
  const router = new Router<FakeHandler>()
    .on("GET", "/connectors", () => json(200, connectors))
    .on("POST", "/connectors", (request) => {
      const problems = guard.body("connectors.create", request.body);
      if (problems.length > 0) {
        fail(400, "invalid_request", problems.map((p) => \`\${p.path.join(".") || "body"} \${p.message}\`).join("; "));
      }
      const connector: Connector = { id: \`c_\${randomHex(12)}\`, domain: (request.body as { domain: string }).domain };
      return { ...json(201, connector), commit: () => void connectors.push(connector) };
    });
  const server = await startFakeHttpServer(
    {
      name: "${n.id}",
      router,
      authorize: (request) => {
        const token = bearerToken(request.header("authorization"));
        if (!token || !safeEqual(token, apiToken)) fail(401, "unauthorized", "The token is missing or wrong.");
      },
      notFound: () => json(404, { code: "not_found", message: "Not found." } satisfies ApiError),
      errorBody: (status) => ({ code: \`http_\${status}\`, message: \`Status \${status}.\` }) satisfies ApiError,
    },
    options,
  );
  return new ${n.client}FakeServer(server, apiToken, connectors);
}
`;
}

export function browser(n: Names): string {
  return `/** What \`${n.pkg}/testing\` resolves to in a browser bundle: the fake runs on node:http, so it says so. */
const MESSAGE =
  "${n.pkg}/testing starts a fake server on node:http and cannot run in a browser. Start it in Node and give the browser test its baseURL: the fake answers CORS.";

function refused(): never {
  throw new Error(MESSAGE);
}

refused();

export { refused as startFakeServer };
`;
}

export function e2e(n: Names): string {
  return `/** The generated client against its fake over real HTTP; every exchange is checked against the spec. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ${n.client} } from "../src/index.js";
import type { ${n.client}FakeServer } from "../src/testing/index.js";
import { startCheckedFake } from "./support/contract.js";

let fake: ${n.client}FakeServer;
let client: ${n.client};

beforeAll(async () => {
  fake = await startCheckedFake();
  client = new ${n.client}({ apiToken: fake.apiToken, baseURL: fake.baseURL, logLevel: "off" });
});
afterAll(() => fake.close());

it("creates a connector and lists it", async () => {
  const created = await client.connectors.create({ domain: "acme.example" });
  const listed = [];
  for await (const connector of client.connectors.list()) listed.push(connector);
  expect(listed).toEqual([created]);
  expect(fake.connectors()).toEqual([created]);
});
`;
}

export function contract(n: Names): string {
  return `import { ContractChecker } from "@sso/conformance";
import { type ${n.client}FakeOptions, type ${n.client}FakeServer, startFakeServer } from "../../src/testing/index.js";

/** Validates every exchange of every fake started through \`startCheckedFake\` against specs/${n.id}.openapi.yaml. */
export const contract = new ContractChecker("${n.id}");

/** \`startFakeServer\` with the contract checker plugged into \`onExchange\`. Use it in every test. */
export function startCheckedFake(options: ${n.client}FakeOptions = {}): Promise<${n.client}FakeServer> {
  return startFakeServer({
    ...options,
    onExchange: (exchange) => {
      contract.onExchange(exchange);
      options.onExchange?.(exchange);
    },
  });
}
`;
}

export const SETUP = `import { assertNoViolations } from "@sso/conformance";
import { afterEach } from "vitest";
import { contract } from "./contract.js";

// A request or response that breaks the spec fails the test during which it happened.
afterEach(() => {
  assertNoViolations(contract.take());
});
`;
