/**
 * A Cloudflare Worker (ES module syntax, no nodejs_compat) that runs every provider's scenario against the
 * fakes named in the request body and answers the report as JSON.
 */
import { runScenarios } from "../scenario/all.js";
import type { FakeEndpoints, RuntimeReport } from "../scenario/types.js";
import { runtimeInfo } from "./runtime-info.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const endpoints = (await request.json()) as FakeEndpoints;
    const report: RuntimeReport = { ...runtimeInfo(), results: await runScenarios(endpoints) };
    return Response.json(report);
  },
};
