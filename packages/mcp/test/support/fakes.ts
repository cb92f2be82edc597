/** The three fakes on 127.0.0.1, and the environment each client reads to reach its own. */
import { type CloudflareFakeServer, startFakeServer as startCloudflare } from "@sso/cloudflare/testing";
import { type KeycardFakeServer, startFakeServer as startKeycard } from "@sso/keycard/testing";
import { type LogtoFakeServer, startFakeServer as startLogto } from "@sso/logto/testing";

export interface Fakes {
  readonly cloudflare: CloudflareFakeServer;
  readonly logto: LogtoFakeServer;
  readonly keycard: KeycardFakeServer;
  /** Every provider's variables, as a user would set them. */
  readonly env: Record<string, string>;
  /** The credentials: none may appear in any result or log line. */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const [cloudflare, logto, keycard] = await Promise.all([startCloudflare(), startLogto(), startKeycard()]);
  return {
    cloudflare,
    logto,
    keycard,
    env: {
      ...cloudflareEnv(cloudflare),
      ...logtoEnv(logto),
      ...keycardEnv(keycard),
    },
    secrets: [cloudflare.apiToken, logto.clientSecret, keycard.clientSecret],
    close: async () => {
      await Promise.all([cloudflare.close(), logto.close(), keycard.close()]);
    },
  };
}

export function cloudflareEnv(fake: CloudflareFakeServer): Record<string, string> {
  return { CLOUDFLARE_API_TOKEN: fake.apiToken, CLOUDFLARE_BASE_URL: fake.baseURL };
}

export function logtoEnv(fake: LogtoFakeServer): Record<string, string> {
  return {
    LOGTO_ENDPOINT: fake.baseURL,
    LOGTO_CLIENT_ID: fake.clientId,
    LOGTO_CLIENT_SECRET: fake.clientSecret,
  };
}

function keycardEnv(fake: KeycardFakeServer): Record<string, string> {
  return {
    KEYCARD_API_CLIENT_ID: fake.clientId,
    KEYCARD_API_CLIENT_SECRET: fake.clientSecret,
    KEYCARD_API_BASE_URL: fake.baseURL,
  };
}
