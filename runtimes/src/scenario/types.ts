/** What a scenario needs to reach the fakes: their base URLs, the credentials they accept, and the control server. */
export interface FakeEndpoints {
  /** Origin of the control server that drives the fakes' fault injection and token expiry from any runtime. */
  control: string;
  cloudflare: { baseURL: string; apiToken: string; accountId: string };
  logto: { baseURL: string; clientId: string; clientSecret: string };
  keycard: { baseURL: string; clientId: string; clientSecret: string; organizationId: string };
}

export type Provider = "cloudflare" | "logto" | "keycard";

export const PROVIDERS: readonly Provider[] = ["cloudflare", "logto", "keycard"];

export interface StepResult {
  step: string;
  ok: boolean;
  /** What the step saw (ids, counts), or the error when it failed. */
  detail: string;
}

/**
 * A create sent once by the SDK (`maxRetries: 0`) on a reused keep-alive connection that the fake closes after
 * acting: how many times the fake received it, and how the call ended. More than 1 means the platform's own
 * fetch sent the POST again.
 */
export interface DuplicatePostObservation {
  received: number;
  /** `APIConnectionError`, `ConflictError`, `created` (the resent POST was answered), ... */
  outcome: string;
}

export interface ScenarioResult {
  provider: Provider;
  ok: boolean;
  steps: StepResult[];
  duplicatePost?: DuplicatePostObservation;
}

/** One runtime's answer, as every entry point (CLI, Worker, page) prints or returns it. */
export interface RuntimeReport {
  runtime: string;
  version: string;
  results: ScenarioResult[];
}
