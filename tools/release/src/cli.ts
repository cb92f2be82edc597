import { parseArgs } from "node:util";
import { staleApiBaselines, writeApiBaselines } from "./api/baseline.ts";
import { writeBaselines } from "./baseline.ts";
import { bumpReason } from "./bump.ts";
import { diffPackage, type PackageDiff, writeChangesets } from "./changeset.ts";
import { runGate } from "./gate.ts";
import { staleVersionFiles, writeVersionFiles } from "./version-file.ts";
import { findRoot, specPackages } from "./workspace.ts";

const USAGE = `sso-release <command>

  changeset [--force]   write .changeset/spec-<id>-<hash>.md for every spec that differs from its release
  gate                  exit 1 when a spec change has no pending changeset with at least the computed bump
  diff                  print the classified changes of every spec since its release
  baseline [--check]    record the current specs, API reports and versions as released (run by \`pnpm version-packages\`)
  api-report [--check]  write packages/*/etc/*.api.md from the built .d.ts (--check: exit 1 when one is stale)
  e2e [--keep]          publish every package to a local Verdaccio and use it from a fresh npm project

Options: --root <dir> (default: the nearest folder with a pnpm-workspace.yaml)`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      force: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  try {
    const root = findRoot(values.root);
    switch (command) {
      case "changeset":
        return await changeset(root, values.force);
      case "gate":
        return await gate(root);
      case "diff":
        return await diff(root);
      case "baseline":
        return await baseline(root, values.check);
      case "api-report": {
        const { apiReports } = await import("./api/extract.ts");
        const result = apiReports(root, { check: values.check });
        for (const line of result.lines) (result.ok ? console.log : console.error)(line);
        return result.ok ? 0 : 1;
      }
      case "e2e": {
        const { runE2e } = await import("./e2e/run.ts");
        return await runE2e(root, { keep: values.keep });
      }
      default:
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    console.error(`sso-release ${command}: ${(error as Error).message}`);
    return 1;
  }
}

async function changeset(root: string, force: boolean): Promise<number> {
  const diffs = await diffAll(root);
  const result = writeChangesets(root, diffs, { force });
  for (const d of diffs) {
    if (!d.bump || !d.severity) {
      console.log(`${d.pkg.name}: no spec changes since ${d.releasedVersion ?? "(no baseline)"}`);
      continue;
    }
    console.log(`${d.pkg.name}: ${d.lines.length} change(s), ${bumpReason(d.severity, d.pkg.version)}`);
  }
  for (const file of result.written) console.log(`wrote   ${file}`);
  for (const file of result.kept)
    console.log(`kept    ${file} (already written for this diff; --force rewrites it)`);
  for (const file of result.removed) console.log(`removed ${file} (its diff is out of date)`);
  if (result.written.length > 0)
    console.log("Review the wording, then commit the changeset with the spec change.");
  return 0;
}

async function gate(root: string): Promise<number> {
  const result = await runGate(root);
  for (const line of result.lines) (result.ok ? console.log : console.error)(line);
  return result.ok ? 0 : 1;
}

async function diff(root: string): Promise<number> {
  for (const d of await diffAll(root)) {
    console.log(
      `${d.pkg.name} (${d.pkg.spec} since ${d.releasedVersion ?? "no baseline"}): ${d.bump ?? "no changes"}`,
    );
    for (const line of d.lines) console.log(`  - [${line.severity}] ${line.text}`);
  }
  return 0;
}

async function baseline(root: string, check: boolean): Promise<number> {
  const pkgs = specPackages(root);
  if (check) {
    const stale = (await diffAll(root)).filter((d) => d.changes.length > 0).map((d) => d.pkg);
    for (const pkg of stale) console.error(`${pkg.baseline} differs from ${pkg.spec}`);
    const staleApi = staleApiBaselines(root);
    for (const file of staleApi) console.error(`${file} differs from the current API report`);
    const staleVersions = staleVersionFiles(root);
    for (const file of staleVersions) console.error(`${file} does not hold its package's version`);
    return stale.length === 0 && staleApi.length === 0 && staleVersions.length === 0 ? 0 : 1;
  }
  const changed = [...writeBaselines(root, pkgs), ...writeApiBaselines(root), ...writeVersionFiles(root)];
  for (const file of changed) console.log(`wrote ${file}`);
  if (changed.length === 0) console.log("baselines already match the specs and API reports");
  return 0;
}

/** Every package's diff, one spec after another. */
async function diffAll(root: string): Promise<PackageDiff[]> {
  const diffs: PackageDiff[] = [];
  for (const pkg of specPackages(root)) diffs.push(await diffPackage(root, pkg));
  return diffs;
}
