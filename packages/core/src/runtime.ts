interface DenoHttpClient {
  close(): void;
}

/**
 * In Deno, a fetch `client` that never keeps a connection for reuse, for requests that must not be sent
 * twice; undefined in every other runtime. Deno's fetch transparently resends a request once when a
 * connection taken from its pool is reset before the response (denoland/deno#35610); a connection that was
 * never pooled is not resent. One client per request, closed when the attempt ends, so `deno test`'s
 * resource sanitizer sees nothing left open.
 */
export function freshConnection(): { init: { client: DenoHttpClient }; close(): void } | undefined {
  const { Deno } = globalThis as { Deno?: { createHttpClient?(options: object): DenoHttpClient } };
  if (typeof Deno?.createHttpClient !== "function") return undefined;
  try {
    const client = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
    return {
      init: { client },
      close: () => {
        try {
          client.close();
        } catch {
          // already closed
        }
      },
    };
  } catch {
    return undefined;
  }
}
