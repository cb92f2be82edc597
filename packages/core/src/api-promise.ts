/** The data of a call together with its Response (body already read; use it for status and headers). */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

/**
 * A lazy promise for one API call: nothing is sent until it is awaited (or `.withResponse()`/iteration starts
 * it), so a call nobody awaits never sends a request and never rejects unhandled.
 */
export class APIPromise<T> implements PromiseLike<T> {
  protected readonly _run: () => Promise<WithResponse<T>>;
  protected _started: Promise<WithResponse<T>> | undefined;

  constructor(run: () => Promise<WithResponse<T>>) {
    this._run = run;
  }

  /** `{ data, response }` instead of just the data. */
  withResponse(): Promise<WithResponse<T>> {
    this._started ??= this._run();
    return this._started;
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
