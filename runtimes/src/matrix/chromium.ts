import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { FakeEndpoints, RuntimeReport } from "../scenario/types.js";
import { bundle } from "./bundle.js";
import { CHROMIUM } from "./toolchain.js";

/**
 * Flags for Debian's Chromium on this closed network: no sandbox (root), no GPU, and no background networking,
 * component updates or sync, which would otherwise keep trying to reach the internet.
 */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Serves a page with the browser bundle on 127.0.0.1 (its own origin, so every call to a fake is cross-origin,
 * as in an application), opens it in headless Chromium with a fresh profile, and runs the scenarios there.
 */
export async function runInChromium(endpoints: FakeEndpoints): Promise<RuntimeReport> {
  const script = readFileSync(await bundle("browser"), "utf8");
  const page = createServer((req, res) => {
    if (req.url === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    } else {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end('<!DOCTYPE html><title>@sso runtimes</title><script src="/app.js"></script>');
    }
  });
  await new Promise<void>((resolve) => page.listen({ port: 0, host: "127.0.0.1" }, resolve));
  const address = page.address();
  if (address === null || typeof address === "string") throw new Error("page server has no address");
  const profile = mkdtempSync(join(tmpdir(), "sso-runtimes-chromium-"));
  // Playwright passes the fresh profile folder to Chromium as its --user-data-dir.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  try {
    const tab = browser.pages()[0] ?? (await browser.newPage());
    await tab.goto(`http://127.0.0.1:${address.port}/`);
    await tab.waitForFunction(() => "runScenarios" in globalThis);
    const report = await tab.evaluate(
      (e) =>
        (
          globalThis as unknown as { runScenarios: (endpoints: FakeEndpoints) => Promise<RuntimeReport> }
        ).runScenarios(e),
      endpoints,
    );
    // The page's user agent is reduced to the major version; the browser itself knows the full one.
    return { ...report, version: browser.browser()?.version() ?? report.version };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => page.close(() => resolve()));
    page.closeAllConnections();
    rmSync(profile, { recursive: true, force: true });
  }
}
