import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCache } from "../src/server.ts";

const storage = mkdtempSync(join(tmpdir(), "sso-cache-storage-"));
afterAll(() => rmSync(storage, { recursive: true, force: true }));

describe("the remote cache server", () => {
  it("listens on 127.0.0.1, stores an artifact on disk for the token's team, and refuses other tokens", async () => {
    const cache = await startCache(storage, "team-a");
    try {
      const { TURBO_API, TURBO_TOKEN, TURBO_TEAM } = cache.env;
      expect(TURBO_API).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const url = `${TURBO_API}/v8/artifacts/0123abcd?slug=${TURBO_TEAM}`;
      const put = await fetch(url, {
        method: "PUT",
        headers: { authorization: `Bearer ${TURBO_TOKEN}`, "content-type": "application/octet-stream" },
        body: new Uint8Array([1, 2, 3]),
      });
      expect(put.status).toBe(200);
      const got = await fetch(url, { headers: { authorization: `Bearer ${TURBO_TOKEN}` } });
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
      const refused = await fetch(url, { headers: { authorization: "Bearer wrong" } });
      expect(refused.status).toBe(401);
    } finally {
      await cache.stop();
    }
  });
});
