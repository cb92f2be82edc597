import { afterEach, describe, expect, it } from "vitest";
import { type RunningFakes, startFakes } from "../src/host/fakes.js";
import { runScenarios } from "../src/scenario/all.js";
import { FakeControl } from "../src/scenario/control.js";

let fakes: RunningFakes | undefined;
afterEach(async () => {
  await fakes?.close();
  fakes = undefined;
});

describe("the scenarios, in this Node against fakes in this process", () => {
  it("pass every step for every provider, and each create reaches its fake once", async () => {
    fakes = await startFakes();
    const results = await runScenarios(fakes.endpoints);
    expect(results.map((r) => r.provider)).toEqual(["cloudflare", "logto", "keycard"]);
    for (const result of results) {
      expect(result.steps.filter((s) => !s.ok)).toEqual([]);
      expect(result.duplicatePost).toEqual({ received: 1, outcome: "APIConnectionError" });
    }
    expect(results.find((r) => r.provider === "logto")?.steps.map((s) => s.step)).toEqual([
      "token flow",
      "create",
      "for await list",
      "get",
      "typed error",
      "retry",
      "token refresh",
      "duplicate POST",
    ]);
  });

  it("report a failed step and mark the ones after it as not run", async () => {
    fakes = await startFakes();
    const control = new FakeControl(fakes.endpoints.control, "cloudflare");
    // Every create fails with a 400 (not retried): the scenario's first step fails, the rest do not run.
    await control.failNext(1, 400, {
      method: "POST",
      path: `/accounts/${fakes.endpoints.cloudflare.accountId}/sso_connectors`,
    });
    const [cloudflare] = await runScenarios(fakes.endpoints);
    expect(cloudflare?.ok).toBe(false);
    expect(cloudflare?.steps[0]).toMatchObject({ step: "create", ok: false });
    expect(cloudflare?.steps[0]?.detail).toMatch(/^BadRequestError: /);
    expect(cloudflare?.steps.slice(1).every((s) => !s.ok && s.detail.startsWith("not run"))).toBe(true);
  });
});

describe("the control server", () => {
  it("counts requests by method and exact path, and refuses unknown commands", async () => {
    fakes = await startFakes();
    const control = new FakeControl(fakes.endpoints.control, "logto");
    const token = { method: "POST", path: "/oidc/token" };
    expect(await control.count(token)).toBe(0);
    const response = await fetch(`${fakes.endpoints.logto.baseURL}/oidc/token`, { method: "POST" });
    await response.text();
    expect(await control.count(token)).toBe(1);
    expect(await control.count({ method: "GET", path: "/oidc/token" })).toBe(0);
    const unknown = await fetch(`${fakes.endpoints.control}/logto/explode`, { method: "POST" });
    expect(unknown.status).toBe(404);
    const noTokens = await fetch(`${fakes.endpoints.control}/cloudflare/expire-tokens`, { method: "POST" });
    expect(noTokens.status).toBe(400);
  });
});
