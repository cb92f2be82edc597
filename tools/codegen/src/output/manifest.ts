/**
 * The no-op fast path of `sso-codegen generate`: a manifest per package, kept out of the repository in
 * `node_modules/.cache/sso-codegen/`, with the sha256 of everything the last generation read (the generator
 * itself, the spec and every file it `$ref`s, the package name, the formatter settings) and of every file it
 * wrote (for the README, only the marked section). When all of them still match, generating again would change
 * nothing and is skipped. Anything else runs the full generation. `--check` never takes this shortcut.
 *
 * Node built-ins only: this module is on the fast path.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { compare } from "../json.js";
import { GENERATED_DIR, readmeSectionOf } from "./readme.js";

/** The manifest's key for the README: only the marked section is generated, the prose around it is not. */
const README_KEY = "README.md#operations";

export interface Manifest {
  /** sha256 of the generator and the runtime facts it reads. */
  readonly generator: string;
  /** Input file (relative to the repo root) -> sha256: the spec, the files it `$ref`s, package.json, biome.json. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Output path relative to the package directory -> sha256 (`README.md#operations`: the marked section). */
  readonly outputs: Readonly<Record<string, string>>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Where a package's manifest lives: its own `node_modules/.cache`, never committed. */
export function manifestPath(packageDir: string): string {
  return join(packageDir, "node_modules", ".cache", "sso-codegen", "manifest.json");
}

/** What the manifest records for one output file, or undefined if the file cannot be what we wrote. */
function outputHash(path: string, content: string | Uint8Array): string | undefined {
  if (path !== "README.md") return sha256(content);
  const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
  const section = readmeSectionOf(text);
  return section === undefined ? undefined : sha256(section);
}

/** sha256 over every file under the given directories (sorted relative paths and their bytes). */
export async function treeHash(dirs: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of dirs) {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort(compare);
    for (const file of files) {
      hash.update(`${relative(dir, file).split(sep).join("/")}\0${sha256(await readFile(file))}\n`);
    }
  }
  return hash.digest("hex");
}

export async function hashInputs(root: string, files: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    [...files].sort(compare).map(async (file) => {
      const bytes = await readFile(join(root, file)).catch(() => undefined);
      return [file, bytes === undefined ? "missing" : sha256(bytes)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export async function writeManifest(packageDir: string, manifest: Manifest): Promise<void> {
  const path = manifestPath(packageDir);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temp, path);
}

export function manifestFor(
  generator: string,
  inputs: Record<string, string>,
  files: ReadonlyArray<{ path: string; content: string }>,
): Manifest {
  const outputs: Record<string, string> = {};
  for (const { path, content } of [...files].sort((a, b) => compare(a.path, b.path))) {
    const hash = outputHash(path, content);
    if (hash !== undefined) outputs[path === "README.md" ? README_KEY : path] = hash;
  }
  return { generator, inputs, outputs };
}

/** Where a package stands, as seen without generating anything. */
export interface Freshness {
  readonly fresh: boolean;
  /** Why not, for messages and tests. */
  readonly reason?: string;
}

/**
 * Whether one package's output is exactly what its manifest says the current inputs produced: the generator
 * hash and every input hash match, every listed output has its recorded hash, and `src/generated/` holds
 * nothing else.
 */
export async function checkFreshness(
  root: string,
  packageDir: string,
  generator: string,
): Promise<Freshness> {
  const text = await readFile(manifestPath(packageDir), "utf8").catch(() => undefined);
  if (text === undefined) return { fresh: false, reason: "no manifest" };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    return { fresh: false, reason: "unreadable manifest" };
  }
  if (manifest.generator !== generator) return { fresh: false, reason: "generator changed" };
  const inputs = await hashInputs(root, Object.keys(manifest.inputs ?? {}));
  const changedInput = Object.keys(inputs).find((file) => inputs[file] !== manifest.inputs[file]);
  if (changedInput || Object.keys(inputs).length === 0) {
    return { fresh: false, reason: `${changedInput ?? "inputs"} changed` };
  }
  const outputs = Object.entries(manifest.outputs ?? {});
  const checks = await Promise.all(
    outputs.map(async ([key, hash]) => {
      const path = key === README_KEY ? "README.md" : key;
      const bytes = await readFile(join(packageDir, path)).catch(() => undefined);
      return bytes !== undefined && outputHash(path, bytes) === hash;
    }),
  );
  const changed = outputs.find((_, i) => !checks[i]);
  if (changed) return { fresh: false, reason: `${changed[0]} differs` };
  const listed = new Set(outputs.map(([key]) => key));
  const present = await readdir(join(packageDir, GENERATED_DIR), {
    withFileTypes: true,
    recursive: true,
  }).catch(() => []);
  for (const entry of present) {
    if (!entry.isFile()) continue;
    const path = relative(packageDir, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (!listed.has(path)) return { fresh: false, reason: `${path} is not generated` };
  }
  return { fresh: true };
}
