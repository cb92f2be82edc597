import { join } from "node:path";
import { publishedPackages, readJson } from "../workspace.ts";

/** One public entry point of a published package, and where its API report lives. */
export interface ApiEntry {
  /** `@sso/logto` or `@sso/logto/testing`. */
  label: string;
  /** Absolute package folder. */
  dir: string;
  /** `packages/logto`. */
  relativeDir: string;
  /** The package's name. */
  name: string;
  /** The built declaration file the entry's `exports` point at. */
  dts: string;
  /** `logto` or `logto-testing`: the report is `etc/<reportName>.api.md`. */
  reportName: string;
}

/** The `.` and `./testing` entries of every published package, from each package's `exports` (ESM types). */
export function publishedEntries(root: string): ApiEntry[] {
  const out: ApiEntry[] = [];
  for (const pkg of publishedPackages(root)) {
    const exports = readJson(join(pkg.dir, "package.json")).exports;
    const record = (typeof exports === "object" && exports !== null ? exports : {}) as Record<
      string,
      unknown
    >;
    for (const [subpath, suffix] of [
      [".", ""],
      ["./testing", "-testing"],
    ] as const) {
      const types = importTypes(record[subpath]);
      if (!types) continue;
      out.push({
        label: subpath === "." ? pkg.name : `${pkg.name}/testing`,
        dir: pkg.dir,
        relativeDir: `packages/${pkg.id}`,
        name: pkg.name,
        dts: join(pkg.dir, types),
        reportName: `${pkg.id}${suffix}`,
      });
    }
  }
  return out;
}

/** `exports[subpath].import.types`, the declaration an ESM consumer compiles against. */
function importTypes(target: unknown): string | undefined {
  if (typeof target !== "object" || target === null) return undefined;
  const imports = (target as Record<string, unknown>).import;
  if (typeof imports !== "object" || imports === null) return undefined;
  const types = (imports as Record<string, unknown>).types;
  return typeof types === "string" ? types : undefined;
}
