interface Subscribers {
  fns: Set<() => void>;
  dispatch: () => void;
}

const bySignal = new WeakMap<AbortSignal, Subscribers>();
/** Does nothing: the unsubscribe of a signal that needs none, the handler of a rejection nobody awaits. */
export const noop = (): void => {};

/**
 * Runs `fn` once when `signal` aborts and returns the unsubscribe. However many calls share one signal, it
 * carries a single listener, removed when the last of them unsubscribes: 50 concurrent calls on one signal
 * never trip Node's MaxListenersExceededWarning, and a finished call leaves nothing behind on it.
 */
export function onAbort(signal: AbortSignal | undefined, fn: () => void): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    fn();
    return noop;
  }
  let subscribers = bySignal.get(signal);
  if (!subscribers) {
    const fns = new Set<() => void>();
    const dispatch = () => {
      bySignal.delete(signal);
      for (const each of fns) each();
    };
    subscribers = { fns, dispatch };
    bySignal.set(signal, subscribers);
    signal.addEventListener("abort", dispatch, { once: true });
  }
  const { fns, dispatch } = subscribers;
  const once = () => fn(); // a fresh function per subscription, so the same `fn` may subscribe twice
  fns.add(once);
  return () => {
    fns.delete(once);
    if (fns.size === 0 && bySignal.get(signal) === subscribers) {
      bySignal.delete(signal);
      signal.removeEventListener("abort", dispatch);
    }
  };
}

/** A promise that rejects with the signal's reason once it aborts, and the way to stop listening. */
export function abortPromise(signal: AbortSignal): { promise: Promise<never>; off: () => void } {
  let off = noop;
  const promise = new Promise<never>((_, reject) => {
    off = onAbort(signal, () => reject(signal.reason));
  });
  promise.catch(noop); // only ever raced; never an unhandled rejection on its own
  return { promise, off };
}
