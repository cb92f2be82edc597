/**
 * The emitter test table: one tiny spec per feature and the exact text it must produce (emit.test.ts). The same
 * specs are compiled, examples included, by compile.test.ts.
 */
import type { FixtureParts } from "./support/fixture.js";

export interface Case {
  /** The spec: full parts, or just `paths` with a `Thing` schema available. */
  spec: FixtureParts;
  /** Package-relative file to look in. */
  file: string;
  /** Snippets the file must contain, written indented like the test source (they are dedented). */
  want: string[];
}

const THING = `
  Thing:
    type: object
    required: [id]
    properties:
      id: { type: string }
      name: { type: string }
`;

const PETS = `
  Pet:
    oneOf:
      - $ref: "#/components/schemas/Cat"
      - $ref: "#/components/schemas/Dog"
    discriminator: { propertyName: kind, mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } }
  Base: { type: object, required: [name], properties: { name: { type: string } } }
  Cat:
    allOf:
      - $ref: "#/components/schemas/Base"
      - { type: object, required: [kind], properties: { kind: { type: string, enum: [cat] }, indoor: { type: boolean } } }
  Dog:
    allOf:
      - $ref: "#/components/schemas/Base"
      - { type: object, required: [kind], properties: { kind: { type: string, enum: [dog] }, good: { type: boolean } } }
`;

const ENVELOPES = `
  Envelope: { type: object, required: [success], properties: { success: { type: boolean } } }
  ThingEnvelope:
    allOf:
      - $ref: "#/components/schemas/Envelope"
      - { type: object, properties: { result: { $ref: "#/components/schemas/Thing" } } }
  ThingsEnvelope:
    allOf:
      - $ref: "#/components/schemas/Envelope"
      - { type: object, properties: { result: { type: array, items: { $ref: "#/components/schemas/Thing" } } } }
`;

const PING = `
  /ping:
    post: { summary: Ping the API, x-sdk-resource: ping, x-sdk-method: send, responses: { "204": { description: ok } } }
`;

const ok = (schema: string) =>
  `"200": { description: ok, content: { application/json: { schema: ${schema} } } }`;

export const cases: Record<string, Case> = {
  "path and query parameters: last path parameter positional, the rest in params": {
    spec: {
      schemas: THING,
      paths: `
        /accounts/{account_id}/things/{thing_id}:
          parameters:
            - { name: account_id, in: path, required: true, description: The account., schema: { type: string } }
            - { name: thing_id, in: path, required: true, schema: { type: string }, example: t_1 }
          get:
            summary: Get a thing
            x-sdk-resource: things
            x-sdk-method: get
            parameters:
              - { name: limit, in: query, required: true, schema: { type: integer } }
              - { name: verbose, in: query, schema: { type: boolean } }
            responses:
              ${ok('{ $ref: "#/components/schemas/Thing" }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      get(thing_id: string, params: ThingsGetParams, options?: RequestOptions): APIPromise<Thing> {
        return this._client.request<Thing>(getOperation, { ...params, thing_id }, options);
      }
      `,
      `
      const getOperation = {
        method: "GET",
        path: "/accounts/{account_id}/things/{thing_id}",
        idempotent: true,
        params: { account_id: "path", thing_id: "path", limit: "query", verbose: "query" },
        required: ["account_id", "thing_id", "limit"],
        limits: { limit: { integer: true } },
        security: ["token"],
        response: { types: ["object"], required: ["id"] },
      } as const satisfies OperationDescriptor;
      `,
      `const thing = await client.things.get("t_1", { account_id: "string", limit: 1 });`,
    ],
  },
  "x-sdk-positional: false puts every path parameter in params; descriptions become JSDoc": {
    spec: {
      schemas: THING,
      paths: `
        /accounts/{account_id}/things:
          get:
            x-sdk-resource: things
            x-sdk-method: find
            x-sdk-positional: false
            parameters:
              - { name: account_id, in: path, required: true, description: The account., schema: { type: string } }
              - { name: q, in: query, description: Search text., schema: { type: string } }
            responses:
              ${ok('{ $ref: "#/components/schemas/Thing" }')}
      `,
    },
    file: "src/generated/types.ts",
    want: [
      `
      /** Parameters of \`client.things.find()\`. */
      export interface ThingsFindParams {
        /** The account. */
        account_id: string;
        /** Search text. */
        q?: string;
      }
      `,
    ],
  },
  "header parameters keep their wire name and get a local identifier": {
    spec: {
      paths: `
        /things/{id}:
          delete:
            x-sdk-resource: things
            x-sdk-method: delete
            parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
              - { name: X-Request-Id, in: header, schema: { type: string, format: uuid } }
            responses:
              "204": { description: gone }
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      delete(id: string, params: ThingsDeleteParams = {}, options?: RequestOptions): APIPromise<void> {
        return this._client.request<void>(deleteOperation, { ...params, id }, options);
      }
      `,
      `
        params: { id: "path", "X-Request-Id": "header" },
        required: ["id"],
        security: ["token"],
        content: "none",
      `,
    ],
  },
  "JSON body fields are flattened next to the parameters; the rest is the body": {
    spec: {
      schemas: THING,
      paths: `
        /accounts/{account_id}/things:
          post:
            x-sdk-resource: things
            x-sdk-method: create
            x-sdk-positional: false
            parameters:
              - { name: account_id, in: path, required: true, schema: { type: string } }
            requestBody:
              required: true
              content:
                application/json:
                  schema:
                    type: object
                    required: [name]
                    properties:
                      name: { type: string, description: Its name. }
                      draft: { type: boolean }
                  example: { name: widget }
            responses:
              ${ok('{ $ref: "#/components/schemas/Thing" }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      create(params: ThingsCreateParams, options?: RequestOptions): APIPromise<Thing> {
        return this._client.request<Thing>(createOperation, params, options);
      }
      `,
      `
        params: { account_id: "path" },
        required: ["account_id", "name"],
        body: "fields",
      `,
      `const thing = await client.things.create({ account_id: "string", name: "widget" });`,
    ],
  },
  "arrays: array parameters, array fields, array responses": {
    spec: {
      schemas: THING,
      paths: `
        /things:
          get:
            x-sdk-resource: things
            x-sdk-method: byIds
            parameters:
              - { name: ids, in: query, required: true, schema: { type: array, items: { type: string } } }
            responses:
              ${ok('{ type: array, items: { $ref: "#/components/schemas/Thing" } }')}
          put:
            x-sdk-resource: things
            x-sdk-method: replace
            requestBody:
              required: true
              content:
                application/json:
                  schema: { type: object, required: [tags], properties: { tags: { type: array, items: { type: string } } } }
            responses:
              "204": { description: replaced }
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      "byIds(params: ThingsByIDsParams, options?: RequestOptions): APIPromise<Thing[]> {",
      `const things = await client.things.byIds({ ids: ["string"] });`,
      `await client.things.replace({ tags: ["string"] });`,
    ],
  },
  "nullable: 3.1 type arrays and oneOf with null": {
    spec: {
      schemas: `
        Thing:
          type: object
          required: [parent]
          properties:
            parent: { type: [string, "null"] }
            score: { type: [number, "null"] }
      `,
      paths: `
        /things/{id}:
          patch:
            x-sdk-resource: things
            x-sdk-method: update
            parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
            requestBody:
              required: true
              content:
                application/json:
                  schema: { type: object, properties: { note: { type: [string, "null"] } } }
            responses:
              ${ok('{ oneOf: [{ $ref: "#/components/schemas/Thing" }, { type: "null" }] }')}
      `,
    },
    file: "src/generated/types.ts",
    want: [
      `
      export interface ThingsUpdateParams {
        note?: string | null;
      }
      `,
      `
      /** What \`client.things.update()\` resolves to. */
      export type ThingsUpdateResponse = Thing | null;
      `,
    ],
  },
  "nullable fields in schema.ts": {
    spec: {
      schemas: `
        Thing:
          type: object
          required: [parent]
          properties:
            parent: { type: [string, "null"], description: The parent or null. }
      `,
      paths: `
        /things:
          get: { x-sdk-resource: things, x-sdk-method: list, responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} } }
      `,
    },
    file: "src/generated/schema.ts",
    want: [
      `
      Thing: {
        /** @description The parent or null. */
        parent: string | null;
      };
      `,
    ],
  },
  "enums: named enums keep their alias, inline enums become unions": {
    spec: {
      schemas: `
        Status: { type: string, enum: [active, disabled], description: The state. }
        Thing: { type: object, properties: { status: { $ref: "#/components/schemas/Status" } } }
      `,
      paths: `
        /things:
          get:
            x-sdk-resource: things
            x-sdk-method: list
            parameters:
              - { name: status, in: query, schema: { $ref: "#/components/schemas/Status" } }
              - { name: expand, in: query, schema: { type: array, items: { type: string, enum: [owner, tags] } } }
            responses:
              ${ok('{ $ref: "#/components/schemas/Thing" }')}
      `,
    },
    file: "src/generated/types.ts",
    want: [
      `
      /** The state. */
      export type Status = components["schemas"]["Status"];
      `,
      `
      export interface ThingsListParams {
        /** The state. */
        status?: Status;
        expand?: ("owner" | "tags")[];
      }
      `,
    ],
  },
  "oneOf with a discriminator: openapi-typescript narrows each variant": {
    spec: {
      schemas: PETS,
      paths: `
        /pets:
          get: { x-sdk-resource: pets, x-sdk-method: list, responses: { ${ok('{ $ref: "#/components/schemas/Pet" }')} } }
      `,
    },
    file: "src/generated/schema.ts",
    want: [
      `
      Cat: components["schemas"]["Base"] & {
        /** @enum {string} */
        kind: "cat";
        indoor?: boolean;
      } & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        kind: "cat";
      };
      `,
      `Pet: components["schemas"]["Cat"] | components["schemas"]["Dog"];`,
    ],
  },
  "a union body is kept whole: params are the union (and the parameters)": {
    spec: {
      schemas: PETS,
      paths: `
        /pets:
          post:
            x-sdk-resource: pets
            x-sdk-method: create
            requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" }, example: { kind: cat, name: Tom } } } }
            responses:
              ${ok('{ $ref: "#/components/schemas/Pet" }')}
        /owners/{owner_id}/pets:
          post:
            x-sdk-resource: owners.pets
            x-sdk-method: add
            x-sdk-positional: false
            parameters: [{ name: owner_id, in: path, required: true, description: The owner., schema: { type: string } }]
            requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
            responses:
              "204": { description: added }
      `,
    },
    file: "src/generated/types.ts",
    want: [
      `
      /** Parameters of \`client.owners.pets.add()\`. */
      export type OwnersPetsAddParams = Pet & {
        /** The owner. */
        owner_id: string;
      };
      `,
      `
      /** Parameters of \`client.pets.create()\`. */
      export type PetsCreateParams = Pet;
      `,
    ],
  },
  "204 responses resolve to void": {
    spec: {
      paths: `
        /things/{id}:
          delete:
            summary: Delete a thing
            x-sdk-resource: things
            x-sdk-method: delete
            parameters: [{ name: id, in: path, required: true, schema: { type: string }, example: t_1 }]
            responses:
              "204": { description: gone }
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      /**
       * Delete a thing
       *
       * @example
       * \`\`\`ts
       * await client.things.delete("t_1");
       * \`\`\`
       */
      delete(id: string, options?: RequestOptions): APIPromise<void> {
        return this._client.request<void>(deleteOperation, { id }, options);
      }
      `,
    ],
  },
  "response headers and error responses are documented": {
    spec: {
      schemas: THING,
      paths: `
        /things:
          get:
            summary: List things
            x-sdk-resource: things
            x-sdk-method: list
            responses:
              "200":
                description: ok
                headers:
                  Total-Number: { description: "Total number of things. Sent when paginated.", schema: { type: string } }
                content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Thing" } } } }
              "404": { description: "Not found. Gone for good." }
              "429": { description: Slow down. }
              "5XX": { description: Server trouble. }
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      /**
       * List things
       *
       * Response headers (read them with \`.withResponse()\`):
       * - \`Total-Number\`: Total number of things.
       *
       * @throws {NotFoundError} 404 Not found.
       * @throws {RateLimitError} 429 Slow down.
       * @throws {InternalServerError} 5XX Server trouble.
      `,
    ],
  },
  "single pagination: one page, items from the array": {
    spec: {
      schemas: THING,
      paths: `
        /things:
          get:
            x-sdk-resource: things
            x-sdk-method: list
            x-sdk-pagination: { style: single }
            responses:
              ${ok('{ type: array, items: { $ref: "#/components/schemas/Thing" } }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      const listOperation = {
        method: "GET",
        path: "/things",
        idempotent: true,
        security: ["token"],
        response: { types: ["array"] },
        pagination: singlePage(),
      } as const satisfies OperationDescriptor;
      `,
      `
      list(options?: RequestOptions): PagePromise<Thing> {
        return this._client.requestPage<Thing>(listOperation, {}, options);
      }
      `,
      `
       * for await (const thing of client.things.list()) {
       *   console.log(thing);
       * }
      `,
    ],
  },
  "page-number pagination: page and page size query parameters": {
    spec: {
      schemas: THING,
      paths: `
        /things:
          get:
            x-sdk-resource: things
            x-sdk-method: list
            x-sdk-pagination: { style: page-number, page: page, pageSize: page_size, maxPageSize: 50 }
            parameters:
              - { name: page, in: query, schema: { type: integer, minimum: 1 } }
              - { name: page_size, in: query, schema: { type: integer, minimum: 1 } }
            responses:
              ${ok('{ type: array, items: { $ref: "#/components/schemas/Thing" } }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `pagination: pageNumber({ page: "page", pageSize: "page_size", maxPageSize: 50, itemKey: "id" }),`,
      `limits: { page: { minimum: 1, integer: true }, page_size: { minimum: 1, integer: true } },`,
      "Paginated by `page` and `page_size` (at most 50 per page); `for await` walks every page.",
      `
      list(params: ThingsListParams = {}, options?: RequestOptions): PagePromise<Thing> {
        return this._client.requestPage<Thing>(listOperation, params, options);
      }
      `,
    ],
  },
  "result-info pagination: items from the envelope's result": {
    spec: {
      root: "x-sdk-envelope: cloudflare\nsecurity: [{ token: [] }]",
      schemas: `${THING}\n${ENVELOPES}`,
      paths: `
        /things:
          get:
            x-sdk-resource: things
            x-sdk-method: list
            x-sdk-pagination: { style: result-info, page: page, pageSize: per_page }
            parameters:
              - { name: page, in: query, schema: { type: integer } }
              - { name: per_page, in: query, schema: { type: integer } }
            responses:
              ${ok('{ $ref: "#/components/schemas/ThingsEnvelope" }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `pagination: resultInfo({ page: "page", pageSize: "per_page", itemKey: "id" }),`,
      "list(params: ThingsListParams = {}, options?: RequestOptions): PagePromise<Thing> {",
    ],
  },
  "cursor pagination: items from the page's items array": {
    spec: {
      schemas: `
        Thing: { type: object, required: [id], properties: { id: { type: string } } }
        ThingPage:
          type: object
          properties:
            items: { type: array, items: { $ref: "#/components/schemas/Thing" } }
            page_info: { type: object, properties: { end_cursor: { type: string }, has_next_page: { type: boolean } } }
      `,
      paths: `
        /things:
          get:
            x-sdk-resource: things
            x-sdk-method: list
            x-sdk-pagination: { style: cursor, cursorParam: after, limitParam: limit }
            parameters:
              - { name: after, in: query, schema: { type: string } }
              - { name: limit, in: query, schema: { type: integer } }
            responses:
              ${ok('{ $ref: "#/components/schemas/ThingPage" }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `pagination: cursor({ cursorParam: "after", limitParam: "limit", itemKey: "id" }),`,
      "Paginated by the `after` cursor; `for await` walks every page.",
      "list(params: ThingsListParams = {}, options?: RequestOptions): PagePromise<Thing> {",
    ],
  },
  "cloudflare envelope: methods resolve to result, or to the envelope when it has none": {
    spec: {
      root: "x-sdk-envelope: cloudflare\nsecurity: [{ token: [] }]",
      schemas: `${THING}\n${ENVELOPES}`,
      paths: `
        /things/{id}:
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          get:
            x-sdk-resource: things
            x-sdk-method: get
            responses:
              ${ok('{ $ref: "#/components/schemas/ThingEnvelope" }')}
          post:
            x-sdk-resource: things
            x-sdk-method: ping
            responses:
              ${ok('{ $ref: "#/components/schemas/Envelope" }')}
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      "get(id: string, options?: RequestOptions): APIPromise<Thing> {",
      "ping(id: string, options?: RequestOptions): APIPromise<Envelope> {",
    ],
  },
  "idempotency: from x-sdk-idempotent, else by HTTP method": {
    spec: {
      schemas: THING,
      paths: `
        /things/{id}:
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          put: { x-sdk-resource: things, x-sdk-method: put, responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} } }
          post: { x-sdk-resource: things, x-sdk-method: post, responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} } }
          patch:
            x-sdk-resource: things
            x-sdk-method: patch
            x-sdk-idempotent: true
            responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} }
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      const postOperation = {
        method: "POST",
        path: "/things/{id}",
        idempotent: false,
      `,
      `
      const putOperation = {
        method: "PUT",
        path: "/things/{id}",
        idempotent: true,
      `,
      `
      const patchOperation = {
        method: "PATCH",
        path: "/things/{id}",
        idempotent: true,
      `,
    ],
  },
  "deprecated operations and fields": {
    spec: {
      paths: `
        /things:
          post:
            summary: Old way
            deprecated: true
            x-sdk-resource: things
            x-sdk-method: create
            requestBody:
              content:
                application/json:
                  schema: { type: object, properties: { legacy: { type: string, deprecated: true, description: Unused. } } }
            responses:
              "204": { description: ok }
      `,
    },
    file: "src/generated/types.ts",
    want: [
      `
      export interface ThingsCreateParams {
        /**
         * Unused.
         * @deprecated
         */
        legacy?: string;
      }
      `,
    ],
  },
  "deprecated methods carry @deprecated": {
    spec: {
      paths: `
        /things:
          post: { summary: Old way, deprecated: true, x-sdk-resource: things, x-sdk-method: create, responses: { "204": { description: ok } } }
      `,
    },
    file: "src/generated/resources/things.ts",
    want: [
      `
      /**
       * Old way
       *
       * @example
       * \`\`\`ts
       * await client.things.create();
       * \`\`\`
       * @deprecated
       */
      create(options?: RequestOptions): APIPromise<void> {
      `,
    ],
  },
  "nested resources are properties of their parent": {
    spec: {
      paths: `
        /owners/{owner_id}/pets/{pet_id}:
          delete:
            x-sdk-resource: owners.pets
            x-sdk-method: delete
            parameters:
              - { name: owner_id, in: path, required: true, schema: { type: string } }
              - { name: pet_id, in: path, required: true, schema: { type: string } }
            responses: { "204": { description: ok } }
      `,
    },
    file: "src/generated/resources/owners.ts",
    want: [
      `
      import { APIResource } from "@sso/core/internal";
      import { Pets } from "./owners/pets.js";

      export class Owners extends APIResource {
        readonly pets: Pets = new Pets(this._client);
      }
      `,
    ],
  },
  "bearer auth: the scheme goes to clientSpec": {
    spec: { paths: PING },
    file: "src/generated/client.ts",
    want: [
      `
      export const clientSpec = {
        packageName: "@sso/fixture",
        defaultBaseURL: "https://api.example.com/v1",
        auth: { token: { type: "bearer" } },
      } as const;
      `,
      `
      export class Fixture extends BaseClient<paths> {
        readonly ping: Ping = new Ping(this);

        constructor(options: FixtureOptions = {}) {
          super(resolveClientConfig(options, clientSpec));
        }
      }
      `,
    ],
  },
  "client-credentials auth: token URL and the scopes the operations ask for": {
    spec: {
      paths: PING,
      root: "security: [{ oauth: [read] }]",
      securitySchemes: `
        oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: /oauth/token, scopes: { read: Read, admin: Admin } } } }
      `,
    },
    file: "src/generated/client.ts",
    want: [`auth: { oauth: { type: "clientCredentials", tokenURL: "/oauth/token", scopes: ["read"] } },`],
  },
  "api.md lists every method with its HTTP verb and path": {
    spec: {
      schemas: THING,
      paths: `
        /accounts/{account_id}/things/{thing_id}:
          parameters:
            - { name: account_id, in: path, required: true, schema: { type: string } }
            - { name: thing_id, in: path, required: true, schema: { type: string } }
          get: { x-sdk-resource: things, x-sdk-method: get, responses: { ${ok('{ $ref: "#/components/schemas/Thing" }')} } }
      `,
    },
    file: "api.md",
    want: [
      "<!-- Generated by `pnpm generate` from specs/fixture.openapi.yaml: edit the spec or tools/codegen instead. -->",
      `
      | Method | HTTP | Returns |
      | --- | --- | --- |
      | \`client.things.get(thing_id, { account_id })\` | \`GET /accounts/{account_id}/things/{thing_id}\` | \`APIPromise<Thing>\` |
      `,
    ],
  },
  "the README gets the operation table between its markers": {
    spec: { paths: PING },
    file: "README.md",
    want: [
      `
      # @sso/fixture

      <!-- operations:start -->

      | Method | HTTP | Description |
      | --- | --- | --- |
      | \`client.ping.send()\` | \`POST /ping\` | Ping the API |

      <!-- operations:end -->
      `,
    ],
  },
};
