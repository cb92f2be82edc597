/**
 * The README's tracing example compiles under the repo's strict settings and does what it says: one span per
 * HTTP request (retries included), a traceparent on each, the body of a write kept.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { Middleware } from "../src/index.js";
import { json, makeClient, op, stubFetch } from "./helpers.js";

const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
const block =
  /<!-- tracing-example:start -->\n```ts\n([\s\S]*?)\n```\n<!-- tracing-example:end -->/.exec(readme)?.[1] ??
  "";
const index = fileURLToPath(new URL("../src/index.js", import.meta.url));
const source = block.replace('from "@sso/cloudflare"', `from ${JSON.stringify(index)}`);
const dir = await mkdtemp(join(tmpdir(), "sso-readme-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Recorded {
  name: string;
  attributes: Record<string, string | number>;
  status?: { code: number; message?: string };
  ended: boolean;
}

describe("README: the OpenTelemetry-style tracing middleware", () => {
  it("is in the README", () => {
    expect(block).toContain("export function tracing(tracer: Tracer): Middleware");
  });

  it("type-checks under the repo's strict settings", async () => {
    const file = join(dir, "tracing.ts");
    await writeFile(join(dir, "package.json"), '{ "type": "module" }');
    await writeFile(file, source);
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      noUnusedLocals: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  }, 180_000);

  it("makes one span per attempt, each with its own traceparent, and keeps a write's body", async () => {
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const { tracing } = (await import(`data:text/javascript,${encodeURIComponent(js.outputText)}`)) as {
      tracing: (tracer: unknown) => Middleware;
    };
    const spans: Recorded[] = [];
    let n = 0;
    const tracer = {
      startSpan(name: string, options: { attributes?: Record<string, string | number> } = {}) {
        const spanId = (++n).toString(16).padStart(16, "0");
        const span: Recorded = { name, attributes: { ...options.attributes }, ended: false };
        spans.push(span);
        return {
          spanContext: () => ({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId, traceFlags: 1 }),
          setAttribute: (key: string, value: string | number) => {
            span.attributes[key] = value;
          },
          setStatus: (status: { code: number; message?: string }) => {
            span.status = status;
          },
          end: () => {
            span.ended = true;
          },
        };
      },
    };
    const stub = stubFetch(json({}, 503, { "retry-after-ms": "0" }), json({ id: "c1" }));
    const client = makeClient(stub.fetch, { middleware: [tracing(tracer)] });
    await client.request(op("POST", "/connectors/{id}", { idempotent: true }), { id: "c1", name: "n" });
    expect(spans).toEqual([
      {
        name: "POST /connectors/{id}",
        attributes: {
          "http.request.method": "POST",
          "url.template": "/connectors/{id}",
          "server.address": "api.test",
          "http.response.status_code": 503,
        },
        status: { code: 2 },
        ended: true,
      },
      {
        name: "POST /connectors/{id}",
        attributes: {
          "http.request.method": "POST",
          "url.template": "/connectors/{id}",
          "server.address": "api.test",
          "http.response.status_code": 200,
        },
        ended: true,
      },
    ]);
    expect(stub.calls.map((c) => c.headers.get("traceparent"))).toEqual([
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000001-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000002-01",
    ]);
    expect(stub.calls.map((c) => c.body)).toEqual(['{"name":"n"}', '{"name":"n"}']);
  });
});
