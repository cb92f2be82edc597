import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./proc.ts";

/** The packages a user installs; `@sso/core` comes along as their dependency. */
export const CLIENTS = ["@sso/cloudflare", "@sso/logto", "@sso/keycard"] as const;

/**
 * A consumer as an application developer writes it. The same source is compiled as an ES module (`.mts`),
 * as CommonJS (`.cts`) and under `moduleResolution: bundler`, and each build is run.
 * Until the generated clients and the fake servers exist it only loads every entry point.
 */
export const CONSUMER_SOURCE = `import * as cloudflare from "@sso/cloudflare";
import * as cloudflareTesting from "@sso/cloudflare/testing";
import * as keycard from "@sso/keycard";
import * as keycardTesting from "@sso/keycard/testing";
import * as logto from "@sso/logto";
import * as logtoTesting from "@sso/logto/testing";

async function main(): Promise<void> {
  const format = typeof require === "function" ? "commonjs" : "esm";
  const entries = { cloudflare, cloudflareTesting, logto, logtoTesting, keycard, keycardTesting };
  for (const [name, module] of Object.entries(entries)) {
    console.log(\`\${format} \${name}: loaded (\${Object.keys(module).length} exports)\`);
  }
  console.log(\`\${format} ok\`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

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

/** Writes a fresh npm project in `dir` that depends on the published clients at `version`. */
export function writeConsumer(dir: string, version: string): ConsumerBuild[] {
  mkdirSync(join(dir, "src"), { recursive: true });
  const manifest = {
    name: "sso-release-e2e-consumer",
    private: true,
    dependencies: Object.fromEntries([
      ...CLIENTS.map((name) => [name, version]),
      ["typescript", "5.9.3"],
      ["@types/node", "20.19.25"],
    ]),
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, "src", "main.mts"), CONSUMER_SOURCE);
  writeFileSync(join(dir, "src", "main.cts"), CONSUMER_SOURCE);
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

export async function compileConsumer(dir: string, env: NodeJS.ProcessEnv) {
  const tsc = join(dir, "node_modules", "typescript", "bin", "tsc");
  for (const config of ["tsconfig.nodenext.json", "tsconfig.bundler.json"]) {
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
