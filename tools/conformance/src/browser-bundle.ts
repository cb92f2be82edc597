/**
 * Bundles one import for the browser with rolldown (the bundler under tsdown). A workspace package's
 * specifier is resolved through its package.json `exports` with the conditions a browser bundler uses, in the
 * map's own order (`browser`, `import`, `default`), and its `dist/*.js` is read from its `src/*.ts`, so the
 * check does not depend on a fresh build. Used to prove that `@sso/<p>/testing` resolves, in a browser, to a
 * module that throws one clear error and pulls in no Node built-in.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface BrowserBundle {
  code: string;
  /** Every warning rolldown gave (an unresolved `node:` import shows up here). */
  warnings: string[];
  /** The files that went into the bundle. */
  modules: string[];
}

interface RolldownLike {
  rolldown(options: Record<string, unknown>): Promise<{
    generate(options: { format: "esm" }): Promise<{ output: Array<{ code?: string; moduleIds?: string[] }> }>;
    close(): Promise<void>;
  }>;
}

const BROWSER_CONDITIONS = new Set(["browser", "import", "default"]);

/** rolldown, found through tsdown (a root dev dependency), so no package needs its own copy. */
async function loadRolldown(): Promise<RolldownLike> {
  const fromHere = createRequire(import.meta.url);
  const fromTsdown = createRequire(fromHere.resolve("tsdown"));
  return (await import(fromTsdown.resolve("rolldown"))) as RolldownLike;
}

/** The first target of an exports entry whose condition a browser bundler matches. */
function conditionalTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (typeof entry !== "object" || entry === null) return undefined;
  for (const [condition, value] of Object.entries(entry)) {
    if (!BROWSER_CONDITIONS.has(condition)) continue;
    const target = conditionalTarget(value);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** `@sso/x/sub` -> the file its `exports["./sub"]` names for a browser, read from `src/` when built into `dist/`. */
function resolveWorkspaceSpecifier(specifier: string, cwd: string): string | undefined {
  const match = /^(@[^/]+\/[^/]+)(\/.*)?$/.exec(specifier);
  if (!match) return undefined;
  const [, name, sub] = match as unknown as [string, string, string | undefined];
  let manifest: string;
  try {
    manifest = createRequire(join(cwd, "package.json")).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports?: Record<string, unknown> })
    .exports;
  const target = conditionalTarget(exports?.[`.${sub ?? ""}`]);
  if (target === undefined) return undefined;
  const file = join(dirname(manifest), target);
  const source = file.replace(/\/dist\/(.+)\.(?:js|mjs)$/, "/src/$1.ts");
  return existsSync(source) ? source : file;
}

/** Bundles `import * as m from "<specifier>"` for the browser, resolving from `cwd` (a package directory). */
export async function browserBundle(specifier: string, cwd: string): Promise<BrowserBundle> {
  const { rolldown } = await loadRolldown();
  const warnings: string[] = [];
  const entry = join(cwd, "__browser_entry__.js");
  const bundle = await rolldown({
    input: entry,
    cwd,
    platform: "browser",
    onLog: (_level: string, log: { message: string }) => {
      warnings.push(log.message);
    },
    plugins: [
      {
        name: "browser-entry",
        resolveId(id: string) {
          if (id === entry) return id;
          return resolveWorkspaceSpecifier(id, cwd);
        },
        load(id: string) {
          return id === entry
            ? `import * as m from ${JSON.stringify(specifier)};\nconsole.log(m);\n`
            : undefined;
        },
      },
    ],
  });
  try {
    const { output } = await bundle.generate({ format: "esm" });
    const chunk = output[0];
    return { code: chunk?.code ?? "", warnings, modules: chunk?.moduleIds ?? [] };
  } finally {
    await bundle.close();
  }
}
