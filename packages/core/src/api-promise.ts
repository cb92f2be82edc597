/** The data of a call together with its Response (body already read; use it for status and headers). */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

/**
 * A lazy promise for one API call: nothing is sent until it is awaited (or `.withResponse()`, `.asResponse()`
 * or iteration starts it), so a call nobody awaits never sends a request and never rejects unhandled.
 */
export class APIPromise<T> implements PromiseLike<T> {
  protected readonly _run: () => Promise<WithResponse<T>>;
  protected readonly _raw: (() => Promise<Response>) | undefined;
  protected _started: Promise<WithResponse<T>> | undefined;

  constructor(run: () => Promise<WithResponse<T>>, raw?: () => Promise<Response>) {
    this._run = run;
    this._raw = raw;
  }

  /** `{ data, response }` instead of just the data. */
  withResponse(): Promise<WithResponse<T>> {
    this._started ??= this._run();
    return this._started;
  }

  /**
   * The raw Response of a 2xx as soon as its headers arrive, body unread (yours to read or cancel; the
   * timeout and size cap no longer apply to it). An error status still rejects with the typed error. Sends
   * its own request: use it instead of awaiting the call, not as well.
   */
  asResponse(): Promise<Response> {
    return this._raw ? this._raw() : this.withResponse().then((result) => result.response);
  }

  // biome-ignore lint/suspicious/noThenProperty: being awaitable is the point of an APIPromise
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.withResponse()
      .then((result) => result.data)
      .then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return "APIPromise";
  }
}
