/**
 * 3. Loopback throughput: each client against its @sso fake server over real HTTP on 127.0.0.1 (the fake runs
 * in a child process), versus raw `fetch` sending the same request, and the vendor SDK where one exists.
 * Bounded: a fixed number of requests per target at a fixed concurrency, split into rounds that alternate
 * between the targets.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { importAnchor } from "../anchors.ts";
import { benchDir, type Provider } from "../config.ts";
import { anchorsMissing, type Context } from "../context.ts";
import {
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
import { loadClient, type SsoModules } from "../sso.ts";
import { alternate, median, percentile, ratioSpread } from "../stats.ts";
import { firstLine } from "./bundle.ts";

const labels = rows.loopback;
const GOAL = "≤ 1.3× raw fetch (time/request)";

type Call = () => Promise<unknown>;

interface Fake {
  baseURL: string;
  credentials: Record<string, unknown>;
  child: ChildProcess;
}

/** Starts `src/fake-child.ts <provider>` and reads its one JSON line. */
async function startFake(provider: Provider): Promise<Fake | { error: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/fake-child.ts", provider], {
    cwd: benchDir,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${provider} fake did not start within 30 s`)), 30_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`${provider} fake exited (${code}) before starting`)));
  });
  lines.close();
  const parsed = JSON.parse(first) as Record<string, unknown>;
  if (typeof parsed.error === "string") {
    child.kill();
    return { error: parsed.error };
  }
  const baseURL = String(parsed.baseURL);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(baseURL).hostname)) {
    child.kill();
    throw new Error(`${provider} fake is not on loopback (${baseURL}); refusing to send load there`);
  }
  return { baseURL, credentials: parsed, child };
}

function stopFake(fake: Fake): Promise<void> {
  return new Promise((resolve) => {
    if (fake.child.exitCode !== null) return resolve();
    fake.child.once("exit", () => resolve());
    fake.child.stdin?.end();
    setTimeout(() => fake.child.kill("SIGKILL"), 5_000).unref();
  });
}

/** A fetch that remembers the last API request (not token requests) a client sent. */
function recordingFetch(): { fetch: typeof fetch; last: () => { url: string; authorization: string } } {
  let last: { url: string; authorization: string } | undefined;
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!/token/.test(new URL(request.url).pathname)) {
      last = { url: request.url, authorization: request.headers.get("authorization") ?? "" };
    }
    return fetch(request);
  }) as typeof fetch;
  return {
    fetch: f,
    last: () => {
      if (!last) throw new Error("the probe client sent no request");
      return last;
    },
  };
}

/** Raw `fetch` of the same URL with the same Authorization header, reading the JSON body. */
function rawCall(url: string, authorization: string): Call {
  return async () => {
    const response = await fetch(url, { headers: { authorization, accept: "application/json" } });
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
    return response.json();
  };
}

interface Target {
  label: string;
  kind: RowKind;
  goal?: boolean;
  call?: Call;
  missing?: Row;
}

interface ProviderSetup {
  targets: Target[];
  fake?: Fake;
}

interface OfficialCloudflare {
  default: new (o: {
    apiToken: string;
    baseURL: string;
  }) => {
    iam: { sso: { list(p: { account_id: string }): PromiseLike<unknown> } };
  };
}
interface LogtoApiModule {
  createManagementApi(
    tenantId: string,
    o: { clientId: string; clientSecret: string; baseUrl: string },
  ): { apiClient: { GET(path: string): Promise<{ data?: unknown; error?: unknown; response: Response }> } };
}

const str = (v: unknown) => String(v);

interface Calls {
  sso: Call;
  probe: Call;
  vendor?: () => Promise<Call>;
}

/** Builds the measured client, a probe client (recording fetch) and the vendor SDK, and seeds the fake. */
const drivers: {
  [P in Provider]: (mod: SsoModules[P], fake: Fake, probeFetch: typeof fetch) => Promise<Calls>;
} = {
  async cloudflare({ Cloudflare }, fake, probeFetch) {
    const c = fake.credentials;
    const account_id = str(c.accountId);
    const options = { apiToken: str(c.apiToken), baseURL: fake.baseURL };
    const cf = new Cloudflare(options);
    const probe = new Cloudflare({ ...options, fetch: probeFetch });
    await cf.iam.sso.create({ account_id, email_domain: "bench.example" });
    return {
      sso: async () => cf.iam.sso.list({ account_id }),
      probe: async () => probe.iam.sso.list({ account_id }),
      vendor: async () => {
        const { default: Official } = await importAnchor<OfficialCloudflare>("cloudflare");
        const official = new Official(options);
        return async () => official.iam.sso.list({ account_id });
      },
    };
  },
  async logto({ Logto }, fake, probeFetch) {
    const c = fake.credentials;
    const options = { endpoint: fake.baseURL, clientId: str(c.clientId), clientSecret: str(c.clientSecret) };
    const logto = new Logto(options);
    const probe = new Logto({ ...options, fetch: probeFetch });
    await logto.ssoConnectors.create({ providerName: "OIDC", connectorName: "bench-oidc" });
    return {
      sso: async () => logto.ssoConnectors.list(),
      probe: async () => probe.ssoConnectors.list(),
      vendor: async () => {
        const { createManagementApi } = await importAnchor<LogtoApiModule>("@logto/api/management");
        const { apiClient } = createManagementApi("default", {
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          baseUrl: fake.baseURL,
        });
        return async () => {
          const { error, response } = await apiClient.GET("/api/sso-connectors");
          if (error !== undefined) throw new Error(`@logto/api: HTTP ${response.status}`);
        };
      },
    };
  },
  async keycard({ Keycard }, fake, probeFetch) {
    const c = fake.credentials;
    const org = str(c.organizationId);
    const options = { clientId: str(c.clientId), clientSecret: str(c.clientSecret), baseURL: fake.baseURL };
    const keycard = new Keycard(options);
    const probe = new Keycard({ ...options, fetch: probeFetch });
    await keycard.organizations.ssoConnection.enable(org, {
      identifier: "https://idp.bench.example",
      client_id: "bench-client",
    });
    return {
      sso: async () => keycard.organizations.ssoConnection.retrieve(org),
      probe: async () => probe.organizations.ssoConnection.retrieve(org),
    };
  },
};

const rowLabels: { [P in Provider]: { raw: string; sso: string; vendor?: string } } = {
  cloudflare: { raw: labels.rawCloudflare, sso: labels.ssoCloudflare, vendor: labels.cloudflare },
  logto: { raw: labels.rawLogto, sso: labels.ssoLogto, vendor: labels.logtoApi },
  keycard: { raw: labels.rawKeycard, sso: labels.ssoKeycard },
};

async function setup<P extends Provider>(ctx: Context, provider: P): Promise<ProviderSetup> {
  const spec = rowLabels[provider];
  const allMissing = (status: "n/a" | "error", note: string): ProviderSetup => ({
    targets: [
      { label: spec.raw, kind: "floor", missing: missingRow(spec.raw, "floor", status, note) },
      { label: spec.sso, kind: "sso", missing: missingRow(spec.sso, "sso", status, note, GOAL) },
      ...(spec.vendor
        ? [
            {
              label: spec.vendor,
              kind: "anchor" as const,
              missing: missingRow(spec.vendor, "anchor", status, note),
            },
          ]
        : []),
    ],
  });
  const client = await loadClient(provider);
  if (!client.ok) return allMissing("n/a", client.reason);
  let fake: Fake | undefined;
  try {
    const started = await startFake(provider);
    if ("error" in started) return allMissing("n/a", started.error);
    fake = started;
    const recorder = recordingFetch();
    const calls = await drivers[provider](client.value, fake, recorder.fetch);
    await calls.probe();
    const { url, authorization } = recorder.last();
    const targets: Target[] = [
      { label: spec.raw, kind: "floor", call: rawCall(url, authorization) },
      { label: spec.sso, kind: "sso", goal: true, call: calls.sso },
    ];
    if (spec.vendor && calls.vendor) {
      targets.push(
        ctx.anchors.ok
          ? { label: spec.vendor, kind: "anchor", call: await calls.vendor() }
          : {
              label: spec.vendor,
              kind: "anchor",
              missing: missingRow(spec.vendor, "anchor", "skipped", anchorsMissing(ctx)),
            },
      );
    }
    return { targets, fake };
  } catch (error) {
    if (fake) await stopFake(fake);
    return allMissing("error", firstLine(error));
  }
}

interface Batch {
  seconds: number;
  latenciesMs: number[];
}

/** `count` calls from `concurrency` workers; wall time and each call's latency. */
async function batch(call: Call, count: number, concurrency: number): Promise<Batch> {
  let issued = 0;
  const latenciesMs: number[] = [];
  const worker = async () => {
    while (issued < count) {
      issued++;
      const t0 = performance.now();
      await call();
      latenciesMs.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

export async function loopbackSuite(ctx: Context): Promise<Section> {
  const { rounds, requests, concurrency } = ctx.mode.loopback;
  const perRound = Math.ceil(requests / rounds);
  const out: Row[] = [];
  for (const provider of ["cloudflare", "logto", "keycard"] as const) {
    const { targets, fake } = await setup(ctx, provider);
    try {
      const live = targets.filter((t): t is Target & { call: Call } => t.call !== undefined && !t.missing);
      const failed = new Map<string, string>();
      const guarded = (t: Target & { call: Call }) => async () => {
        try {
          return await batch(t.call, perRound, concurrency);
        } catch (error) {
          failed.set(t.label, firstLine(error));
          return { seconds: Number.NaN, latenciesMs: [] };
        }
      };
      for (const t of live) await batch(t.call, Math.min(50, perRound), concurrency); // warm-up: connections, JIT
      ctx.log(
        `loopback ${provider}: ${rounds} rounds × ${perRound} requests × ${live.length} targets, concurrency ${concurrency}`,
      );
      const samples = await alternate(
        rounds,
        live.map((t) => [t.label, guarded(t)] as const),
      );
      const rps = (label: string) => (samples.get(label) ?? []).map((b) => b.latenciesMs.length / b.seconds);
      const rawLabel = targets[0]!.label;
      for (const t of targets) {
        if (t.missing) {
          out.push(t.missing);
          continue;
        }
        const failure = failed.get(t.label);
        if (failure) {
          out.push(missingRow(t.label, t.kind, "error", failure, t.goal ? GOAL : undefined));
          continue;
        }
        const runs = samples.get(t.label)!;
        const latencies = runs.flatMap((b) => b.latenciesMs);
        const throughput = median(rps(t.label));
        const spread = ratioSpread(rps(rawLabel), rps(t.label));
        const vsRaw = spread.median;
        const row = okRow(
          t.label,
          t.kind,
          {
            "req/s": fmtInt(throughput),
            "p50 ms": fmtFixed(percentile(latencies, 50), 2),
            "p99 ms": fmtFixed(percentile(latencies, 99), 2),
            "time vs raw fetch": fmtSpread(spread),
          },
          {
            requestsPerSec: throughput,
            p50Ms: percentile(latencies, 50),
            p99Ms: percentile(latencies, 99),
            timeVsRawFetch: vsRaw,
            requests: latencies.length,
          },
        );
        if (t.goal) {
          row.goal = GOAL;
          row.met = vsRaw <= 1.3;
          row.measured = `${fmtRatio(vsRaw)} raw fetch`;
        }
        out.push(row);
      }
    } finally {
      if (fake) await stopFake(fake);
    }
  }
  return {
    id: "loopback",
    title: "3. Loopback throughput against the fake servers (real HTTP, 127.0.0.1)",
    method:
      "Each `@sso/<provider>/testing` fake runs in its own child process on 127.0.0.1; the benchmark process " +
      `sends ${fmtInt(requests)} requests per target (${rounds} rounds × ${fmtInt(perRound)}, targets alternating, ` +
      `after 50 warm-up requests) from ${concurrency} concurrent workers. Raw fetch replays the exact URL and ` +
      "Authorization header the @sso client sent (captured by a probe client) and parses the JSON. Vendor SDKs " +
      "run with their defaults (`cloudflare` with `apiToken` + `baseURL`; `@logto/api` `createManagementApi` with " +
      'client credentials). req/s is the median over rounds; p50/p99 over all requests; "time vs raw fetch" is ' +
      "the median per-round ratio of raw req/s to the target's req/s. The goal (our own, carried over from " +
      "the per-call goal) is a client costing at most 1.3× raw fetch end to end.",
    columns: ["req/s", "p50 ms", "p99 ms", "time vs raw fetch"],
    rows: out,
  };
}
