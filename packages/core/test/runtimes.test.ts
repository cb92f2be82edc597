/** What the runtime does differently per platform: Deno's transparent resend of a pooled POST. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, makeClient, op, stubFetch } from "./helpers.js";

afterEach(() => vi.unstubAllGlobals());

/** A stand-in for Deno.createHttpClient that records the clients it makes and whether they were closed. */
function fakeDeno() {
  const clients: { options: unknown; closed: boolean }[] = [];
  vi.stubGlobal("Deno", {
    createHttpClient(options: unknown) {
      const client = {
        options,
        closed: false,
        close: () => {
          client.closed = true;
        },
      };
      clients.push(client);
      return client;
    },
  });
  return clients;
}

describe("Deno", () => {
  it("a request that must not be sent twice goes over a connection that is never pooled, closed afterwards", async () => {
    const clients = fakeDeno();
    const inits: RequestInit[] = [];
    const { fetch } = stubFetch(json({ ok: true }));
    const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {});
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const client = makeClient(spy);
    await client.request(op("POST", "/connectors"), { name: "n" });
    expect(clients).toEqual([
      { options: { poolMaxIdlePerHost: 0 }, closed: true, close: expect.any(Function) },
    ]);
    expect((inits[0] as { client?: unknown }).client).toBe(clients[0]);
    await client.request(op("GET", "/connectors"), {});
    await client.request(op("PATCH", "/connectors", { idempotent: true }), {});
    expect(clients).toHaveLength(1); // idempotent requests keep the pool
    expect((inits[1] as { client?: unknown }).client).toBeUndefined();
  });

  it("elsewhere nothing changes", async () => {
    const inits: RequestInit[] = [];
    const spy = ((_: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {});
      return Promise.resolve(json({}));
    }) as typeof globalThis.fetch;
    await makeClient(spy).request(op("POST", "/connectors"), {});
    expect("client" in (inits[0] ?? {})).toBe(false);
  });
});
