import { responseError } from "./errors.js";
import { noop } from "./signals.js";

const decoder = /* @__PURE__ */ new TextDecoder();

/** A body's bytes as UTF-8 text; none is "". */
export const decode = (bytes: Uint8Array | undefined): string => (bytes ? decoder.decode(bytes) : "");

/** Default `maxResponseBytes`: 10 MiB, far above any SSO payload (a 100-connector page is a few hundred kB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * Reads a response body as a stream, at most `max` bytes: a longer body (announced by Content-Length or
 * found while reading) is cancelled and becomes an APIError, so an endless body cannot grow memory until
 * the timeout. `aborted` rejects when the attempt times out or the caller aborts, which also stops a body
 * that stalls mid-way even when a custom fetch ignores its signal.
 */
export async function readBody(
  response: Response,
  max: number,
  aborted: Promise<never>,
  label: string,
): Promise<Uint8Array> {
  const tooLarge = () =>
    responseError(
      response,
      `${label} -> ${response.status}: the response body is larger than maxResponseBytes (${max}); cut off`,
    );
  const body = response.body;
  if (Number(response.headers.get("content-length")) > max) {
    body?.cancel().catch(noop);
    throw tooLarge();
  }
  if (!body) return new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > max) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(noop);
    throw error;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
