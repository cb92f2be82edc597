/** Which providers a server serves, and their clients, built from the clients' own environment variables. */
import { InvalidArgumentError, type Logger } from "@sso/core";
import { environmentSecrets, isConfigured } from "./environment.js";
import { type ProviderName, providers } from "./generated/index.js";

/** The client of each provider, as its generated file names it. */
export type Clients = { [P in ProviderName]?: InstanceType<(typeof providers)[P]["Client"]> };

/** Every provider the specs describe, sorted. */
export const PROVIDER_NAMES = Object.keys(providers).sort() as ProviderName[];

/** The providers to serve and why the others are not. */
export interface ClientSelection {
  /** The client of each provider served. */
  readonly clients: Clients;
  /** Values to mask in every result and log line: the secrets the environment holds for these providers. */
  readonly secrets: readonly string[];
  /** Providers left out because none of their variables is set (only when they were not asked for). */
  readonly skipped: readonly ProviderName[];
}

/** A provider asked for (or half configured) whose client cannot be built: the client's own message. */
export class ConfigurationError extends Error {}

/**
 * Builds the client of every provider in `wanted` (default: every provider whose variables are set). Each client
 * reads its credentials from the environment as it always does; its logs go to `logger`, never to stdout,
 * which belongs to the stdio transport. A provider asked for by name, or with some variables set, whose client
 * refuses its configuration is an error with the client's message; one with nothing set is skipped.
 */
export function clientsFromEnvironment(options: {
  wanted?: readonly ProviderName[];
  logger: Logger;
}): ClientSelection {
  const explicit = options.wanted !== undefined;
  const wanted = options.wanted ?? PROVIDER_NAMES;
  const clients: Record<string, unknown> = {};
  const skipped: ProviderName[] = [];
  const problems: string[] = [];
  for (const name of wanted) {
    if (!explicit && !isConfigured(name)) {
      skipped.push(name);
      continue;
    }
    try {
      clients[name] = new providers[name].Client({ logger: options.logger });
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error;
      problems.push(`${name}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems.join("\n"));
  const served = wanted.filter((name) => name in clients);
  return { clients: clients as Clients, secrets: environmentSecrets(served), skipped };
}
