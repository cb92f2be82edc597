/**
 * Runs every example against its fake server: `pnpm examples` from the repository root.
 * No credentials or network access needed; every fake listens on 127.0.0.1 and is closed when its example ends.
 */
import { main as cloudflare } from "./cloudflare.js";
import { main as keycard } from "./keycard.js";
import { main as logto } from "./logto.js";
import { main as mcp } from "./mcp.js";

const examples: Array<[string, () => Promise<void>]> = [
  ["Cloudflare (@sso/cloudflare)", () => cloudflare()],
  ["Logto (@sso/logto)", () => logto()],
  ["Keycard (@sso/keycard)", () => keycard()],
  ["MCP server on the three fakes (@sso/mcp)", () => mcp()],
];

for (const [name, run] of examples) {
  console.log(`\n=== ${name} ===`);
  await run();
}
console.log("\nAll examples ran against the fake servers.");
