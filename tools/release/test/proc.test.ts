import { describe, expect, it } from "vitest";
import { descendants, run, start, stopAll } from "../src/e2e/proc.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("e2e process control", () => {
  it("stops a child and a grandchild that left its process group (as turbo's tasks do)", async () => {
    // The child starts a detached grandchild in a new process group, prints its pid and waits.
    const script = `
      const { spawn } = require("node:child_process");
      const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
      console.log(grandchild.pid);
      setInterval(() => {}, 1000);
    `;
    const child = start(process.execPath, ["-e", script], { cwd: process.cwd() });
    const grandchild = await new Promise<number>((resolve) =>
      child.stdout?.once("data", (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    expect(descendants([child.pid!])).toContain(grandchild);
    await stopAll(1_000);
    expect(alive(child.pid!)).toBe(false);
    expect(alive(grandchild)).toBe(false);
  });

  it("rejects with the command's output when it fails", async () => {
    await expect(
      run(process.execPath, ["-e", "console.log('boom'); process.exit(3)"], { cwd: process.cwd() }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("exit code 3"),
      output: "boom\n",
    });
  });

  it("kills a command that runs past its timeout", async () => {
    await expect(
      run(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { cwd: process.cwd(), timeoutMs: 300 }),
    ).rejects.toThrow(/timed out after 0.3 s/);
  });
});
