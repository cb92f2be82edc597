import { ContractChecker } from "@sso/conformance";
import { type KeycardFakeOptions, type KeycardFakeServer, startFakeServer } from "../../src/testing/index.js";

/** Validates every exchange of every fake started through `startCheckedFake` against specs/keycard.openapi.yaml. */
export const contract = new ContractChecker("keycard");

/** `startFakeServer` with the contract checker plugged into `onExchange`. Use it in every test. */
export function startCheckedFake(options: KeycardFakeOptions = {}): Promise<KeycardFakeServer> {
  return startFakeServer({
    ...options,
    onExchange: (exchange) => {
      contract.onExchange(exchange);
      options.onExchange?.(exchange);
    },
  });
}
