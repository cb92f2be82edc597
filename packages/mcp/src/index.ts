/**
 * @sso/mcp: an MCP server for SSO on Cloudflare, Logto and Keycard. Run it as `sso-mcp`; embed it with
 * `createServer({ clients })` and any `@modelcontextprotocol/sdk` transport.
 */
export { DEFAULT_WAIT_MS, MAX_LIST_ITEMS } from "./call.js";
export { type Io, main } from "./cli.js";
export {
  type ClientSelection,
  type Clients,
  ConfigurationError,
  clientsFromEnvironment,
  PROVIDER_NAMES,
} from "./clients.js";
export { type ProviderName, providers } from "./generated/index.js";
export { createServer, type ServerOptions } from "./server.js";
export type {
  InputSchema,
  JsonSchema,
  MethodsOf,
  Provider,
  ResourceCalls,
  SdkCall,
  ToolAnnotations,
  ToolDefinition,
} from "./tool-definition.js";
export { type ServedTool, selectTools, type ToolSelection } from "./tools.js";
export { VERSION } from "./version.js";
