import { type ChildProcess, spawn } from "node:child_process";

/** A process the matrix started, with what it printed so far. */
export interface Child {
  readonly process: ChildProcess;
  output(): string;
  /** Resolves with the rest of a line starting with `prefix`, once printed; rejects if the process ends first. */
  line(prefix: string, timeoutMs: number): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still running. Only this child's own pid. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a program with stdin closed and its output captured; never via a shell. */
export function start(command: string, args: readonly string[], cwd: string): Child {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env });
  let text = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((resolve) => {
    child.once("close", (code) => {
      resolve(code);
      for (const listener of listeners) listener();
    });
    child.once("error", (error) => {
      text += `\n${error.message}`;
      resolve(null);
    });
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  return {
    process: child,
    output: () => text,
    exited,
    line(prefix, timeoutMs) {
      return new Promise<string>((resolve, reject) => {
        const look = () => {
          const found = text.split("\n").find((l) => l.startsWith(prefix));
          if (found !== undefined && text.includes(`${found}\n`)) {
            done();
            resolve(found.slice(prefix.length));
          } else if (ended) {
            done();
            reject(new Error(`${command} ended without printing ${prefix.trim()}:\n${tail(text)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${command} printed no ${prefix.trim()} within ${timeoutMs} ms:\n${tail(text)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(look);
        };
        listeners.add(look);
        look();
      });
    },
    async stop(graceMs = 3_000) {
      if (ended) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
