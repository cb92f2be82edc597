import { ContractChecker } from "@sso/conformance";
import {
  type CloudflareFakeOptions,
  type CloudflareFakeServer,
  startFakeServer,
} from "../../src/testing/index.js";

/** Validates every exchange of every fake started through `startCheckedFake` against specs/cloudflare.openapi.yaml. */
export const contract = new ContractChecker("cloudflare");

/** `startFakeServer` with the contract checker plugged into `onExchange`. Use it in every test. */
export function startCheckedFake(options: CloudflareFakeOptions = {}): Promise<CloudflareFakeServer> {
  return startFakeServer({
    ...options,
    onExchange: (exchange) => {
      contract.onExchange(exchange);
      options.onExchange?.(exchange);
    },
  });
}
