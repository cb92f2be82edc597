import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./proc.ts";

/**
 * What the consumer does with each client it knows: the imports and one async function named after the
 * package's folder (`cloudflare()`), using the pinned public API against the package's fake server. A client
 * not listed here (a provider added later) still gets a generic block: its entry and `/testing` entry import,
 * and its fake starts and stops.
 */
const SCENARIOS: Record<string, { imports: string; body: string }> = {
  cloudflare: {
    imports: `import { Cloudflare, NotFoundError } from "@sso/cloudflare";
import { startFakeServer as startCloudflare } from "@sso/cloudflare/testing";`,
    body: `async function cloudflare(): Promise<void> {
  const fake = await startCloudflare();
  try {
    const cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL, maxRetries: 0 });
    const created = await cf.iam.sso.create({ account_id: fake.accountId, email_domain: "acme.example" });
    const id: string = created.id ?? "";
    const emails: string[] = [];
    for await (const connector of cf.iam.sso.list({ account_id: fake.accountId })) {
      emails.push(connector.email_domain ?? "");
    }
    check(emails.includes("acme.example"), "cloudflare list misses the new connector");
    const updated = await cf.iam.sso.update(id, { account_id: fake.accountId, enabled: true });
    check(updated.enabled === true, "cloudflare update did not enable");
    const deleted = await cf.iam.sso.delete(id, { account_id: fake.accountId });
    check(deleted?.id === id, "cloudflare delete answered another id");
    try {
      await cf.iam.sso.get(id, { account_id: fake.accountId });
      check(false, "cloudflare get of a deleted connector succeeded");
    } catch (error) {
      check(error instanceof NotFoundError && error.status === 404, \`cloudflare get threw \${String(error)}\`);
    }
    console.log(\`\${format} cloudflare: created, listed, enabled and deleted \${id} (\${created.email_domain})\`);
  } finally {
    await fake.close();
  }
}
`,
  },
  logto: {
    imports: `import { APIError as LogtoAPIError, Logto, type SsoConnectorWithProviderConfig } from "@sso/logto";
import { startFakeServer as startLogto } from "@sso/logto/testing";`,
    body: `async function logto(): Promise<void> {
  const fake = await startLogto();
  try {
    const client = new Logto({ endpoint: fake.baseURL, clientId: fake.clientId, clientSecret: fake.clientSecret });
    const providers = (await client.ssoConnectorProviders.list()).items;
    const created = await client.ssoConnectors.create({ providerName: "OIDC", connectorName: "Acme OIDC" });
    const names: string[] = [];
    for await (const connector of client.ssoConnectors.list({ page_size: 20 })) {
      const typed: SsoConnectorWithProviderConfig = connector;
      names.push(typed.connectorName);
    }
    check(names.includes("Acme OIDC"), "logto list misses the new connector");
    await client.ssoConnectors.delete(created.id);
    try {
      await client.ssoConnectors.get(created.id);
      check(false, "logto get of a deleted connector succeeded");
    } catch (error) {
      check(error instanceof LogtoAPIError && error.status === 404, \`logto get threw \${String(error)}\`);
    }
    console.log(\`\${format} logto: \${providers.length} providers; created, listed and deleted \${created.id}\`);
  } finally {
    await fake.close();
  }
}
`,
  },
  keycard: {
    imports: `import { Keycard, type SSOConnection } from "@sso/keycard";
import { startFakeServer as startKeycard } from "@sso/keycard/testing";`,
    body: `async function keycard(): Promise<void> {
  const fake = await startKeycard();
  try {
    const client = new Keycard({ clientId: fake.clientId, clientSecret: fake.clientSecret, baseURL: fake.baseURL });
    const enabled: SSOConnection = await client.organizations.ssoConnection.enable(fake.organizationId, {
      identifier: "https://idp.acme.example",
      client_id: "keycard-acme",
    });
    const read = await client.organizations.ssoConnection.retrieve(fake.organizationId);
    check(read.identifier === "https://idp.acme.example", "keycard retrieve answered another identifier");
    await client.organizations.ssoConnection.disable(fake.organizationId);
    console.log(\`\${format} keycard: enabled, retrieved and disabled \${enabled.id} (\${enabled.identifier})\`);
  } finally {
    await fake.close();
  }
}
`,
  },
};

/** `@sso/acme` -> `acme`: the folder name, which names the block's function. */
function idOf(name: string): string {
  return name.replace(/^@sso\//, "");
}

/** An identifier made from a folder name: `my-idp` -> `my_idp`. */
function identifier(id: string): string {
  return id.replace(/[^A-Za-z0-9_$]/g, "_");
}

function genericBlock(name: string): { imports: string; body: string } {
  const id = identifier(idOf(name));
  return {
    imports: `import * as ${id}Package from "${name}";
import { startFakeServer as start_${id} } from "${name}/testing";`,
    body: `async function ${id}(): Promise<void> {
  check(Object.keys(${id}Package).length > 0, "${name} exports nothing");
  const fake = await start_${id}();
  await fake.close();
  console.log(\`\${format} ${name}: imported, its fake started and stopped\`);
}
`,
  };
}

/**
 * A consumer as an application developer writes it, against each client's fake server. The same source is
 * compiled as an ES module (`.mts`), as CommonJS (`.cts`) and under `moduleResolution: bundler`, and each build
 * is run. Every client's `NotFoundError` must be the same class (one shared `@sso/core`, no dual-package hazard
 * within a format).
 */
export function consumerSource(clients: readonly string[]): string {
  const blocks = clients.map((name) => SCENARIOS[idOf(name)] ?? genericBlock(name));
  const errorImports = clients.map(
    (name, i) => `import { NotFoundError as NotFoundError${i} } from "${name}";`,
  );
  const sameClass = clients
    .slice(1)
    .map(
      (name, i) =>
        `  check(NotFoundError${i + 1} === NotFoundError0, "NotFoundError differs between ${clients[0]} and ${name}");`,
    );
  return `${blocks.map((b) => b.imports).join("\n")}
${errorImports.join("\n")}

const format: string = typeof require === "function" ? "commonjs" : "esm";

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(\`\${format}: \${what}\`);
}

${blocks.map((b) => b.body).join("\n")}
async function main(): Promise<void> {
${sameClass.join("\n")}
${clients.map((name) => `  await ${identifier(idOf(name))}();`).join("\n")}
  console.log(\`\${format} ok\`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  // The point is to type-check what we publish, declarations included.
  skipLibCheck: false,
  target: "ES2022",
  lib: ["ES2022"],
  types: ["node"],
  rootDir: "src",
};

export interface ConsumerBuild {
  /** What the build is called in the log. */
  name: string;
  /** The compiled file to run with node. */
  entry: string;
}

/**
 * Writes a fresh npm project in `dir` that depends on the published clients at `version`, and on `also` (name ->
 * version: the MCP server and what its check imports); the consumer program uses the clients.
 */
export function writeConsumer(
  dir: string,
  version: string,
  clients: readonly string[],
  also: Readonly<Record<string, string>> = {},
): ConsumerBuild[] {
  mkdirSync(join(dir, "src"), { recursive: true });
  const manifest = {
    name: "sso-release-e2e-consumer",
    private: true,
    dependencies: Object.fromEntries([
      ...clients.map((name) => [name, version]),
      ...Object.entries(also),
      ["typescript", "5.9.3"],
      ["@types/node", "20.19.25"],
    ]),
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const source = consumerSource(clients);
  writeFileSync(join(dir, "src", "main.mts"), source);
  writeFileSync(join(dir, "src", "main.cts"), source);
  const tsconfig = (options: object, files: string[]) =>
    `${JSON.stringify({ compilerOptions: { ...STRICT, ...options }, files }, null, 2)}\n`;
  writeFileSync(
    join(dir, "tsconfig.nodenext.json"),
    tsconfig({ module: "nodenext", moduleResolution: "nodenext", outDir: "out/nodenext" }, [
      "src/main.mts",
      "src/main.cts",
    ]),
  );
  writeFileSync(
    join(dir, "tsconfig.bundler.json"),
    tsconfig(
      { module: "esnext", moduleResolution: "bundler", verbatimModuleSyntax: true, outDir: "out/bundler" },
      ["src/main.mts"],
    ),
  );
  return [
    { name: "nodenext ESM", entry: "out/nodenext/main.mjs" },
    { name: "nodenext CommonJS", entry: "out/nodenext/main.cjs" },
    { name: "bundler ESM", entry: "out/bundler/main.mjs" },
  ];
}

/** `npm install` from the registry, with npm's own config and cache kept inside the temporary folder. */
export async function installConsumer(dir: string, env: NodeJS.ProcessEnv) {
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock"], {
    cwd: dir,
    env,
    timeoutMs: 4 * 60_000,
  });
}

/**
 * Every `ts` code block of each installed package's README (the published one) as a module of its own, with a
 * noEmit tsconfig (`tsconfig.<folder>.json`): what users copy from npm must compile against what they installed.
 * `lib` adds libraries: the MCP SDK's own declarations name DOM types (`HeadersInit`), so the MCP server's
 * snippets compile with `DOM` as well.
 */
export function writeReadmeSnippets(
  dir: string,
  packages: readonly string[],
  folder = "readme",
  lib: readonly string[] = [],
): number {
  mkdirSync(join(dir, folder), { recursive: true });
  let count = 0;
  for (const name of packages) {
    const readme = readFileSync(join(dir, "node_modules", name, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    blocks.forEach((block, index) => {
      writeFileSync(
        join(dir, folder, `${name.replace("@sso/", "")}-${index + 1}.mts`),
        `${block}\nexport {};\n`,
      );
      count++;
    });
  }
  if (count === 0) return 0;
  const options = {
    ...STRICT,
    lib: [...STRICT.lib, ...lib],
    module: "nodenext",
    moduleResolution: "nodenext",
    noEmit: true,
    rootDir: folder,
  };
  writeFileSync(
    join(dir, `tsconfig.${folder}.json`),
    `${JSON.stringify({ compilerOptions: options, include: [`${folder}/*.mts`] }, null, 2)}\n`,
  );
  return count;
}

export async function compileConsumer(dir: string, env: NodeJS.ProcessEnv) {
  const tsc = join(dir, "node_modules", "typescript", "bin", "tsc");
  const readmes = readdirSync(dir).filter((f) => /^tsconfig\.readme.*\.json$/.test(f));
  for (const config of ["tsconfig.nodenext.json", "tsconfig.bundler.json", ...readmes.sort()]) {
    await run(process.execPath, [tsc, "-p", config], { cwd: dir, env, timeoutMs: 2 * 60_000 });
  }
}

export async function runConsumer(
  dir: string,
  build: ConsumerBuild,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const output = await run(process.execPath, [build.entry], { cwd: dir, env, timeoutMs: 60_000 });
  if (!/\b(esm|commonjs) ok\b/.test(output))
    throw new Error(`${build.name} consumer did not finish:\n${output}`);
  return output;
}
