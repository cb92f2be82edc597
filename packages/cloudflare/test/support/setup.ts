import { assertNoViolations } from "@sso/conformance";
import { afterEach } from "vitest";
import { contract } from "./contract.js";

// A request or response that breaks the spec fails the test during which it happened.
afterEach(() => {
  assertNoViolations(contract.take());
});
