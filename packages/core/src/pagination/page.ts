import { APIPromise, type WithResponse } from "../api-promise.js";
import { SSOError } from "../errors.js";

/** One page of a list: its items, and the way to the next page when there is one. */
export class Page<T> implements AsyncIterable<T> {
  readonly items: T[];
  /** The Response this page came from (body already read). */
  readonly response: Response;
  readonly #next: (() => Promise<Page<T>>) | null;

  constructor(items: T[], response: Response, next: (() => Promise<Page<T>>) | null) {
    this.items = items;
    this.response = response;
    this.#next = next;
  }

  hasNextPage(): boolean {
    return this.#next !== null;
  }

  /** The next page; rejects with PaginationError when the server's next page would not advance. */
  async getNextPage(): Promise<Page<T>> {
    if (!this.#next) throw new SSOError("This is the last page; check hasNextPage() before getNextPage().");
    return this.#next();
  }

  /** This page, then every following page. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and of every following page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.items;
  }
}

/**
 * `await` gives the first Page; `for await` walks every item of every page. Iteration may start with
 * different query defaults than `await` (e.g. the largest page size), which laziness makes possible.
 */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  readonly #iterate: () => Promise<WithResponse<Page<T>>>;

  constructor(
    run: () => Promise<WithResponse<Page<T>>>,
    iterate: () => Promise<WithResponse<Page<T>>> = run,
    raw?: () => Promise<Response>,
  ) {
    super(run, raw);
    this.#iterate = iterate;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    this._started ??= this.#iterate();
    yield* (await this._started).data;
  }
}
