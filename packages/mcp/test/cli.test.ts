/**
 * The `sso-mcp` flags, on the built bin: `--read-only` (reads only, writes refused), `--providers`, the tool
 * table of `--list-tools`, what happens without credentials, and Streamable HTTP on 127.0.0.1 behind `--http`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudflareEnv, type Fakes, logtoEnv, startFakes } from "./support/fakes.js";
import { BIN, connect } from "./support/server.js";

let fakes: Fakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(() => fakes?.close());

/** Runs the bin to its exit with only `env` (and PATH), as a terminal would. */
function run(args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("--read-only", () => {
  it("lists only the read tools and refuses a write without sending it", async () => {
    const server = await connect(fakes.env, ["--read-only"]);
    try {
      const { tools } = await server.client.listTools();
      expect(tools.length).toBe(10);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      expect(tools.map((t) => t.name)).toContain("cloudflare_iam_sso_list");
      fakes.cloudflare.clearExchanges();
      const result = await server.call("cloudflare_iam_sso_create", {
        account_id: fakes.cloudflare.accountId,
        email_domain: "readonly.example",
      });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toMatchObject({ error: { type: "ReadOnlyError" } });
      expect(fakes.cloudflare.exchanges).toEqual([]);
      const list = await server.call("cloudflare_iam_sso_list", { account_id: fakes.cloudflare.accountId });
      expect(list.isError).toBeFalsy();
      const { instructions } = { instructions: server.client.getInstructions() };
      expect(instructions).toMatch(/read-only/);
    } finally {
      await server.close();
    }
  });
});

describe("--providers", () => {
  it("serves only the providers named", async () => {
    const server = await connect(fakes.env, ["--providers", "cloudflare,logto"]);
    try {
      const { tools } = await server.client.listTools();
      expect(new Set(tools.map((t) => t.name.split("_")[0]))).toEqual(new Set(["cloudflare", "logto"]));
      expect(server.stderr()).toMatch(/26 tools of cloudflare, logto on stdio/);
    } finally {
      await server.close();
    }
  });

  it("serves, without the flag, every provider whose credentials are set and no other", async () => {
    const server = await connect(cloudflareEnv(fakes.cloudflare));
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name.split("_")[0])).toEqual(Array(8).fill("cloudflare"));
    } finally {
      await server.close();
    }
  });

  it("stops with the client's own message when a provider asked for has no credentials", () => {
    const { status, stderr } = run(["--providers", "cloudflare,keycard"], cloudflareEnv(fakes.cloudflare));
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /keycard: Keycard: no client ID\. .*KEYCARD_API_CLIENT_ID and KEYCARD_API_CLIENT_SECRET/,
    );
  });

  it("stops when a provider is half configured, rather than leaving it out", () => {
    const { status, stderr } = run([], {
      ...cloudflareEnv(fakes.cloudflare),
      LOGTO_ENDPOINT: fakes.logto.baseURL,
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/logto: Logto: no client ID/);
  });

  it("refuses an unknown provider", () => {
    const { status, stderr } = run(["--providers", "okta"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /--providers takes a comma-separated list of cloudflare, keycard, logto; got "okta"/,
    );
  });

  it("stops, saying what to set, when no provider has credentials", () => {
    const { status, stderr } = run([]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/no provider has credentials set/);
    expect(stderr).toMatch(/CLOUDFLARE_API_TOKEN/);
  });
});

describe("--list-tools", () => {
  it("prints the table (tool, provider, access, summary) and exits, without credentials", () => {
    const { status, stdout } = run(["--list-tools"]);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^tool +provider +access +summary$/);
    expect(lines).toHaveLength(32);
    expect(lines).toContainEqual(
      expect.stringMatching(/^cloudflare_iam_sso_create +cloudflare +write +Initialize new SSO connector$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^cloudflare_iam_sso_delete +cloudflare +write, destructive +Delete SSO connector$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^logto_sso_connectors_signing_keys_list +logto +read +/),
    );
  });

  it("follows --read-only and --providers, and prints Markdown with --markdown", () => {
    const { stdout } = run(["--list-tools", "--read-only", "--providers", "keycard", "--markdown"]);
    expect(stdout.trimEnd().split("\n")).toEqual([
      "| tool | provider | access | summary |",
      "| --- | --- | --- | --- |",
      "| `keycard_organizations_sso_connection_retrieve` | keycard | read | Get SSO connection |",
    ]);
  });
});

describe("--http", () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, "--http", "--port", "0"], {
      env: { PATH: process.env.PATH ?? "", ...cloudflareEnv(fakes.cloudflare), ...logtoEnv(fakes.logto) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    url = await new Promise<string>((resolve, reject) => {
      let log = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        log += chunk.toString("utf8");
        const found = /on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(log);
        if (found?.[1]) resolve(found[1]);
      });
      child.once("exit", (code) => reject(new Error(`sso-mcp exited (${code}): ${log}`)));
    });
  });
  afterAll(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });

  it("serves the same tools over Streamable HTTP on 127.0.0.1", async () => {
    const client = new Client({ name: "sso-mcp-test", version: "0.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(26);
      const created = await client.callTool({
        name: "cloudflare_iam_sso_create",
        arguments: { account_id: fakes.cloudflare.accountId, email_domain: "http.example" },
      });
      expect(created.structuredContent).toMatchObject({ email_domain: "http.example" });
      const list = await client.callTool({
        name: "cloudflare_iam_sso_list",
        arguments: { account_id: fakes.cloudflare.accountId },
      });
      expect(JSON.stringify(list.structuredContent)).toContain("http.example");
    } finally {
      await client.close();
    }
  });

  it("refuses a request whose Host is not its own address (DNS rebinding)", async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(url, {
        method: "POST",
        headers: {
          host: "evil.example",
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
      });
      req.once("response", (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.once("error", reject);
      req.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }));
    });
    expect(status).toBe(403);
  });

  it("answers only POST on /mcp", async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(new URL("/other", url))).status).toBe(404);
  });
});
