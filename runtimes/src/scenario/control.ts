import type { Provider } from "./types.js";

/** A request the control server counts or a fault applies to: an exact path relative to the fake's base URL. */
export interface Match {
  method: string;
  path: string;
}

/**
 * The fakes' controls (`fake.faults`, `fake.expireTokens()`, `fake.exchanges`) over HTTP, so a scenario running
 * in a Worker or a page can drive fakes that run in Node. Uses only `fetch`, which every runtime has.
 */
export class FakeControl {
  readonly #origin: string;
  readonly #provider: Provider;

  constructor(origin: string, provider: Provider) {
    this.#origin = origin;
    this.#provider = provider;
  }

  /** `fake.faults.failNext(count, { status, retryAfterMs: 0, match })`: answers without acting. */
  failNext(count: number, status: number, match: Match): Promise<unknown> {
    return this.#send("fail-next", { count, status, match });
  }

  /** `fake.faults.dropNext({ when: "after", match })`: the fake acts, then destroys the connection unanswered. */
  dropNextAfter(match: Match): Promise<unknown> {
    return this.#send("drop-next-after", { match });
  }

  /** `fake.expireTokens()`: every token issued so far is now expired. */
  expireTokens(): Promise<unknown> {
    return this.#send("expire-tokens", {});
  }

  /** How many requests the fake has received that match (from `fake.exchanges`). */
  async count(match: Match): Promise<number> {
    const answer = (await this.#send("count", { match })) as { count?: unknown };
    if (typeof answer.count !== "number") throw new Error(`control count answered ${JSON.stringify(answer)}`);
    return answer.count;
  }

  async #send(command: string, body: object): Promise<unknown> {
    const response = await fetch(`${this.#origin}/${this.#provider}/${command}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${command}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : {};
  }
}
