/**
 * 2. Per-call overhead against a stub fetch that resolves a JSON Response on nextTick (ANCHORS.md §3).
 * Sequential `await` loop; every client runs once per round in rotating order; median over rounds.
 * Ratios are taken per round (same noise for both sides), then the median of the ratios.
 */
import createClient from "openapi-fetch";
import { importAnchor } from "../anchors.ts";
import { anchorsMissing, type Context } from "../context.ts";
import {
  accountId,
  cloudflareConnectorId,
  cloudflareEnvelope,
  keycardConnection,
  logtoConnector,
  logtoConnectorId,
  organizationId,
  stubFetch,
} from "../fixtures.ts";
import {
  addNote,
  fmtFixed,
  fmtInt,
  fmtRatio,
  fmtSpread,
  missingRow,
  okRow,
  type Row,
  type RowKind,
  type Section,
} from "../report.ts";
import { rows } from "../rows.ts";
import { loadClient } from "../sso.ts";
import { alternate, median, ratioSpread } from "../stats.ts";
import { firstLine } from "./bundle.ts";

const labels = rows.overhead;

/** What ANCHORS.md §3 measured on this kind of machine (absolute numbers move with load; ratios less). */
const anchorsMd: Record<string, string> = {
  [labels.floor]: "ANCHORS.md §3: ≈ 19 µs",
  [labels.openapiFetch]: "ANCHORS.md §3: ≈ 49 µs (URL only)",
  [labels.cloudflare]: "ANCHORS.md §3: ≈ 115 µs, 2.3× openapi-fetch",
};
const GOAL = "≤ 1.3× openapi-fetch and ≤ 0.5× cloudflare";

type Call = () => Promise<unknown>;
type Made = { call: Call } | { missing: Exclude<Row["status"], "ok" | "error">; note: string };

interface Target {
  label: string;
  kind: RowKind;
  goal?: boolean;
  make: () => Promise<Made>;
}

/** The one openapi-typescript `paths` entry bare openapi-fetch needs for this call. */
interface CloudflareGetPaths {
  "/accounts/{account_id}/sso_connectors/{sso_connector_id}": {
    get: {
      parameters: { path: { account_id: string; sso_connector_id: string } };
      responses: { 200: { content: { "application/json": typeof cloudflareEnvelope } } };
    };
  };
}

interface OfficialCloudflare {
  default: new (o: {
    apiToken: string;
    baseURL: string;
    fetch: typeof fetch;
  }) => { iam: { sso: { get(id: string, p: { account_id: string }): PromiseLike<unknown> } } };
}

interface LogtoApiModule {
  createApiClient(o: { baseUrl: string; getToken: () => Promise<string> }): {
    GET(
      path: string,
      init: { params: { path: { id: string } } },
    ): Promise<{ data?: unknown; error?: unknown }>;
  };
}

const baseURL = "https://api.bench.test/client/v4";

function targets(ctx: Context): Target[] {
  const anchor = async (make: () => Promise<Call>): Promise<Made> =>
    ctx.anchors.ok ? { call: await make() } : { missing: "skipped", note: anchorsMissing(ctx) };
  return [
    {
      label: labels.floor,
      kind: "floor",
      make: async () => {
        const f = stubFetch(cloudflareEnvelope);
        return { call: async () => (await f(`${baseURL}/x`)).json() };
      },
    },
    {
      label: labels.openapiFetch,
      kind: "anchor",
      make: async () => {
        const client = createClient<CloudflareGetPaths>({
          baseUrl: baseURL,
          fetch: stubFetch(cloudflareEnvelope),
          headers: { Authorization: "Bearer token" },
        });
        return {
          call: () =>
            client.GET("/accounts/{account_id}/sso_connectors/{sso_connector_id}", {
              params: { path: { account_id: accountId, sso_connector_id: cloudflareConnectorId } },
            }),
        };
      },
    },
    {
      label: labels.ssoCloudflare,
      kind: "sso",
      goal: true,
      make: async () => {
        const mod = await loadClient("cloudflare");
        if (!mod.ok) return { missing: "n/a", note: mod.reason };
        const cf = new mod.value.Cloudflare({
          apiToken: "token",
          baseURL,
          fetch: stubFetch(cloudflareEnvelope),
        });
        return { call: async () => cf.iam.sso.get(cloudflareConnectorId, { account_id: accountId }) };
      },
    },
    {
      label: labels.ssoLogto,
      kind: "sso",
      goal: true,
      make: async () => {
        const mod = await loadClient("logto");
        if (!mod.ok) return { missing: "n/a", note: mod.reason };
        const logto = new mod.value.Logto({
          endpoint: "https://logto.bench.test",
          accessToken: "token",
          fetch: stubFetch(logtoConnector),
        });
        return { call: async () => logto.ssoConnectors.get(logtoConnectorId) };
      },
    },
    {
      label: labels.ssoKeycard,
      kind: "sso",
      goal: true,
      make: async () => {
        const mod = await loadClient("keycard");
        if (!mod.ok) return { missing: "n/a", note: mod.reason };
        const keycard = new mod.value.Keycard({ accessToken: "token", fetch: stubFetch(keycardConnection) });
        return { call: async () => keycard.organizations.ssoConnection.retrieve(organizationId) };
      },
    },
    {
      label: labels.cloudflare,
      kind: "anchor",
      make: () =>
        anchor(async () => {
          const { default: Cloudflare } = await importAnchor<OfficialCloudflare>("cloudflare");
          const cf = new Cloudflare({ apiToken: "token", baseURL, fetch: stubFetch(cloudflareEnvelope) });
          return async () => cf.iam.sso.get(cloudflareConnectorId, { account_id: accountId });
        }),
    },
    {
      label: labels.logtoApi,
      kind: "anchor",
      make: () =>
        anchor(async () => {
          const { createApiClient } = await importAnchor<LogtoApiModule>("@logto/api/management");
          // @logto/api has no `fetch` option: its openapi-fetch captures globalThis.fetch at creation.
          const realFetch = globalThis.fetch;
          globalThis.fetch = stubFetch(logtoConnector);
          try {
            const client = createApiClient({
              baseUrl: "https://logto.bench.test",
              getToken: async () => "token",
            });
            return () =>
              client.GET("/api/sso-connectors/{id}", { params: { path: { id: logtoConnectorId } } });
          } finally {
            globalThis.fetch = realFetch;
          }
        }),
    },
  ];
}

/** µs per call over `n` sequential awaited calls. */
async function timeCalls(call: Call, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await call();
  return ((performance.now() - started) * 1000) / n;
}

export async function overheadSuite(ctx: Context): Promise<Section> {
  const { rounds, calls, warmup } = ctx.mode.overhead;
  const ready: Array<{ target: Target; call: Call }> = [];
  const missing = new Map<string, Row>();
  const all = targets(ctx);
  for (const target of all) {
    try {
      const made = await target.make();
      if ("missing" in made) {
        missing.set(
          target.label,
          missingRow(target.label, target.kind, made.missing, made.note, goalOf(target)),
        );
        continue;
      }
      await made.call(); // fails fast (and visibly) before any timing
      ready.push({ target, call: made.call });
    } catch (error) {
      missing.set(
        target.label,
        missingRow(target.label, target.kind, "error", firstLine(error), goalOf(target)),
      );
    }
  }
  ctx.log(`overhead: warming up ${ready.length} clients (${warmup} calls each)`);
  for (const { call } of ready) await timeCalls(call, warmup);
  ctx.log(`overhead: ${rounds} rounds × ${calls} calls per client`);
  const samples = await alternate(
    rounds,
    ready.map(({ target, call }) => [target.label, () => timeCalls(call, calls)] as const),
  );

  const us = (label: string) => samples.get(label) ?? [];
  const base = us(labels.openapiFetch);
  const official = us(labels.cloudflare);
  const out: Row[] = [];
  for (const target of all) {
    const gone = missing.get(target.label);
    if (gone) {
      out.push(gone);
      continue;
    }
    const mine = us(target.label);
    const perCall = median(mine);
    const none = { median: Number.NaN, q1: Number.NaN, q3: Number.NaN };
    const fetchSpread = base.length > 0 ? ratioSpread(mine, base) : none;
    const cloudflareSpread = official.length > 0 ? ratioSpread(mine, official) : none;
    const vsFetch = fetchSpread.median;
    const vsCloudflare = cloudflareSpread.median;
    const row = okRow(
      target.label,
      target.kind,
      {
        "ops/s": fmtInt(1e6 / perCall),
        "µs/call": fmtFixed(perCall, 1),
        "vs openapi-fetch": fmtSpread(fetchSpread),
        "vs cloudflare": fmtSpread(cloudflareSpread),
      },
      {
        opsPerSec: 1e6 / perCall,
        usPerCall: perCall,
        vsOpenapiFetch: vsFetch,
        vsOpenapiFetchQ1: fetchSpread.q1,
        vsOpenapiFetchQ3: fetchSpread.q3,
        vsCloudflare,
        vsCloudflareQ1: cloudflareSpread.q1,
        vsCloudflareQ3: cloudflareSpread.q3,
      },
    );
    if (anchorsMd[target.label]) addNote(row, anchorsMd[target.label]!);
    if (target.goal) {
      row.goal = GOAL;
      const fetchOk = vsFetch <= 1.3;
      row.met = Number.isFinite(vsCloudflare) ? fetchOk && vsCloudflare <= 0.5 : undefined;
      row.measured = `${fmtRatio(vsFetch)} openapi-fetch, ${fmtRatio(vsCloudflare)} cloudflare`;
      if (!Number.isFinite(vsCloudflare))
        row.note = "cloudflare anchor missing: half-of-cloudflare not checked";
    }
    out.push(row);
  }
  return {
    id: "overhead",
    title: "2. Per-call overhead against a stub fetch",
    method:
      "`fetch` is a stub that resolves a small JSON `Response` on `process.nextTick`, so the time is the " +
      "client's own. Each client does one GET (a connector by id; `@sso/keycard` and keycard have no list) " +
      `in a sequential \`await\` loop: ${rounds} rounds × ${fmtInt(calls)} calls after ${fmtInt(warmup)} warm-up calls, ` +
      "clients in rotating order each round; µs/call is the median over rounds, ratios are the median of " +
      "per-round ratios, with their interquartile range in brackets. Default client options (retries and timeout on). Bare openapi-fetch sends the " +
      "Authorization header as a default header. `@logto/api` uses `createApiClient` with a static token " +
      "(global fetch stubbed, it has no `fetch` option); `@sso/logto` uses `{ accessToken }`.",
    columns: ["ops/s", "µs/call", "vs openapi-fetch", "vs cloudflare"],
    rows: out,
  };
}

function goalOf(target: Target): string | undefined {
  return target.goal ? GOAL : undefined;
}
