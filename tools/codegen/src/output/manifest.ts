/**
 * `src/generated/.manifest.json`: what one package's output was made from (the generator sources, the spec bytes,
 * the package name and version) and the sha256 of every file the generator wrote. `sso-codegen generate` reads it
 * before loading Redocly, openapi-typescript or ts-morph: when every input and every output still matches, there is
 * nothing to do. Anything else (a spec edit, a generator edit, a version bump, a hand-edited or missing or extra
 * generated file, a missing or unreadable manifest) means the full generation runs and rewrites what differs.
 * `--check` never takes this shortcut.
 *
 * Node built-ins only: this module is on the fast path.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Everything in a package's `src/generated/` is the generator's. */
export const GENERATED_DIR = "src/generated";
export const MANIFEST_FILE = ".manifest.json";
export const README_START = "<!-- operations:start -->";
export const README_END = "<!-- operations:end -->";
/** The manifest's key for the README: only the marked section is generated, the prose around it is not. */
export const README_KEY = "README.md#operations";

/** `tools/codegen/src`, when running from the sources (tsx, vitest); the bin passes it explicitly. */
export const DEFAULT_SRC_DIR = fileURLToPath(new URL("..", import.meta.url));

export interface Manifest {
  /** sha256 of the generator: every file under `tools/codegen/src` and the dependencies of its package.json. */
  generator: string;
  /** The package fields that reach the output (the user agent, the package name in docs). */
  package: { name: string; version: string };
  /** Spec path relative to the repo root -> sha256 of its bytes. */
  spec: Record<string, string>;
  /** Path relative to the package directory -> sha256 (`README.md#operations`: the marked section only). */
  outputs: Record<string, string>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The README's generated section, markers included, located as `patchReadme` locates it. */
export function readmeSectionOf(readme: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END, start);
  return start < 0 || end < 0 ? undefined : readme.slice(start, end + README_END.length);
}

/** What the manifest records for one output file, or undefined if the file cannot be what we wrote. */
export function outputHash(path: string, content: string | Uint8Array): string | undefined {
  if (path !== "README.md") return sha256(content);
  const section = readmeSectionOf(
    typeof content === "string" ? content : Buffer.from(content).toString("utf8"),
  );
  return section === undefined ? undefined : sha256(section);
}

/**
 * sha256 over the generator's own sources (sorted relative paths and their bytes) and the `dependencies` of
 * `tools/codegen/package.json`, whose exact versions decide what openapi-typescript and ts-morph print.
 */
export async function generatorHash(srcDir: string = DEFAULT_SRC_DIR): Promise<string> {
  const entries = await readdir(srcDir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) =>
      relative(srcDir, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join("/"),
    )
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0${sha256(await readFile(join(srcDir, file)))}\n`);
  }
  const pkg = JSON.parse(await readFile(join(srcDir, "..", "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  hash.update(`package.json#dependencies\0${JSON.stringify(pkg.dependencies ?? {})}\n`);
  return hash.digest("hex");
}

/** The manifest text for a package's output files (paths relative to the package directory). */
export function manifestText(
  generator: string,
  pkg: { name: string; version: string },
  specFile: string,
  specText: string,
  files: ReadonlyArray<{ path: string; content: string }>,
): string {
  const outputs: Record<string, string> = {};
  for (const { path, content } of [...files].sort((a, b) => compare(a.path, b.path))) {
    const hash = outputHash(path, content);
    if (hash !== undefined) outputs[path === "README.md" ? README_KEY : path] = hash;
  }
  const manifest: Manifest = {
    generator,
    package: { name: pkg.name, version: pkg.version },
    spec: { [specFile]: sha256(specText) },
    outputs,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Where a package stands, as seen without generating anything. */
export interface Freshness {
  fresh: boolean;
  /** Why not, for `--verbose`-style messages and tests. */
  reason?: string;
}

/**
 * Whether one package's output is exactly what the manifest says the current inputs produced: the generator hash,
 * spec bytes, package name and version match, every listed output has its recorded hash, and `src/generated/`
 * holds nothing else.
 */
export async function checkFreshness(
  packageDir: string,
  specPath: string,
  specFile: string,
  generator: string,
): Promise<Freshness> {
  const generatedDir = GENERATED_DIR;
  const read = (path: string) => readFile(path).catch(() => undefined);
  const [manifestBytes, specBytes, pkgBytes] = await Promise.all([
    read(join(packageDir, generatedDir, MANIFEST_FILE)),
    read(specPath),
    read(join(packageDir, "package.json")),
  ]);
  if (!manifestBytes) return { fresh: false, reason: "no manifest" };
  if (!specBytes || !pkgBytes) return { fresh: false, reason: "missing input" };
  let manifest: Manifest;
  let pkg: { name?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
    pkg = JSON.parse(pkgBytes.toString("utf8")) as typeof pkg;
  } catch {
    return { fresh: false, reason: "unreadable manifest or package.json" };
  }
  if (manifest.generator !== generator) return { fresh: false, reason: "generator changed" };
  if (manifest.package?.name !== pkg.name || manifest.package?.version !== pkg.version) {
    return { fresh: false, reason: "package name or version changed" };
  }
  if (Object.keys(manifest.spec ?? {}).join() !== specFile || manifest.spec[specFile] !== sha256(specBytes)) {
    return { fresh: false, reason: "spec changed" };
  }
  const outputs = Object.entries(manifest.outputs ?? {});
  const checks = await Promise.all(
    outputs.map(async ([key, hash]) => {
      const path = key === README_KEY ? "README.md" : key;
      const bytes = await read(join(packageDir, path));
      return bytes !== undefined && outputHash(path, bytes) === hash;
    }),
  );
  const changed = outputs.find((_, i) => !checks[i]);
  if (changed) return { fresh: false, reason: `${changed[0]} differs` };
  const listed = new Set([`${generatedDir}/${MANIFEST_FILE}`, ...outputs.map(([key]) => key)]);
  const present = await readdir(join(packageDir, generatedDir), {
    withFileTypes: true,
    recursive: true,
  }).catch(() => []);
  for (const entry of present) {
    if (!entry.isFile()) continue;
    const path = relative(packageDir, join(entry.parentPath ?? entry.path, entry.name))
      .split(sep)
      .join("/");
    if (!listed.has(path)) return { fresh: false, reason: `${path} is not generated` };
  }
  return { fresh: true };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
