/**
 * One scenario, three providers: create, find it in the list, get, update, delete, get -> 404, through each
 * package's public client against its fake (over real HTTP, every exchange contract-checked).
 *
 * Keycard's SSO connection is a singleton per organization: "create" is `enable`, "delete" is `disable`, the
 * resource is addressed by its organization, and there is no list operation, so that step is "n/a" and says why.
 */

import { Cloudflare, NotFoundError as CloudflareNotFound } from "@sso/cloudflare";
import { startFakeServer as startCloudflare } from "@sso/cloudflare/testing";
import { assertNoViolations, ContractChecker, type ExchangeLike } from "@sso/conformance";
import { Keycard, NotFoundError as KeycardNotFound } from "@sso/keycard";
import { startFakeServer as startKeycard } from "@sso/keycard/testing";
import { Logto, NotFoundError as LogtoNotFound } from "@sso/logto";
import { startFakeServer as startLogto } from "@sso/logto/testing";
import { afterEach, describe, expect, it } from "vitest";

type Resource = { id?: string | null } & Record<string, unknown>;

interface Harness {
  /** Creates the resource; `key` addresses it afterwards (connector id, or the organization for Keycard). */
  create(): Promise<{ key: string; resource: Resource }>;
  /** Ids in the list, or why there is no list step. */
  list: (() => Promise<string[]>) | { na: string };
  get(key: string): Promise<Resource>;
  update(key: string): Promise<Resource>;
  /** Fields the update must have changed. */
  updated: Record<string, unknown>;
  delete(key: string): Promise<unknown>;
  NotFound: abstract new (...args: never[]) => Error;
  close(): Promise<void>;
}

const checkers = {
  cloudflare: new ContractChecker("cloudflare"),
  logto: new ContractChecker("logto"),
  keycard: new ContractChecker("keycard"),
};
afterEach(() => {
  for (const checker of Object.values(checkers)) assertNoViolations(checker.take());
});
const hook = (checker: ContractChecker) => (exchange: ExchangeLike) => checker.onExchange(exchange);

const providers: Array<{ provider: keyof typeof checkers; start: () => Promise<Harness> }> = [
  {
    provider: "cloudflare",
    async start() {
      const fake = await startCloudflare({ onExchange: hook(checkers.cloudflare) });
      const cf = new Cloudflare({ apiToken: fake.apiToken, baseURL: fake.baseURL, logLevel: "off" });
      const account_id = fake.accountId;
      return {
        async create() {
          const resource = await cf.iam.sso.create({ account_id, email_domain: "scenario.example" });
          return { key: resource.id ?? "", resource };
        },
        list: async () => (await cf.iam.sso.list({ account_id })).items.map((c) => c.id ?? ""),
        get: (id) => cf.iam.sso.get(id, { account_id }),
        update: (id) => cf.iam.sso.update(id, { account_id, enabled: true }),
        updated: { enabled: true },
        delete: (id) => cf.iam.sso.delete(id, { account_id }),
        NotFound: CloudflareNotFound,
        close: () => fake.close(),
      };
    },
  },
  {
    provider: "logto",
    async start() {
      const fake = await startLogto({ onExchange: hook(checkers.logto) });
      const logto = new Logto({
        endpoint: fake.baseURL,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        logLevel: "off",
      });
      return {
        async create() {
          const resource = await logto.ssoConnectors.create({
            providerName: "OIDC",
            connectorName: "Scenario",
          });
          return { key: resource.id, resource };
        },
        async list() {
          const ids: string[] = [];
          for await (const connector of logto.ssoConnectors.list()) ids.push(connector.id);
          return ids;
        },
        get: (id) => logto.ssoConnectors.get(id),
        update: (id) => logto.ssoConnectors.update(id, { connectorName: "Scenario (updated)" }),
        updated: { connectorName: "Scenario (updated)" },
        delete: (id) => logto.ssoConnectors.delete(id),
        NotFound: LogtoNotFound,
        close: () => fake.close(),
      };
    },
  },
  {
    provider: "keycard",
    async start() {
      const fake = await startKeycard({ onExchange: hook(checkers.keycard) });
      const sso = new Keycard({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        baseURL: fake.baseURL,
        logLevel: "off",
      }).organizations.ssoConnection;
      return {
        async create() {
          const resource = await sso.enable(fake.organizationId, {
            identifier: "https://idp.scenario.example",
            client_id: "c",
          });
          return { key: fake.organizationId, resource };
        },
        list: {
          na: "n/a: the SSO connection is a singleton per organization; the API has no list operation",
        },
        get: (org) => sso.retrieve(org),
        update: (org) => sso.update(org, { identifier: "https://idp2.scenario.example" }),
        updated: { identifier: "https://idp2.scenario.example" },
        delete: (org) => sso.disable(org),
        NotFound: KeycardNotFound,
        close: () => fake.close(),
      };
    },
  },
];

describe("the same scenario for every provider", () => {
  it.each(providers)(
    "$provider: create, find it in the list, get, update, delete, get -> 404",
    async ({ provider, start }) => {
      const h = await start();
      const steps: Record<string, string> = {};
      try {
        const { key, resource } = await h.create();
        expect(resource.id).toEqual(expect.any(String));
        steps.create = "ok";

        if (typeof h.list === "function") {
          expect(await h.list()).toContain(resource.id);
          steps.list = "found";
        } else {
          steps.list = h.list.na;
        }

        expect((await h.get(key)).id).toBe(resource.id);
        steps.get = "ok";

        const updated = await h.update(key);
        expect(updated).toMatchObject({ id: resource.id, ...h.updated });
        expect(await h.get(key)).toMatchObject(h.updated);
        steps.update = "ok";

        await h.delete(key);
        steps.delete = "ok";

        const error = await h.get(key).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(h.NotFound);
        expect((error as { status: number }).status).toBe(404);
        steps.getAfterDelete = "404";
      } finally {
        await h.close();
      }
      expect(steps).toEqual({
        create: "ok",
        list: provider === "keycard" ? expect.stringMatching(/^n\/a: /) : "found",
        get: "ok",
        update: "ok",
        delete: "ok",
        getAfterDelete: "404",
      });
    },
  );
});
