import { join } from "node:path";
import type { RuntimeReport } from "../scenario/types.js";
import { bundle } from "./bundle.js";
import { start, tail } from "./child.js";
import { runInChromium } from "./chromium.js";
import { fakesAnswerCors, withCorsShim } from "./cors-shim.js";
import { type FakeHost, startHost } from "./host.js";
import { DENO_RUN, ENTRIES, RUNTIMES_DIR, tool } from "./toolchain.js";

/** One row of the matrix: where the scenario runs and where the fakes run. */
export interface MatrixRow {
  id: string;
  /** Where the clients run. */
  clients: string;
  /** Where the fakes run. */
  fakes: string;
  run(): Promise<{ report: RuntimeReport; fakesRuntime: string }>;
}

/** Hangs only: a scenario that has not finished after this long is stuck, however slow the machine. */
const SCENARIO_MS = 180_000;

const node20 = () => ({ command: process.execPath, args: [] as string[] });
const node22 = () => ({ command: tool("node"), args: [] as string[] });
const bun = () => ({ command: tool("bun"), args: [] as string[] });
const deno = () => ({ command: tool("deno"), args: DENO_RUN });

type Runtime = () => { command: string; args: string[] };

/** Runs `scenario-cli.js` in a runtime and reads its report. */
async function cliScenario(runtime: Runtime, host: FakeHost): Promise<RuntimeReport> {
  const { command, args } = runtime();
  const child = start(
    command,
    [...args, join(ENTRIES, "scenario-cli.js"), JSON.stringify(host.endpoints)],
    RUNTIMES_DIR,
  );
  try {
    return JSON.parse(await child.line("RESULT ", SCENARIO_MS)) as RuntimeReport;
  } finally {
    await child.stop();
  }
}

/** Runs the Worker bundle in workerd through Miniflare, under Node 22. */
async function workerScenario(host: FakeHost): Promise<RuntimeReport> {
  const script = await bundle("worker");
  const child = start(
    tool("node"),
    [join(RUNTIMES_DIR, "dist", "matrix", "miniflare-runner.js"), script, JSON.stringify(host.endpoints)],
    RUNTIMES_DIR,
  );
  try {
    return JSON.parse(await child.line("RESULT ", SCENARIO_MS)) as RuntimeReport;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${tail(child.output())}`);
  } finally {
    await child.stop();
  }
}

async function withHost(
  runtime: Runtime,
  scenario: (host: FakeHost) => Promise<RuntimeReport>,
): Promise<{ report: RuntimeReport; fakesRuntime: string }> {
  const { command, args } = runtime();
  const host = await startHost(command, args);
  try {
    return { report: await scenario(host), fakesRuntime: host.runtime };
  } finally {
    await host.stop();
  }
}

/**
 * Chromium against fakes in Node 20: directly when the fakes answer CORS, else through the harness's CORS shim,
 * which the table then names next to the fakes' runtime.
 */
async function chromiumRow(): Promise<{ report: RuntimeReport; fakesRuntime: string }> {
  const host = await startHost(node20().command);
  try {
    if (await fakesAnswerCors(host.endpoints)) {
      return { report: await runInChromium(host.endpoints), fakesRuntime: host.runtime };
    }
    const shim = await withCorsShim(host.endpoints);
    try {
      return {
        report: await runInChromium(shim.endpoints),
        fakesRuntime: `${host.runtime} (via a CORS shim)`,
      };
    } finally {
      await shim.close();
    }
  } finally {
    await host.stop();
  }
}

/** Every row, in the order of the README's table. */
export const ROWS: readonly MatrixRow[] = [
  {
    id: "node20",
    clients: "Node 20",
    fakes: "Node 20",
    run: () => withHost(node20, (h) => cliScenario(node20, h)),
  },
  {
    id: "node22",
    clients: "Node 22",
    fakes: "Node 20",
    run: () => withHost(node20, (h) => cliScenario(node22, h)),
  },
  { id: "bun", clients: "Bun", fakes: "Node 20", run: () => withHost(node20, (h) => cliScenario(bun, h)) },
  { id: "deno", clients: "Deno", fakes: "Node 20", run: () => withHost(node20, (h) => cliScenario(deno, h)) },
  {
    id: "workerd",
    clients: "Cloudflare Worker (workerd via Miniflare)",
    fakes: "Node 20",
    run: () => withHost(node20, workerScenario),
  },
  {
    id: "chromium",
    clients: "Chromium (headless)",
    fakes: "Node 20",
    run: () => chromiumRow(),
  },
  {
    id: "fakes-deno",
    clients: "Node 20",
    fakes: "Deno",
    run: () => withHost(deno, (h) => cliScenario(node20, h)),
  },
  {
    id: "fakes-bun",
    clients: "Node 20",
    fakes: "Bun",
    run: () => withHost(bun, (h) => cliScenario(node20, h)),
  },
];
