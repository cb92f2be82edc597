#!/usr/bin/env node
// Runs the generator from its TypeScript sources, so `pnpm generate` needs no build step first. The sources are
// transpiled (TypeScript's transpileModule: types erased, `.ts` specifiers rewritten) once per content hash into
// node_modules/.cache/sso-codegen/<hash>/ and plain Node imports them from there: no loader hooks, so the heavy
// dependencies load at full speed. Should that fail (say, a read-only node_modules), tsx runs the sources as before.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const srcDir = join(packageDir, "src");
const require = createRequire(import.meta.url);

/** Bump when the transpile settings below change, so old cache entries are not reused. */
const CACHE_FORMAT = "1";

shareTypeScript();
let cli;
try {
  cli = compiled();
} catch (error) {
  if (process.env.SSO_CODEGEN_DEBUG) console.error(error);
}
const { main } = cli ? await import(pathToFileURL(cli).href) : await viaTsx();
process.exitCode = await main(process.argv.slice(2), { srcDir });

async function viaTsx() {
  const { register } = await import("tsx/esm/api");
  register();
  return import("../src/cli.ts");
}

/** The transpiled `cli.js`, compiling the sources into the cache first if this content has not been seen. */
function compiled() {
  const files = readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(srcDir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
  const texts = files.map((file) => readFileSync(join(srcDir, file), "utf8"));
  const typescriptVersion = require("typescript/package.json").version;
  const hash = createHash("sha256").update(`${CACHE_FORMAT}\0${typescriptVersion}\0`);
  for (const [i, file] of files.entries()) hash.update(`${file.split(sep).join("/")}\0${texts[i]}\0`);
  const cacheDir = join(packageDir, "node_modules", ".cache", "sso-codegen", hash.digest("hex").slice(0, 24));
  const entry = join(cacheDir, "cli.js");
  if (existsSync(entry)) return entry;

  const ts = require("typescript");
  const temp = `${cacheDir}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  try {
    writeFile(join(temp, "package.json"), '{ "type": "module" }\n');
    for (const [i, file] of files.entries()) {
      const { outputText } = ts.transpileModule(texts[i], {
        fileName: join(srcDir, file),
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
          rewriteRelativeImportExtensions: true,
        },
      });
      writeFile(join(temp, file.replace(/\.ts$/, ".js")), outputText);
    }
    // Complete or absent: the directory appears in one rename. A concurrent run may have won the race.
    renameSync(temp, cacheDir);
  } catch (error) {
    if (!existsSync(entry)) throw error;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return entry;
}

function writeFile(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * ts-morph bundles its own TypeScript (6.0) next to the one openapi-typescript imports (this package's
 * `typescript`); loading both costs a few hundred milliseconds. The generator only prints structures with
 * ts-morph, so its copy is pointed at the shared one. The golden tests (which run without this) and
 * `--check` (which runs with it) both compare with the committed output.
 */
function shareTypeScript() {
  let typescript;
  try {
    typescript = require.resolve("typescript");
  } catch {
    return;
  }
  const bundled = `${sep}@ts-morph${sep}common${sep}dist${sep}ts-morph-common.js`;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (request === "./typescript" && parent?.filename?.endsWith(bundled)) return typescript;
    return resolve.call(this, request, parent, ...rest);
  };
}
