import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command (and its children) after this many ms. */
  timeoutMs?: number;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** Processes started here that may still run: stopped on exit, error or signal. */
const live = new Set<ChildProcess>();

/** Every process below `roots`, from the kernel's process table (`/proc`, else `ps`). */
export function descendants(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  const add = (pid: number, ppid: number) => children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        add(Number(entry), ppid);
      } catch {} // exited meanwhile
    }
  } catch {
    const table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
    for (const line of table.trim().split("\n")) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid !== undefined && ppid !== undefined) add(pid, ppid);
    }
  }
  const out: number[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const kid of children.get(pid) ?? []) {
      out.push(kid);
      queue.push(kid);
    }
  }
  return out;
}

/** Sends a signal to a process and everything it started, found before any of them dies. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  signalAll([child.pid, ...descendants([child.pid])], signal);
}

function signalAll(pids: number[], signal: NodeJS.Signals) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {} // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops every process started here and all their descendants (turbo starts its tasks in their own process
 * groups, so a group kill is not enough): SIGTERM, up to `graceMs` to exit, then SIGKILL.
 */
export async function stopAll(graceMs = 3_000): Promise<void> {
  const roots = [...live].map((c) => c.pid).filter((pid): pid is number => pid !== undefined);
  const pids = [...roots, ...descendants(roots)];
  live.clear();
  if (pids.length === 0) return;
  signalAll(pids, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  signalAll(pids.filter(alive), "SIGKILL");
  // SIGKILL is delivered asynchronously: wait until they are gone so no one writes to the temp folder later.
  const killDeadline = Date.now() + 5_000;
  while (Date.now() < killDeadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 50));
}

/** Starts a long-running process in its own group; the caller stops it with `killTree`. */
export function start(command: string, args: string[], options: RunOptions): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  live.add(child);
  child.on("exit", () => live.delete(child));
  return child;
}

/** Runs a command to completion; rejects with its combined output when it fails or times out. */
export function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = start(command, args, options);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timeoutMs = options.timeoutMs ?? 5 * 60_000;
    const timer = setTimeout(() => {
      killTree(child, "SIGKILL");
      reject(new CommandError(`${command} ${args.join(" ")} timed out after ${timeoutMs / 1000} s`, output));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new CommandError(`${command} ${args.join(" ")}: ${error.message}`, output));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else {
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        reject(new CommandError(`${command} ${args.join(" ")} failed (${why}) in ${options.cwd}`, output));
      }
    });
  });
}
