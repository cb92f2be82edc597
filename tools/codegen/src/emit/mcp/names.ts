import type { OperationModel } from "../../ir/model.js";
import { words } from "../../ir/names.js";

/** Longer tool names are cut or refused by some MCP clients (64 is the tightest limit in use). */
export const MAX_TOOL_NAME = 64;

/** `beginVerification` -> `begin_verification`, `ssoConnectors.signingKeys` -> `sso_connectors_signing_keys`. */
export function snakeCase(text: string): string {
  return words(text)
    .map((word) => word.toLowerCase())
    .join("_");
}

/**
 * `<provider>_<resource path>_<method>` in snake_case: `cloudflare_iam_sso_create`,
 * `logto_sso_connectors_signing_keys_list`. The provider is the spec's name (`specs/<provider>.openapi.yaml`).
 */
export function toolName(provider: string, op: Pick<OperationModel, "key">): string {
  return [provider, ...op.key.split(".")].map(snakeCase).join("_");
}
