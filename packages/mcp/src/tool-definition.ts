/**
 * What a generated provider file (`src/generated/<provider>.ts`) declares: the provider's client class and one
 * tool per SDK method, with the call behind it. The call is checked against the client's own type, so a
 * renamed resource or method fails to compile here rather than at a tool call.
 */
import type { ClientOptions } from "@sso/core";

/** A JSON Schema 2020-12 value, as the generator wrote it. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** A tool's arguments: always an object schema, as MCP requires. */
export interface InputSchema {
  readonly type: "object";
  /** One per argument: the positional path parameter, the other parameters, the body's fields (or `body`). */
  readonly properties: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  /** `additionalProperties`, a union body's `allOf`/`anyOf`, the component schemas under `$defs`. */
  readonly [keyword: string]: unknown;
}

/** MCP tool annotations, every hint written out (MCP's defaults assume a destructive, non-idempotent tool). */
export interface ToolAnnotations {
  /** A read (GET): changes nothing. */
  readonly readOnlyHint: boolean;
  /** A delete or a disable. */
  readonly destructiveHint: boolean;
  /** Safe to repeat: the spec's `x-sdk-idempotent`, else the HTTP method. */
  readonly idempotentHint: boolean;
  /** Always: every tool reaches a third-party API. */
  readonly openWorldHint: boolean;
}

/** The names of a resource's methods. */
export type MethodsOf<R> = {
  [K in keyof R & string]: R[K] extends (...args: never[]) => unknown ? K : never;
}[keyof R & string];

/** Every resource below `T` with its path: `{ resource: ["iam", "sso"]; method: "get" | "list" | ... }`. */
export type ResourceCalls<
  T,
  Path extends readonly string[] = [],
  Depth extends readonly unknown[] = [],
> = Depth["length"] extends 4
  ? never
  : {
      [K in keyof T & string]: T[K] extends (...args: never[]) => unknown
        ? never
        : T[K] extends object
          ?
              | { readonly resource: readonly [...Path, K]; readonly method: MethodsOf<T[K]> }
              | ResourceCalls<T[K], [...Path, K], [...Depth, unknown]>
          : never;
    }[keyof T & string];

/** How the server calls the SDK method behind a tool, checked against the client `C` (any, when unknown). */
export type SdkCall<C = unknown> = (unknown extends C
  ? { readonly resource: readonly string[]; readonly method: string }
  : ResourceCalls<C>) & {
  /** The argument passed first, by position; the rest of the input is the params object. */
  readonly positional?: string;
  /** False when the method takes no params object (`get(id, options?)`). */
  readonly params: boolean;
  /** A paginated list: the server walks its pages. */
  readonly list: boolean;
  /** Input fields passed as the last argument (a workflow's options, such as `timeout`), not as params. */
  readonly options?: readonly string[];
};

/** One MCP tool: what `tools/list` shows, and the SDK call behind it. */
export interface ToolDefinition<C = unknown> {
  /** `<provider>_<resource path>_<method>` in snake_case. */
  readonly name: string;
  /** The operation's summary (a workflow's one-line summary). */
  readonly title: string;
  /** Summary and description of the operation, prose only. */
  readonly description: string;
  /** The SDK method's arguments as one object. */
  readonly inputSchema: InputSchema;
  readonly annotations: ToolAnnotations;
  /** How the server calls the SDK method. */
  readonly call: SdkCall<C>;
}

/** A provider as generated from its spec: the client class its tools call, and the tools. */
export interface Provider<C = unknown> {
  /** The spec's name: `specs/<name>.openapi.yaml`. */
  readonly name: string;
  /** The API's title (`info.title`). */
  readonly title: string;
  /** The client package: `@sso/cloudflare`. */
  readonly packageName: string;
  /** Constructed with the client's own environment fallbacks; throws InvalidArgumentError without credentials. */
  readonly Client: new (
    options?: ClientOptions,
  ) => C;
  /** One per SDK method, workflows included, in the spec's resource order. */
  readonly tools: readonly ToolDefinition<C>[];
}
