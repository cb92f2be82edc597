import type { FakeControl, Match } from "./control.js";
import { describeError } from "./steps.js";
import type { DuplicatePostObservation } from "./types.js";

/**
 * Sends one create through the SDK with retries off, on a keep-alive connection that `warmUp` has just used,
 * while the fake is told to act on the POST and then close the connection without answering. The SDK must not
 * send it again (it cannot know whether the server acted); a platform `fetch` that silently resends a request
 * whose reused connection closed makes the fake receive it twice: a duplicate create.
 */
export async function observeDuplicatePost(
  control: FakeControl,
  match: Match,
  warmUp: () => Promise<unknown>,
  create: () => Promise<unknown>,
): Promise<DuplicatePostObservation> {
  const before = await control.count(match);
  await warmUp();
  await control.dropNextAfter(match);
  let outcome: string;
  try {
    await create();
    outcome = "created";
  } catch (error) {
    outcome = error instanceof Error ? error.constructor.name : describeError(error);
  }
  return { received: (await control.count(match)) - before, outcome };
}
