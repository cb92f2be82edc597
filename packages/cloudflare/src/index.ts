/**
 * @sso/cloudflare: the generated client and types (src/generated, from specs/cloudflare.openapi.yaml), its hand-written
 * configuration (src/lib), and everything public of @sso/core (errors, APIPromise, Page, option types), so
 * users never import the runtime themselves.
 */

export * from "@sso/core";
export * from "./generated/index.js";
export type { CloudflareOptions } from "./lib/config.js";
export type { SSOEnsureParams, SSOEnsureResult } from "./lib/workflows.js";
