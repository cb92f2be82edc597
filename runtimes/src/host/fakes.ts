import { startFakeServer as startCloudflare } from "@sso/cloudflare/testing";
import { startFakeServer as startKeycard } from "@sso/keycard/testing";
import { startFakeServer as startLogto } from "@sso/logto/testing";
import type { FakeEndpoints } from "../scenario/types.js";
import { startControlServer } from "./control-server.js";

export interface RunningFakes {
  endpoints: FakeEndpoints;
  /** Resolves when a client asked the control server to shut down. */
  shutdownRequested: Promise<void>;
  close(): Promise<void>;
}

/** Starts the three fakes (`@sso/<p>/testing`) in this runtime, and the control server that drives them. */
export async function startFakes(): Promise<RunningFakes> {
  const [cloudflare, logto, keycard] = await Promise.all([startCloudflare(), startLogto(), startKeycard()]);
  let requested!: () => void;
  const shutdownRequested = new Promise<void>((resolve) => {
    requested = resolve;
  });
  const control = await startControlServer({ cloudflare, logto, keycard }, () => requested());
  return {
    endpoints: {
      control: control.origin,
      cloudflare: {
        baseURL: cloudflare.baseURL,
        apiToken: cloudflare.apiToken,
        accountId: cloudflare.accountId,
      },
      logto: { baseURL: logto.baseURL, clientId: logto.clientId, clientSecret: logto.clientSecret },
      keycard: {
        baseURL: keycard.baseURL,
        clientId: keycard.clientId,
        clientSecret: keycard.clientSecret,
        organizationId: keycard.organizationId,
      },
    },
    shutdownRequested,
    async close() {
      await Promise.all([control.close(), cloudflare.close(), logto.close(), keycard.close()]);
    },
  };
}
