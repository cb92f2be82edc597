/**
 * 7. MCP server start-up: wall time of a fresh `sso-mcp` process (the snapshot's `@sso/mcp`) until it has done
 * what a client first asks, with credentials set for all three providers (no request reaches an API: listing
 * tools sends none). `--list-tools` runs to its exit; the stdio row spawns the server, sends `initialize`,
 * `notifications/initialized` and `tools/list` as newline-delimited JSON-RPC, and stops the clock when the tool
 * list arrives. `node -e 0` is the floor. Rounds alternate the three.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../context.ts";
import { fmtInt, fmtRatio, fmtSeconds, missingRow, okRow, type Section } from "../report.ts";
import { rows } from "../rows.ts";
import { snapshotPackageDir } from "../snapshot.ts";
import { alternate, median, ratioSpread } from "../stats.ts";

const labels = rows.mcp;
const GOAL_SECONDS = 1;
const GOAL = `tools/list answered < ${GOAL_SECONDS} s after spawn`;

/** Credentials of the right shape: the clients are built, but nothing is sent anywhere. */
const ENV = {
  PATH: process.env.PATH ?? "",
  CLOUDFLARE_API_TOKEN: "bench-token",
  LOGTO_ENDPOINT: "http://127.0.0.1:9",
  LOGTO_CLIENT_ID: "bench",
  LOGTO_CLIENT_SECRET: "bench-secret",
  KEYCARD_API_CLIENT_ID: "bench",
  KEYCARD_API_CLIENT_SECRET: "bench-secret",
};

const bin = () => join(snapshotPackageDir("mcp"), "dist", "bin.js");

function timeExit(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env: ENV, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`node ${args.join(" ")}: exit ${run.status}: ${run.stderr.slice(-300)}`);
  return seconds;
}

/** Seconds from spawn to the `tools/list` answer, and how many tools it listed. */
function timeToToolList(): Promise<{ seconds: number; tools: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin()], { env: ENV, stdio: ["pipe", "pipe", "ignore"] });
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => fail(new Error("no tools/list answer within 120 s")), 120_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`sso-mcp exited (${code}) before answering`)));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
        const message = JSON.parse(buffered.slice(0, end)) as { id?: number; result?: { tools?: unknown[] } };
        buffered = buffered.slice(end + 1);
        if (message.id === 1) {
          send({ jsonrpc: "2.0", method: "notifications/initialized" });
          send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
        } else if (message.id === 2) {
          const seconds = (performance.now() - started) / 1000;
          clearTimeout(timer);
          child.removeAllListeners("exit");
          child.once("exit", () => resolve({ seconds, tools: message.result?.tools?.length ?? 0 }));
          child.stdin.end();
        }
      }
    });
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "bench", version: "0" },
      },
    });
  });
}

export async function mcpSuite(ctx: Context): Promise<Section> {
  const section: Section = {
    id: "mcp",
    title: "7. MCP server start-up (sso-mcp)",
    method:
      "Wall time of a fresh `node dist/bin.js` of the built `@sso/mcp` (the run's snapshot) with credentials set " +
      "for all three providers (nothing is sent to any API): `--list-tools` to its exit, and over stdio from spawn " +
      "until the `tools/list` answer (after `initialize`). `node -e 0` is the floor. " +
      `${ctx.mode.mcp.rounds} alternating rounds after a warm-up; medians.`,
    columns: ["median", "vs node -e 0", "tools"],
    rows: [],
  };
  if (!existsSync(bin())) {
    section.rows = Object.values(labels).map((label) =>
      missingRow(
        label,
        "sso",
        "n/a",
        "@sso/mcp is not built (pnpm build)",
        label === labels.stdio ? GOAL : undefined,
      ),
    );
    return section;
  }
  const tools: number[] = [];
  const tasks = [
    [labels.floor, async () => timeExit(["-e", "0"])],
    [labels.listTools, async () => timeExit([bin(), "--list-tools"])],
    [
      labels.stdio,
      async () => {
        const { seconds, tools: count } = await timeToToolList();
        tools.push(count);
        return seconds;
      },
    ],
  ] as const;
  if (!ctx.mode.quick) for (const [, run] of tasks) await run();
  ctx.log(`mcp: ${ctx.mode.mcp.rounds} round(s) × ${tasks.length} fresh processes`);
  const samples = await alternate(ctx.mode.mcp.rounds, tasks);
  const floor = samples.get(labels.floor) ?? [];
  section.rows = tasks.map(([label]) => {
    const times = samples.get(label) ?? [];
    const seconds = median(times);
    const ratio = label === labels.floor ? undefined : ratioSpread(times, floor).median;
    const row = okRow(
      label,
      "sso",
      {
        median: fmtSeconds(seconds),
        "vs node -e 0": ratio === undefined ? "1.00×" : fmtRatio(ratio),
        tools: label === labels.stdio ? fmtInt(median(tools)) : "",
      },
      {
        seconds,
        ...(ratio === undefined ? {} : { ratioToFloor: ratio }),
        ...(label === labels.stdio ? { tools: median(tools) } : {}),
      },
    );
    if (label === labels.stdio) {
      row.goal = GOAL;
      row.met = seconds < GOAL_SECONDS;
      row.measured = fmtSeconds(seconds);
    }
    return row;
  });
  return section;
}
