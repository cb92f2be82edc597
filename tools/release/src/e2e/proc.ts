import { type ChildProcess, spawn } from "node:child_process";

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

/** Processes started here that may still run: killed on exit, error or signal. */
const live = new Set<ChildProcess>();

/** Kills a process and everything it started (it leads its own process group). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function killAll() {
  for (const child of live) killTree(child, "SIGKILL");
  live.clear();
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
