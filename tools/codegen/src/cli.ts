import { relative } from "node:path";
import { parseArgs } from "node:util";
import { createContext, findRoot, type GeneratorContext } from "./context.js";
import { hasMcpPackage, mcpPackageDir } from "./emit/mcp/target.js";
import { SpecError } from "./errors.js";
import { discoverSpecs, packageDirOf } from "./inputs.js";
import { generatorHash } from "./output/generator-hash.js";
import { checkFreshness, writeManifest } from "./output/manifest.js";
import type { Change } from "./output/write.js";

// Only Node built-ins and the light modules above are imported here: Redocly, openapi-typescript and ts-morph
// (through ./generate.ts) are imported when a generation actually runs, so `--help` and an up-to-date
// `generate` never load them.

const USAGE = `Usage: sso-codegen generate [--check] [--watch] [--spec NAME]... [--mcp]
       sso-codegen add-provider NAME [--client CLASS]

generate
  --spec NAME     generate specs/NAME.openapi.yaml into packages/NAME (repeatable; default: every spec, and
                  packages/mcp when it exists)
  --mcp           generate packages/mcp/src/generated (the MCP server's tools) from every spec
  --check         write nothing; exit 1 and list the files that differ from a fresh generation
  --watch         regenerate whenever a spec is saved

add-provider      write specs/NAME.openapi.yaml and packages/NAME (config, fake, test) for a new provider
  --client CLASS  the client's class name (default: NAME in PascalCase)`;

export interface MainOptions {
  /** Where to look for the repo root. @default process.cwd() */
  cwd?: string;
  /** The generator's code, hashed into the manifests. @default the directory the CLI runs from */
  codeDir?: string;
}

/** Entry point of `bin/sso-codegen.js`; returns the exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const command = args.positionals[0];
  if (command === "add-provider" && !args.values.help) return addProviderCommand(args, options);
  if (args.values.help || command !== "generate") {
    (args.values.help ? console.log : console.error)(USAGE);
    return args.values.help ? 0 : 2;
  }
  const ctx = createContext(
    findRoot(options.cwd ?? process.cwd()),
    options.codeDir ? { codeDir: options.codeDir } : {},
  );
  const available = await discoverSpecs(ctx);
  const everything = !args.values.spec?.length && !args.values.mcp;
  const names = args.values.spec?.length
    ? [...new Set(args.values.spec)].sort()
    : everything
      ? available
      : [];
  const mcp = args.values.mcp || (everything && hasMcpPackage(ctx)) ? available : [];
  const unknown = names.filter((name) => !available.includes(name));
  if (names.length + mcp.length === 0 || unknown.length > 0) {
    console.error(
      `sso-codegen: ${unknown.length > 0 ? `no spec ${unknown.join(", ")}` : "no specs"}: expected ` +
        `${ctx.specsDir}/<name>.openapi.yaml and ${ctx.packagesDir}/<name>/package.json` +
        (available.length > 0 ? ` (found: ${available.join(", ")})` : ""),
    );
    return 1;
  }
  if (args.values.watch) {
    const { watch } = await import("./watch.js");
    return watch(ctx, [...new Set([...names, ...mcp])], (n) =>
      run(
        ctx,
        n.filter((name) => names.includes(name)),
        false,
        mcp.length > 0 ? available : [],
      ),
    );
  }
  const check = args.values.check ?? false;
  if (!check && (await upToDate(ctx, names, mcp.length > 0))) return 0;
  return run(ctx, names, check, mcp);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: "boolean" },
      watch: { type: "boolean" },
      spec: { type: "string", multiple: true },
      mcp: { type: "boolean" },
      client: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function addProviderCommand(args: ReturnType<typeof parse>, options: MainOptions): Promise<number> {
  const [, id, ...extra] = args.positionals;
  if (!id || extra.length > 0) {
    console.error(`sso-codegen add-provider takes one provider name\n\n${USAGE}`);
    return 2;
  }
  const { addProvider, nextSteps } = await import("./scaffold/add-provider.js");
  try {
    const added = await addProvider(findRoot(options.cwd ?? process.cwd()), id, args.values.client);
    console.log(`${added.files.map((f) => `  wrote ${f}`).join("\n")}\n\n${nextSteps(added.names)}`);
    return 0;
  } catch (error) {
    console.error(`sso-codegen add-provider: ${(error as Error).message}`);
    return 1;
  }
}

/**
 * The fast path of `generate`: true (and says so) when every package's `.manifest.json` matches the current
 * inputs and outputs, so a generation would change nothing. Loads none of the generation modules.
 */
export async function upToDate(ctx: GeneratorContext, names: string[], mcp = false): Promise<boolean> {
  const started = performance.now();
  const generator = await generatorHash(ctx);
  const dirs = [...names.map((name) => packageDirOf(ctx, name)), ...(mcp ? [mcpPackageDir(ctx)] : [])];
  const states = await Promise.all(dirs.map((dir) => checkFreshness(ctx.root, dir, generator)));
  if (!states.every((s) => s.fresh)) return false;
  const ms = Math.round(performance.now() - started);
  console.log(
    `sso-codegen: ${label(names, mcp)} up to date (${ms} ms; inputs and outputs match the manifest)`,
  );
  return true;
}

/** What a run covers, for its messages: `cloudflare, logto` and `mcp`. */
function label(names: readonly string[], mcp: boolean): string {
  return [...names, ...(mcp ? ["mcp"] : [])].join(", ");
}

/**
 * One generation: plan in memory, then check or write. `mcp` names the specs `packages/mcp` is generated from
 * (none: it is left alone). Returns the exit code.
 */
export async function run(
  ctx: GeneratorContext,
  names: string[],
  check: boolean,
  mcp: readonly string[] = [],
): Promise<number> {
  const started = performance.now();
  const [{ plan }, { apply, diff }] = await Promise.all([
    import("./generate.js"),
    import("./output/write.js"),
  ]);
  let changes: Change[];
  let planned: Awaited<ReturnType<typeof plan>>;
  try {
    planned = await plan(ctx, names, mcp);
    changes = await diff(planned);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    console.error(
      `${error.message}\n\nsso-codegen: ${error.problems.length} problem(s); no file was changed.`,
    );
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  const list = changes.map((c) => `  ${c.kind.padEnd(6)} ${relative(ctx.root, c.path)}`).join("\n");
  if (check) {
    if (changes.length === 0) {
      console.log(`sso-codegen: ${label(names, mcp.length > 0)} up to date (${ms} ms)`);
      return 0;
    }
    console.error(`sso-codegen: generated output is stale; run \`pnpm generate\`:\n${list}`);
    return 1;
  }
  await apply(changes);
  await Promise.all(planned.manifests.map(({ packageDir, manifest }) => writeManifest(packageDir, manifest)));
  console.log(
    changes.length === 0
      ? `sso-codegen: ${label(names, mcp.length > 0)} unchanged (${ms} ms)`
      : `sso-codegen: ${label(names, mcp.length > 0)}: ${changes.length} file(s) changed (${ms} ms)\n${list}`,
  );
  return 0;
}
