/**
 * Logto's input guards, from the spec's generated schemas: a body checked like `koaGuard` (400
 * `guard.invalid_input` with zod-style `details`), and a connector `config` checked against its provider's
 * schema (400 `connector.invalid_config`), which Logto does after the body guard and the domain checks.
 */
import {
  type FakeRequest,
  isRecord,
  type JsonSchema,
  OperationGuard,
  type SchemaProblem,
} from "@sso/core/testing";
import * as schemas from "../generated/json-schemas.js";
import { detailLine, fail, invalidInput } from "./errors.js";
import type { ProviderName } from "./types.js";

export const guard = new OperationGuard(schemas);

/** A problem inside `config` (not `config` missing its object type), left to the provider's config check. */
function inConfig(problem: SchemaProblem): boolean {
  return problem.path[0] === "config" && (problem.path.length > 1 || problem.keyword !== "type");
}

/**
 * The JSON body of an operation after the body guard. An absent body is `{}` (Logto's body parser gives an
 * empty object). With `config: "deferred"`, problems inside `config` are left to `checkConfig`.
 */
export function guardedBody<T>(request: FakeRequest, key: string, options: { config?: "deferred" } = {}): T {
  if (request.bodyError) invalidInput("body", [request.bodyError]);
  const body = request.body ?? {};
  const problems = guard.body(key, body).filter((p) => !(options.config === "deferred" && inConfig(p)));
  if (problems.length > 0)
    invalidInput(
      "body",
      problems.map((p) => detailLine(p)),
    );
  return body as T;
}

/** Each provider's config schema, read from the create body's variants (the spec keys them by provider). */
function configSchema(providerName: ProviderName): JsonSchema {
  const create = guard.component("SsoConnectorCreateRequest") as { oneOf?: Array<{ $ref?: string }> };
  for (const variant of create.oneOf ?? []) {
    const name = (variant.$ref ?? "").replace("#/components/schemas/", "");
    const schema = guard.component(name) as {
      properties?: Record<string, { enum?: unknown[] }> & { config?: JsonSchema };
    };
    if (schema.properties?.providerName?.enum?.includes(providerName) && schema.properties.config) {
      return schema.properties.config;
    }
  }
  throw new Error(`the spec has no config schema for provider ${providerName}`);
}

/** 400 `connector.invalid_config` when `config` does not fit its provider; `details` are relative to `config`. */
export function checkConfig(providerName: ProviderName, config: unknown): void {
  if (!isRecord(config)) return;
  const problems = guard.validate(configSchema(providerName), config);
  if (problems.length > 0) {
    fail(400, "connector.invalid_config", "The connector's config is invalid.", {
      details: problems.map((p) => detailLine(p)).join("\n"),
    });
  }
}
