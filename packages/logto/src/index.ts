/**
 * @sso/logto: the generated client and types (src/generated, from specs/logto.openapi.yaml), its hand-written
 * configuration (src/lib), and everything public of @sso/core (errors, APIPromise, Page, option types), so
 * users never import the runtime themselves.
 */

export * from "@sso/core";
export * from "./generated/index.js";
export type { LogtoOptions } from "./lib/config.js";
export type { SsoConnectorEnsureResult } from "./lib/workflows.js";
