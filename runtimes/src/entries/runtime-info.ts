/** The name and version of the runtime this code runs in, from what each runtime exposes about itself. */
export function runtimeInfo(): { runtime: string; version: string } {
  const g = globalThis as {
    Deno?: { version?: { deno?: string } };
    Bun?: { version?: string };
    process?: { versions?: { node?: string } };
    navigator?: { userAgent?: string };
  };
  if (g.Deno?.version?.deno) return { runtime: "deno", version: g.Deno.version.deno };
  if (g.Bun?.version) return { runtime: "bun", version: g.Bun.version };
  if (g.process?.versions?.node) return { runtime: "node", version: g.process.versions.node };
  const agent = g.navigator?.userAgent ?? "";
  if (agent === "Cloudflare-Workers") return { runtime: "workerd", version: "" };
  const chrome = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(agent);
  if (chrome?.[1]) return { runtime: "chromium", version: chrome[1] };
  return { runtime: "unknown", version: agent };
}
