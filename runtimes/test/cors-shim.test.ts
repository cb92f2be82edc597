import { afterEach, describe, expect, it } from "vitest";
import { type RunningFakes, startFakes } from "../src/host/fakes.js";
import { fakesAnswerCors, withCorsShim } from "../src/matrix/cors-shim.js";
import { FakeControl } from "../src/scenario/control.js";

let fakes: RunningFakes | undefined;
let closeShim: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeShim?.();
  await fakes?.close();
  fakes = undefined;
  closeShim = undefined;
});

describe("the harness's CORS shim", () => {
  it("answers preflights, exposes the fakes' headers, and keeps their answers", async () => {
    fakes = await startFakes();
    const shim = await withCorsShim(fakes.endpoints);
    closeShim = shim.close;
    expect(await fakesAnswerCors(shim.endpoints)).toBe(true);
    expect(shim.endpoints.cloudflare.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);

    const { baseURL, apiToken, accountId } = shim.endpoints.cloudflare;
    const response = await fetch(`${baseURL}/accounts/${accountId}/sso_connectors`, {
      headers: { authorization: `Bearer ${apiToken}`, origin: "http://127.0.0.1:9" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toBe("*");
    expect(((await response.json()) as { success?: boolean }).success).toBe(true);
  });

  it("drops the browser's connection when the fake drops its own, so a resend stays visible", async () => {
    fakes = await startFakes();
    const shim = await withCorsShim(fakes.endpoints);
    closeShim = shim.close;
    const { baseURL } = shim.endpoints.logto;
    await new FakeControl(fakes.endpoints.control, "logto").dropNextAfter({
      method: "GET",
      path: "/api/status",
    });
    await expect(fetch(`${baseURL}/api/status`)).rejects.toThrow();
  });
});
