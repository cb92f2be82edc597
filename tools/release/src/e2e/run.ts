import { execFile, execFileSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientPackages, commandPackages, publishedPackages, readJson } from "../workspace.ts";
import {
  compileConsumer,
  installConsumer,
  runConsumer,
  writeConsumer,
  writeReadmeSnippets,
} from "./consumer.ts";
import { MCP_BIN, runMcpCheck } from "./mcp.ts";
import { CommandError, run, stopAll } from "./proc.ts";
import { installVerdaccio, type Registry, startVerdaccio, VERDACCIO_VERSION } from "./verdaccio.ts";
import { copyWorkTree } from "./workspace-copy.ts";

/**
 * The release, end to end, in temporary folders only:
 * 1. copy the work tree, install it offline, add a patch changeset and run the real `pnpm version-packages`;
 * 2. start Verdaccio on 127.0.0.1 and run the real `pnpm release` (build + `changeset publish`) against it;
 * 3. in a fresh npm project, install the clients (published packages with a spec) from it, compile a strict consumer under `nodenext`
 *    and `bundler`, and run it as ESM and as CommonJS;
 * 4. with the clients, install the published packages that have a command (the MCP server), and run `sso-mcp`
 *    from there over stdio against a fake.
 * Verdaccio and every child are killed at the end, on failure and on SIGINT/SIGTERM.
 */
export async function runE2e(root: string, options: { keep: boolean }): Promise<number> {
  const started = Date.now();
  // From the workspace: every published packages/* (one `fixed` changesets group), and those made from a spec.
  const published = publishedPackages(root);
  const clients = clientPackages(root);
  // The packages with a command (the MCP server) are installed next to the clients, with what their check imports.
  const commands = commandPackages(root);
  const mcp = commands.find((p) => MCP_BIN in p.bins);
  const tmp = mkdtempSync(join(tmpdir(), "sso-release-e2e-"));
  let registry: Registry | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      await stopAll();
      if (!options.keep) await removeDir(tmp);
    })();
    return cleaning;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nrelease:e2e: ${signal}, stopping every process it started and removing ${tmp}`);
    void cleanup()
      .catch((error: unknown) => console.error(`release:e2e: cleanup: ${(error as Error).message}`))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const step = async <T>(title: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    process.stdout.write(`release:e2e: ${title} ...`);
    try {
      const result = await work();
      process.stdout.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      return result;
    } catch (error) {
      process.stdout.write(" FAILED\n");
      throw error;
    }
  };

  // npm's cache and user config live in the temporary folder too: nothing is written to $HOME.
  const npmrc = join(tmp, "npmrc");
  writeFileSync(npmrc, "fund=false\naudit=false\nupdate-notifier=false\n");
  const uplink = npmRegistry(root);
  const baseEnv: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    CI: "true",
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    npm_config_cache: join(tmp, "npm-cache"),
    npm_config_userconfig: npmrc,
  };
  const work = join(tmp, "workspace");
  const consumer = join(tmp, "consumer");

  try {
    console.log(`release:e2e: temporary folder ${tmp}${options.keep ? " (kept)" : ""}`);
    // Verdaccio installs while the copy is prepared; its time shows in the "waiting" step below.
    const verdaccioReady = installVerdaccio(join(tmp, "verdaccio"), {
      ...baseEnv,
      npm_config_registry: uplink,
    });
    verdaccioReady.catch(() => {});

    await step("copying the work tree", async () => {
      mkdirSync(work);
      copyWorkTree(root, work);
    });
    // Not --frozen-lockfile: the copy mirrors the work tree as it is (CI's own install step checks the
    // lockfile); offline first, from the store `pnpm install` filled.
    await step("pnpm install --offline in the copy", async () => {
      try {
        await run("pnpm", ["install", "--no-frozen-lockfile", "--offline"], { cwd: work, env: baseEnv });
      } catch {
        await run("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"], {
          cwd: work,
          env: baseEnv,
        });
      }
    });
    // The gate in `version-packages` reads specs through @sso/codegen's built entry (which imports @sso/core's),
    // and the copy has no dist/: it is not part of the work tree.
    await step(
      "building @sso/codegen and what it imports in the copy (the gate reads specs through it)",
      async () => {
        await run("pnpm", ["--filter", "@sso/codegen...", "run", "build"], { cwd: work, env: baseEnv });
      },
    );
    await step("git snapshot of the copy (changesets tags releases)", async () => {
      const git = (...args: string[]) =>
        run(
          "git",
          [
            "-c",
            "user.name=release-e2e",
            "-c",
            "user.email=release-e2e@localhost",
            "-c",
            "commit.gpgsign=false",
            ...args,
          ],
          {
            cwd: work,
            env: baseEnv,
          },
        );
      await git("init", "-q", "-b", "main");
      await git("add", "-A");
      await git("commit", "-q", "-m", "release e2e snapshot");
    });
    const first = published[0];
    if (!first) throw new Error("no published package in packages/*");
    const before = versionOf(work, first.id);
    await step("pnpm version-packages (with a patch changeset for every package)", async () => {
      const frontmatter = published.map((p) => `"${p.name}": patch`).join("\n");
      writeFileSync(join(work, ".changeset", "release-e2e.md"), `---\n${frontmatter}\n---\n\nRelease e2e.\n`);
      await run("pnpm", ["version-packages"], { cwd: work, env: baseEnv });
    });
    const version = versionOf(work, first.id);
    for (const p of published) {
      if (versionOf(work, p.id) !== version)
        throw new Error(`${p.name} is ${versionOf(work, p.id)}, not ${version}: the fixed group broke`);
    }
    if (version === before) throw new Error(`changeset version did not bump ${before}`);
    console.log(`release:e2e: versioned ${before} -> ${version}`);

    await step(
      `waiting for npm to install Verdaccio ${VERDACCIO_VERSION} into the temporary folder`,
      () => verdaccioReady,
    );
    registry = await step("starting Verdaccio on 127.0.0.1", () =>
      startVerdaccio(join(tmp, "verdaccio"), uplink, baseEnv),
    );
    const host = registry.url.replace(/^http:/, "");
    appendFileSync(npmrc, `registry=${registry.url}\n${host}:_authToken=release-e2e-anonymous\n`);
    const registryEnv = { ...baseEnv, npm_config_registry: registry.url };
    const url = registry.url;

    await step("pnpm release (build + changeset publish) to Verdaccio", async () => {
      await run("pnpm", ["release"], { cwd: work, env: registryEnv, timeoutMs: 8 * 60_000 });
    });
    await step("checking what the registry serves", async () => {
      for (const { name } of published) {
        const response = await fetch(`${url}${name.replace("/", "%2f")}`);
        if (!response.ok) throw new Error(`${name} is not on the registry (${response.status})`);
        const meta = (await response.json()) as { "dist-tags"?: { latest?: string } };
        if (meta["dist-tags"]?.latest !== version) {
          throw new Error(`${name}: latest is ${meta["dist-tags"]?.latest}, expected ${version}`);
        }
      }
    });

    const installed = [...clients, ...commands.map((p) => p.name)];
    const builds = writeConsumer(consumer, version, clients, {
      ...Object.fromEntries(commands.map((p) => [p.name, version])),
      ...(mcp ? { "@modelcontextprotocol/sdk": mcpSdkVersion(root) } : {}),
    });
    await step(`npm install ${version} of ${installed.join(", ")} in a fresh project`, () =>
      installConsumer(consumer, registryEnv),
    );
    await step("checking the installed packages (files whitelist, version in the User-Agent)", async () => {
      checkInstalled(
        consumer,
        version,
        published.map((p) => p.name),
        clients,
      );
    });
    const snippets =
      writeReadmeSnippets(consumer, clients) +
      writeReadmeSnippets(
        consumer,
        commands.map((p) => p.name),
        "readme-commands",
        ["DOM"],
      );
    await step(
      `tsc: strict consumer under nodenext (ESM + CommonJS) and bundler, and ${snippets} README snippets`,
      () => compileConsumer(consumer, registryEnv),
    );
    for (const build of builds) {
      const output = await step(`running the ${build.name} build against the fake servers`, () =>
        runConsumer(consumer, build, registryEnv),
      );
      for (const line of output.trimEnd().split("\n")) console.log(`    ${line}`);
    }
    if (mcp) {
      const output = await step(`running ${MCP_BIN} from the installed ${mcp.name} against a fake`, () =>
        runMcpCheck(consumer, registryEnv),
      );
      console.log(`    ${output.trim()}`);
    }
    console.log(`release:e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`release:e2e: ${(error as Error).message}`);
    if (error instanceof CommandError) console.error(tail(error.output, 120));
    if (registry) console.error(`--- verdaccio log ---\n${tail(registry.log(), 40)}`);
    return 1;
  } finally {
    await registry?.stop();
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/**
 * Each installed package holds only package.json, README.md, CHANGELOG.md, LICENSE, dist/ and the launchers its
 * `bin` names (bin/, so that pnpm links them in the workspace before a build); its changelog
 * has the released version's entry (changesets wrote it); each client's bundle carries the released version in
 * its User-Agent (so `pnpm version-packages` rewrote src/version.ts after versioning).
 */
function checkInstalled(
  consumer: string,
  version: string,
  published: readonly string[],
  clients: readonly string[],
) {
  for (const p of published) {
    const dir = join(consumer, "node_modules", ...p.split("/"));
    const files = listFiles(dir);
    const manifest = readJson(join(dir, "package.json")) as { bin?: Record<string, string> };
    const bins = Object.values(manifest.bin ?? {}).map((target) => target.replace(/^\.\//, ""));
    const stray = files.filter(
      (f) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+)$/.test(f) && !bins.includes(f),
    );
    if (stray.length > 0) throw new Error(`${p} ships files outside its whitelist: ${stray.join(", ")}`);
    for (const needed of [
      "README.md",
      "CHANGELOG.md",
      "LICENSE",
      "dist/index.js",
      "dist/index.cjs",
      "dist/index.d.ts",
      "dist/index.d.cts",
      ...bins,
    ]) {
      if (!files.includes(needed)) throw new Error(`${p} does not ship ${needed}`);
    }
    if (!readFileSync(join(dir, "CHANGELOG.md"), "utf8").includes(`\n## ${version}\n`)) {
      throw new Error(`${p}@${version}: CHANGELOG.md has no "## ${version}" entry`);
    }
    // The User-Agent is `${packageName}/${VERSION}`, built at run time from the two constants in the bundle.
    const bundle = clients.includes(p) ? readFileSync(join(dir, "dist", "index.js"), "utf8") : "";
    if (clients.includes(p) && !(bundle.includes(`"${p}"`) && bundle.includes(`VERSION = "${version}"`))) {
      throw new Error(
        `${p}@${version}: dist/index.js does not carry "${p}" and VERSION "${version}" (User-Agent)`,
      );
    }
  }
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

/** The environment without the `npm_*` variables a `pnpm run` parent sets, which npm would warn about. */
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/**
 * Removes a folder (with `rm -rf` where there is one: several times faster than Node's recursive rm on a
 * pnpm node_modules), retrying while a process that was just killed may still be closing files in it.
 */
async function removeDir(dir: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) =>
        execFile("rm", ["-rf", dir], (error) => (error ? reject(error) : resolve())),
      ).catch(() => rm(dir, { recursive: true, force: true }));
      if (!existsSync(dir)) return;
    } catch (error) {
      if (attempt >= 10) throw new Error(`could not remove ${dir}: ${(error as Error).message}`);
    }
    if (attempt >= 10) throw new Error(`could not remove ${dir}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The MCP SDK version the server pins, so the consumer's MCP client is the one the server was tested with. */
function mcpSdkVersion(root: string): string {
  const deps = readJson(join(root, "packages", "mcp", "package.json")).dependencies as Record<string, string>;
  const version = deps["@modelcontextprotocol/sdk"];
  if (!version) throw new Error("packages/mcp/package.json does not depend on @modelcontextprotocol/sdk");
  return version;
}

function versionOf(workspace: string, id: string): string {
  return (
    JSON.parse(readFileSync(join(workspace, "packages", id, "package.json"), "utf8")) as { version: string }
  ).version;
}

/** The registry npm uses here: Verdaccio's uplink for third-party packages such as openapi-fetch. */
function npmRegistry(root: string): string {
  try {
    const url = execFileSync("npm", ["config", "get", "registry"], {
      cwd: root,
      encoding: "utf8",
      env: inheritedEnv(),
    }).trim();
    return url.endsWith("/") ? url : `${url}/`;
  } catch {
    return "https://registry.npmjs.org/";
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
