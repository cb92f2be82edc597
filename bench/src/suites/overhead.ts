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
import { type Loaded, loadClient } from "../sso.ts";
import { alternate, median, percentile, ratioSpread } from "../stats.ts";
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
type Made = { call: Call; note?: string } | { missing: Exclude<Row["status"], "ok" | "error">; note: string };

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

/** `BaseClient.request`, which every generated method calls with its operation descriptor. */
interface Requester {
  request(op: object, params: unknown): PromiseLike<unknown>;
}

/** The descriptor fields of the checks measured; `required` stays, so this pair and the bundle's checks row agree. */
const CHECK_FIELDS = ["response", "limits"];

/** A Cloudflare client and the descriptor its built `iam.sso.get` passes to `request`, so the pair cannot drift from the generated code. */
async function generatedGet(): Promise<Loaded<{ client: Requester; op: Record<string, unknown> }>> {
  const mod = await loadClient("cloudflare");
  if (!mod.ok) return mod;
  const cf = new mod.value.Cloudflare({ apiToken: "token", baseURL, fetch: stubFetch(cloudflareEnvelope) });
  const client = cf as unknown as Requester;
  const request = client.request;
  let op: Record<string, unknown> | undefined;
  client.request = (descriptor, params) => {
    op = descriptor as Record<string, unknown>;
    return request.call(client, descriptor, params);
  };
  try {
    await cf.iam.sso.get(cloudflareConnectorId, { account_id: accountId });
  } finally {
    delete (client as Partial<Requester>).request;
  }
  if (!op) throw new Error("iam.sso.get did not go through BaseClient.request");
  return { ok: true, value: { client, op } };
}

/** One get through `BaseClient.request` with the generated descriptor, or with its check fields left out. */
async function requestGet(withChecks: boolean): Promise<Made> {
  const got = await generatedGet();
  if (!got.ok) return { missing: "n/a", note: got.reason };
  const { client, op } = got.value;
  const descriptor = withChecks
    ? op
    : Object.fromEntries(Object.entries(op).filter(([key]) => !CHECK_FIELDS.includes(key)));
  const dropped = CHECK_FIELDS.filter((key) => key in op);
  const absent = CHECK_FIELDS.filter((key) => !(key in op));
  const note = withChecks
    ? "BaseClient.request with the descriptor iam.sso.get sends (read from the built package)"
    : dropped.length === 0
      ? "the generated descriptor has no check fields: this row is the same call"
      : `the same descriptor without ${dropped.map((k) => `\`${k}\``).join(", ")}` +
        (absent.length > 0 ? ` (this operation has no ${absent.map((k) => `\`${k}\``).join(", ")})` : "") +
        "; the maxResponseBytes cap stays: every body is read through core's capped stream reader (a huge cap " +
        "runs the same code), so its cost is in both rows and cannot be measured apart";
  return {
    note,
    call: async () =>
      client.request(descriptor, { account_id: accountId, sso_connector_id: cloudflareConnectorId }),
  };
}

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
    { label: labels.checksOn, kind: "sso", make: () => requestGet(true) },
    { label: labels.checksOff, kind: "sso", make: () => requestGet(false) },
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
  const ready: Array<{ target: Target; call: Call; note?: string }> = [];
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
      ready.push({ target, call: made.call, note: made.note });
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
    const note = ready.find((r) => r.target === target)?.note;
    if (note) addNote(row, note);
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
  checksCost(out, us(labels.checksOn), us(labels.checksOff));
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
      "(global fetch stubbed, it has no `fetch` option); `@sso/logto` uses `{ accessToken }`. The pair " +
      `"${labels.checksOn}" / "${labels.checksOff}" calls \`BaseClient.request\` of one @sso/cloudflare ` +
      "client with the descriptor `iam.sso.get` passes it, and with that descriptor minus its check fields " +
      "(`response`, `limits`): the per-round difference is what those checks cost per call.",
    columns: ["ops/s", "µs/call", "vs openapi-fetch", "vs cloudflare"],
    rows: out,
  };
}

/** Puts the checks' cost per call on the "without checks" row: on − off and on / off, per round, then medians. */
function checksCost(out: Row[], on: number[], off: number[]): void {
  const row = out.find((r) => r.label === labels.checksOff && r.status === "ok");
  const n = Math.min(on.length, off.length);
  if (!row || n === 0) return;
  const diffs = on.slice(0, n).map((t, i) => t - off[i]!);
  const cost = median(diffs);
  const [q1, q3] = [percentile(diffs, 25), percentile(diffs, 75)];
  const ratio = ratioSpread(on, off);
  row.values.checksUsPerCall = cost;
  row.values.checksUsPerCallQ1 = q1;
  row.values.checksUsPerCallQ3 = q3;
  row.values.checksOnVsOff = ratio.median;
  row.values.checksOnVsOffQ1 = ratio.q1;
  row.values.checksOnVsOffQ3 = ratio.q3;
  const noise = q1 <= 0 && q3 >= 0 ? ", within this run's noise" : "";
  const text =
    `the checks cost ${fmtFixed(cost, 2)} µs per call (with − without, median per round; ` +
    `${fmtFixed(q1, 2)} to ${fmtFixed(q3, 2)} interquartile${noise}), with/without ${fmtSpread(ratio)}`;
  row.note = row.note ? `${text}; ${row.note}` : text;
}

function goalOf(target: Target): string | undefined {
  return target.goal ? GOAL : undefined;
}
