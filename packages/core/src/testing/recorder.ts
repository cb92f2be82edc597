/** The bounded ring of exchanges a fake keeps, and the `onExchange` hook it tells synchronously. */
import type { Exchange } from "./server.js";

export class ExchangeRecorder {
  #exchanges: Exchange[] = [];
  #seq = 0;

  constructor(
    readonly server: string,
    readonly limit: number,
    readonly onExchange?: (exchange: Exchange) => void,
  ) {}

  /** The next exchange's 1-based sequence number. */
  nextSeq(): number {
    return ++this.#seq;
  }

  record(exchange: Exchange): void {
    if (this.limit > 0) {
      this.#exchanges.push(exchange);
      if (this.#exchanges.length > this.limit) this.#exchanges.splice(0, this.#exchanges.length - this.limit);
    }
    if (!this.onExchange) return;
    try {
      this.onExchange(exchange);
    } catch (error) {
      console.error(`[fake ${this.server}] onExchange threw:`, error);
    }
  }

  get exchanges(): Exchange[] {
    return this.#exchanges.slice();
  }

  clear(): void {
    this.#exchanges = [];
  }
}
