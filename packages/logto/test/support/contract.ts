import { ContractChecker } from "@sso/conformance";
import { type LogtoFakeOptions, type LogtoFakeServer, startFakeServer } from "../../src/testing/index.js";

/** Validates every exchange of every fake started through `startCheckedFake` against specs/logto.openapi.yaml. */
export const contract = new ContractChecker("logto");

/** `startFakeServer` with the contract checker plugged into `onExchange`. Use it in every test. */
export function startCheckedFake(options: LogtoFakeOptions = {}): Promise<LogtoFakeServer> {
  return startFakeServer({
    ...options,
    onExchange: (exchange) => {
      contract.onExchange(exchange);
      options.onExchange?.(exchange);
    },
  });
}
