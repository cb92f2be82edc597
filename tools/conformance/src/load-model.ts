import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { ApiModel } from "@sso/codegen";

/** A spec to load: by name from the repository (`loadModel`), or as text (`modelFromText`). */
export type ModelRequest =
  | { root: string; name: string }
  | { root: string; name: string; file: string; text: string; packageName: string };

/**
 * Loads specs with `@sso/codegen` on a worker thread, which resolves its promises while this thread waits, so the
 * checker's constructor can stay synchronous. Written as a CommonJS script because the worker runs plain Node.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const codegen = import(workerData.codegen);
parentPort.on("message", async ({ request, port, signal }) => {
  try {
    const { loadModel, modelFromText } = await codegen;
    const model = "text" in request ? await modelFromText(request.root, request) : await loadModel(request.root, request.name);
    port.postMessage({ model });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/** How long a spec may take to load before the checker gives up. */
const TIMEOUT_MS = 120_000;

let worker: Worker | undefined;
const models = new Map<string, ApiModel>();

/** The model of a spec, loaded once per process; throws the loader's message (every problem) when it is bad. */
export function loadModelSync(request: ModelRequest): ApiModel {
  const key = JSON.stringify(request);
  const known = models.get(key);
  if (known) return known;
  if (!worker) {
    const codegen = pathToFileURL(createRequire(import.meta.url).resolve("@sso/codegen")).href;
    worker = new Worker(WORKER, { eval: true, workerData: { codegen } });
    worker.unref();
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ request, port: port2, signal }, [port2]);
  const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
  const reply = receiveMessageOnPort(port1)?.message as { model?: ApiModel; error?: string } | undefined;
  port1.close();
  if (!reply?.model) {
    throw new Error(
      reply?.error ?? `loading the ${request.name} spec ${waited === "timed-out" ? "timed out" : "failed"}`,
    );
  }
  models.set(key, reply.model);
  return reply.model;
}
