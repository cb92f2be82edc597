import { describe, expectTypeOf, it } from "vitest";
import {
  type APIError,
  type APIPromise,
  type AuthProvider,
  type BaseClient,
  bearerAuth,
  clientCredentialsAuth,
  type NotFoundError,
  type Page,
  type PagePromise,
  type RequestOptions,
  type WithResponse,
} from "../src/index.js";

interface Connector {
  id: string;
}
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
    expectTypeOf(client.request<Connector>({ method: "GET", path: "/x" }, {})).toEqualTypeOf<
      APIPromise<Connector>
    >();
    expectTypeOf(client.requestPage<Connector>({ method: "GET", path: "/x" }, {})).toEqualTypeOf<
      PagePromise<Connector>
    >();
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
});
