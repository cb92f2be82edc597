/** Every example runs against its fake, prints each call, and never prints a secret. */
import { describe, expect, it } from "vitest";
import { main as cloudflare } from "../cloudflare.js";
import { main as keycard } from "../keycard.js";
import { main as logto } from "../logto.js";
import { main as mcp } from "../mcp.js";
import { forDisplay, printer } from "../print.js";

const examples = [
  { name: "cloudflare", main: cloudflare, calls: 7, secrets: [] as string[] },
  { name: "logto", main: logto, calls: 10, secrets: ["s3cr3t-value"] },
  { name: "keycard", main: keycard, calls: 5, secrets: ["s3cr3t-value"] },
  { name: "mcp", main: mcp, calls: 6, secrets: ["s3cr3t-value"] },
];

describe("examples", () => {
  it.each(examples)(
    "$name runs and prints what each call returned, without secrets",
    async ({ main, calls, secrets }) => {
      const lines: string[] = [];
      await main(printer((line) => lines.push(line)));
      expect(lines).toHaveLength(calls);
      expect(lines.at(-1)).toMatch(/-> NotFoundError[\s\S]*"status": 404/);
      const output = lines.join("\n");
      for (const secret of secrets) expect(output).not.toContain(secret);
      expect(output).not.toMatch(/"(access_token|client_secret|clientSecret)": "(?!\[redacted\])/);
    },
  );

  it("redacts secret-looking keys and shortens data URLs", () => {
    expect(
      forDisplay({
        clientSecret: "x",
        nested: [{ access_token: "y", tokenEndpoint: "https://idp/token" }],
        logo: `data:image/svg+xml;base64,${"A".repeat(100)}`,
      }),
    ).toEqual({
      clientSecret: "[redacted]",
      nested: [{ access_token: "[redacted]", tokenEndpoint: "https://idp/token" }],
      logo: "data:image/svg+xml;base64,... (126 characters)",
    });
  });
});
