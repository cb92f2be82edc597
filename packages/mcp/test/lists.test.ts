/** A list tool walks every page up to MAX_LIST_ITEMS, then says it stopped, rather than flooding the context. */
import { startFakeServer } from "@sso/logto/testing";
import { expect, it } from "vitest";
import { MAX_LIST_ITEMS } from "../src/call.js";
import { logtoEnv } from "./support/fakes.js";
import { connect } from "./support/server.js";

it(`stops after ${MAX_LIST_ITEMS} items and says so`, async () => {
  const connectors = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => ({
    providerName: "OIDC" as const,
    connectorName: `Connector ${String(i).padStart(3, "0")}`,
  }));
  const fake = await startFakeServer({ connectors });
  const server = await connect(logtoEnv(fake));
  try {
    const result = await server.call("logto_sso_connectors_list", { page_size: 100 });
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as { items: unknown[]; truncated?: boolean; note?: string };
    expect(content.items).toHaveLength(MAX_LIST_ITEMS);
    expect(content.truncated).toBe(true);
    expect(content.note).toBe(`only the first ${MAX_LIST_ITEMS} items`);
    const { tools } = await server.client.listTools();
    const list = tools.find((t) => t.name === "logto_sso_connectors_list");
    expect(list?.description).toContain(`up to ${MAX_LIST_ITEMS}; past that, \`truncated: true\``);
  } finally {
    await server.close();
    await fake.close();
  }
});
