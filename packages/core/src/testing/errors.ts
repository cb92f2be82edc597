/**
 * How a fake's handlers refuse a request: throw a `FakeError` carrying the provider's own error reply. The kit
 * catches it and answers with that reply; nothing the handler planned is committed.
 */
import type { FakeReply } from "./http.js";

export class FakeError extends Error {
  readonly reply: FakeReply;

  constructor(reply: FakeReply, message = `fake answered ${reply.status}`) {
    super(message);
    this.name = "FakeError";
    this.reply = { status: reply.status, ...(reply.headers ? { headers: reply.headers } : {}) };
    if (reply.text !== undefined) this.reply.text = reply.text;
    else if (reply.body !== undefined) this.reply.body = reply.body;
  }
}

/** Throws a `FakeError` for `reply`: the one-line way for handlers to refuse a request. */
export function refuse(reply: FakeReply): never {
  throw new FakeError(reply);
}
