/**
 * What the generator must know about the runtime the generated code runs on: read from `@sso/core/internal`,
 * never restated here, so a change there reaches the generator (and its output) at once.
 */
export {
  errorClassName,
  IDEMPOTENT_METHODS,
  PAGINATION_STYLES,
  PUBLIC_EXPORTS,
  RESERVED_CLIENT_MEMBERS,
  RESERVED_RESOURCE_MEMBERS,
} from "@sso/core/internal";
