import { join } from "node:path";
import type { FakeEndpoints } from "../scenario/types.js";
import { start } from "./child.js";
import { ENTRIES, RUNTIMES_DIR } from "./toolchain.js";

/** Fakes running in a process of their own, in some runtime. */
export interface FakeHost {
  endpoints: FakeEndpoints;
  /** The runtime the fakes run in, as the host reported it. */
  runtime: string;
  stop(): Promise<void>;
}

/** How the table names the runtime a host reported. */
const DISPLAY: Record<string, string> = { node: "Node", deno: "Deno", bun: "Bun" };

/** Hangs only: a host that prints nothing for this long is broken, however slow the machine. */
const HOST_START_MS = 60_000;

/** Starts `entries/fake-host.js` with `command args...` (node, `deno run ...`, bun) and reads its endpoints. */
export async function startHost(command: string, args: readonly string[] = []): Promise<FakeHost> {
  const child = start(command, [...args, join(ENTRIES, "fake-host.js")], RUNTIMES_DIR);
  let parsed: FakeEndpoints & { host: { runtime: string; version: string } };
  try {
    parsed = JSON.parse(await child.line("ENDPOINTS ", HOST_START_MS)) as typeof parsed;
  } catch (error) {
    await child.stop();
    throw error;
  }
  const { host, ...endpoints } = parsed;
  return {
    endpoints,
    runtime: `${DISPLAY[host.runtime] ?? host.runtime} ${host.version}`,
    async stop() {
      await fetch(`${endpoints.control}/shutdown`, { method: "POST" }).catch(() => undefined);
      const timer = setTimeout(() => void child.stop(), 5_000);
      await child.exited;
      clearTimeout(timer);
    },
  };
}
