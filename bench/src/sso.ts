/**
 * Loads the @sso clients (the run's snapshot of the built `dist/`, see snapshot.ts) behind small structural types, so the
 * benchmarks compile and run whatever state the packages are in; a client that is not built yet gives
 * "n/a" rows instead of a crash.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Provider } from "./config.ts";
import { importSnapshot, snapshotPackageDir } from "./snapshot.ts";

interface ClientOptionsLike {
  baseURL?: string;
  fetch?: typeof fetch;
  maxRetries?: number;
  timeout?: number;
}

interface CloudflareLike {
  iam: {
    sso: {
      list(params: { account_id: string }): PromiseLike<unknown>;
      get(id: string, params: { account_id: string }): PromiseLike<unknown>;
      create(params: { account_id: string; email_domain: string }): PromiseLike<{ id?: string }>;
    };
  };
}
interface LogtoLike {
  ssoConnectors: {
    list(params?: { page?: number; page_size?: number }): PromiseLike<unknown>;
    get(id: string): PromiseLike<unknown>;
    create(body: Record<string, unknown>): PromiseLike<{ id?: string }>;
  };
  ssoConnectorProviders: { list(): PromiseLike<unknown> };
}
interface KeycardLike {
  organizations: {
    ssoConnection: {
      retrieve(organizationId: string): PromiseLike<unknown>;
      enable(organizationId: string, body: Record<string, unknown>): PromiseLike<unknown>;
    };
  };
}

export interface FakeServer {
  baseURL: string;
  close(): Promise<void> | void;
  [credential: string]: unknown;
}

export interface SsoModules {
  cloudflare: { Cloudflare: new (o: ClientOptionsLike & { apiToken?: string }) => CloudflareLike };
  logto: {
    Logto: new (
      o: ClientOptionsLike & {
        endpoint?: string;
        clientId?: string;
        clientSecret?: string;
        accessToken?: string;
      },
    ) => LogtoLike;
  };
  keycard: {
    Keycard: new (
      o: ClientOptionsLike & { clientId?: string; clientSecret?: string; accessToken?: string },
    ) => KeycardLike;
  };
}

const className: Record<Provider, string> = { cloudflare: "Cloudflare", logto: "Logto", keycard: "Keycard" };

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

export async function loadClient<P extends Provider>(provider: P): Promise<Loaded<SsoModules[P]>> {
  if (!existsSync(join(snapshotPackageDir(provider), "dist", "index.js"))) {
    return { ok: false, reason: `@sso/${provider} is not built (pnpm build)` };
  }
  try {
    const mod = await importSnapshot(`@sso/${provider}`);
    if (typeof mod[className[provider]] !== "function") {
      return { ok: false, reason: `@sso/${provider} does not export ${className[provider]} yet` };
    }
    return { ok: true, value: mod as unknown as SsoModules[P] };
  } catch (error) {
    return { ok: false, reason: `@sso/${provider} failed to load: ${(error as Error).message}` };
  }
}

export async function loadFake(provider: Provider): Promise<Loaded<(o?: object) => Promise<FakeServer>>> {
  if (!existsSync(join(snapshotPackageDir(provider), "dist", "testing", "index.js"))) {
    return { ok: false, reason: `@sso/${provider}/testing is not built (pnpm build)` };
  }
  try {
    const mod = await importSnapshot(`@sso/${provider}/testing`);
    const start = mod.startFakeServer;
    if (typeof start !== "function") {
      return { ok: false, reason: `@sso/${provider}/testing does not export startFakeServer yet` };
    }
    return { ok: true, value: start as (o?: object) => Promise<FakeServer> };
  } catch (error) {
    return { ok: false, reason: `@sso/${provider}/testing failed to load: ${(error as Error).message}` };
  }
}
