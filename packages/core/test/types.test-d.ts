import { describe, expectTypeOf, it } from "vitest";
import type * as Public from "../src/index.js";
import {
  type APIError,
  type APIPromise,
  type AuthProvider,
  type BaseClient,
  bearerAuth,
  clientCredentialsAuth,
  type NotFoundError,
  type OperationDescriptor,
  type Page,
  type PagePromise,
  type RequestOptions,
  type WithResponse,
} from "../src/internal.js";

interface Connector {
  id: string;
}
const op = {
  method: "GET",
  path: "/x",
  idempotent: true,
  security: [],
} as const satisfies OperationDescriptor;
interface Paths {
  "/things/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": Connector } };
        404: { headers: { [name: string]: unknown }; content: { "application/json": { code: string } } };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
declare const typed: BaseClient<Paths>;
declare const client: BaseClient;
declare const get: APIPromise<Connector>;
declare const list: PagePromise<Connector>;

describe("public types", () => {
  it("APIPromise<T> awaits to T and withResponse to { data, response }", async () => {
    expectTypeOf(await get).toEqualTypeOf<Connector>();
    expectTypeOf(get.withResponse()).resolves.toEqualTypeOf<WithResponse<Connector>>();
    expectTypeOf<WithResponse<Connector>>().toEqualTypeOf<{ data: Connector; response: Response }>();
    expectTypeOf(get).toMatchTypeOf<PromiseLike<Connector>>();
    expectTypeOf(get.then((c) => c.id)).resolves.toBeString();
  });

  it("PagePromise<T> awaits to Page<T> and iterates T", async () => {
    expectTypeOf(await list).toEqualTypeOf<Page<Connector>>();
    expectTypeOf(list).toMatchTypeOf<APIPromise<Page<Connector>>>();
    expectTypeOf(list).toMatchTypeOf<AsyncIterable<Connector>>();
    for await (const item of list) expectTypeOf(item).toEqualTypeOf<Connector>();
  });

  it("Page<T> has items, hasNextPage, getNextPage and iterates T", async () => {
    const page = await list;
    expectTypeOf(page.items).toEqualTypeOf<Connector[]>();
    expectTypeOf(page.hasNextPage()).toBeBoolean();
    expectTypeOf(page.getNextPage()).resolves.toEqualTypeOf<Page<Connector>>();
    expectTypeOf(page).toMatchTypeOf<AsyncIterable<Connector>>();
  });

  it("BaseClient methods carry the type parameter through", () => {
    expectTypeOf(client.request<Connector>(op, {})).toEqualTypeOf<APIPromise<Connector>>();
    expectTypeOf(client.requestPage<Connector>(op, undefined)).toEqualTypeOf<PagePromise<Connector>>();
    expectTypeOf<RequestOptions>().toEqualTypeOf<{
      timeout?: number;
      maxRetries?: number;
      signal?: AbortSignal;
      headers?: Record<string, string>;
    }>();
  });

  it("errors carry a typed body", () => {
    expectTypeOf<NotFoundError<{ code: string }>["error"]>().toEqualTypeOf<{ code: string }>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NotFoundError>().toMatchTypeOf<APIError>();
  });

  it("auth providers fit the contract", () => {
    expectTypeOf(bearerAuth).returns.toEqualTypeOf<AuthProvider>();
    expectTypeOf(clientCredentialsAuth).returns.toEqualTypeOf<AuthProvider>();
    expectTypeOf<AuthProvider["headers"]>().parameter(0).toMatchTypeOf<{ fetch: typeof fetch }>();
  });

  it("asResponse gives the raw Response", () => {
    expectTypeOf(get.asResponse()).resolves.toEqualTypeOf<Response>();
    expectTypeOf(list.asResponse()).resolves.toEqualTypeOf<Response>();
  });

  it("raw is an openapi-fetch client typed by the paths", async () => {
    const { data, error } = await typed.raw.GET("/things/{id}", { params: { path: { id: "a" } } });
    expectTypeOf(data).toEqualTypeOf<Connector | undefined>();
    expectTypeOf(error).toEqualTypeOf<{ code: string } | undefined>();
    // @ts-expect-error: a path the spec does not have
    typed.raw.GET("/nope");
    // @ts-expect-error: the path parameter is required
    typed.raw.GET("/things/{id}", { params: { path: {} } });
  });

  it("the public entry holds what users rely on, and no internals", () => {
    expectTypeOf<Public.SSOError>().toMatchTypeOf<Error>();
    expectTypeOf<Public.VerificationError<Connector>["connector"]>().toEqualTypeOf<Connector>();
    expectTypeOf<Public.Middleware>().toHaveProperty("onRequest");
    // @ts-expect-error: BaseClient is internal
    type _NotPublic = Public.BaseClient;
  });
});
