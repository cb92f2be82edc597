/**
 * The generator's contract, construct by construct: each spec below is accepted, and the client it generates
 * must mean what the spec says. `types` is TypeScript compiled against the generated package (compile.test.ts):
 * calls that must compile, calls that must not (`@ts-expect-error`), and exact types (`Equal`). The constructs a
 * spec may not use are refused instead; bad-specs.test.ts has those, with their locations.
 */
import type { FixtureParts } from "./support/fixture.js";

export interface ConstructCase {
  spec: FixtureParts;
  /** A module body; in scope: `client: Fixture`, `Equal<A, B>`, `expectType<true>()`, `Result<P>`. */
  types: string;
}

const json = (schema: string) => `content: { application/json: { schema: ${schema} } }`;
const ok = (schema: string) => `"200": { description: ok, ${json(schema)} }`;

export const constructs: Record<string, ConstructCase> = {
  "a union body with path parameters: every variant needs the parameters (A | B) & { org_id }": {
    spec: {
      schemas: `
        A: { type: object, required: [kind, x], properties: { kind: { const: a }, x: { type: string } } }
        B: { type: object, required: [kind, y], properties: { kind: { const: b }, y: { type: integer } } }
      `,
      paths: `
        /orgs/{org_id}/things:
          post:
            x-sdk-resource: things
            x-sdk-method: create
            x-sdk-positional: false
            parameters: [{ name: org_id, in: path, required: true, schema: { type: string } }]
            requestBody:
              required: true
              ${json('{ oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] }')}
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      client.things.create({ org_id: "o", kind: "a", x: "1" });
      client.things.create({ org_id: "o", kind: "b", y: 1 });
      // @ts-expect-error org_id is required whatever the variant
      client.things.create({ kind: "b", y: 1 });
      // @ts-expect-error a variant's fields do not mix with the other's
      client.things.create({ org_id: "o", kind: "a", y: 1 });
    `,
  },
  "an inline oneOf body next to a positional path parameter": {
    spec: {
      paths: `
        /things/{id}:
          put:
            x-sdk-resource: things
            x-sdk-method: replace
            parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
            requestBody:
              required: true
              ${json("{ oneOf: [{ type: object, required: [a], properties: { a: { type: string } } }, { type: object, required: [b], properties: { b: { type: boolean } } }] }")}
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      client.things.replace("id", { a: "x" });
      client.things.replace("id", { b: true });
      // @ts-expect-error neither variant
      client.things.replace("id", { c: 1 });
    `,
  },
  "path parameters: no type is a string, integer is a number, an enum is its values": {
    spec: {
      paths: `
        /a/{id}:
          get: { x-sdk-resource: a, x-sdk-method: get, parameters: [{ name: id, in: path, required: true, schema: {} }], responses: { "204": { description: ok } } }
        /b/{n}:
          get: { x-sdk-resource: b, x-sdk-method: get, parameters: [{ name: n, in: path, required: true, schema: { type: integer, minimum: 1 } }], responses: { "204": { description: ok } } }
        /c/{kind}:
          get: { x-sdk-resource: c, x-sdk-method: get, parameters: [{ name: kind, in: path, required: true, schema: { type: string, enum: [x, y] } }], responses: { "204": { description: ok } } }
      `,
    },
    types: `
      client.a.get("anything");
      client.b.get(1);
      // @ts-expect-error an integer parameter takes a number
      client.b.get("1");
      client.c.get("x");
      // @ts-expect-error not one of the values
      client.c.get("z");
    `,
  },
  "several 2xx responses: the result is the union of their bodies": {
    spec: {
      schemas: `
        Found: { type: object, required: [id], properties: { id: { type: string } } }
        Made: { type: object, required: [id, created], properties: { id: { type: string }, created: { type: boolean } } }
      `,
      paths: `
        /things:
          put:
            x-sdk-resource: things
            x-sdk-method: upsert
            responses:
              ${ok('{ $ref: "#/components/schemas/Found" }')}
              "201": { description: made, ${json('{ $ref: "#/components/schemas/Made" }')} }
        /things/{id}:
          delete:
            x-sdk-resource: things
            x-sdk-method: delete
            parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
            responses:
              ${ok('{ $ref: "#/components/schemas/Found" }')}
              "204": { description: gone already }
      `,
    },
    types: `
      expectType<Equal<Result<typeof client.things.upsert>, Found | Made>>();
      expectType<Equal<Result<typeof client.things.delete>, Found | undefined>>();
    `,
  },
  "per-operation security, with every scheme the spec declares": {
    spec: {
      root: "security: [{ bearer: [] }]",
      securitySchemes: `
        bearer: { type: http, scheme: bearer }
        basic: { type: http, scheme: basic }
        key: { type: apiKey, in: header, name: X-Api-Key }
        oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: /oauth/token, scopes: { read: read } } } }
      `,
      paths: `
        /a:
          get: { x-sdk-resource: a, x-sdk-method: get, responses: { "204": { description: ok } } }
        /b:
          get: { x-sdk-resource: b, x-sdk-method: get, security: [{ basic: [] }, { key: [] }], responses: { "204": { description: ok } } }
        /c:
          get: { x-sdk-resource: c, x-sdk-method: get, security: [{ oauth: [read] }], responses: { "204": { description: ok } } }
        /d:
          get: { x-sdk-resource: d, x-sdk-method: get, security: [], responses: { "204": { description: ok } } }
      `,
    },
    types: `
      expectType<Equal<keyof typeof clientSpec.auth, "bearer" | "basic" | "key" | "oauth">>();
      expectType<Equal<typeof clientSpec.auth.key, { readonly type: "apiKey"; readonly in: "header"; readonly name: "X-Api-Key" }>>();
      expectType<Equal<typeof clientSpec.auth.oauth.scopes, readonly ["read"]>>();
    `,
  },
  "readOnly properties stay out of requests, writeOnly ones out of responses": {
    spec: {
      schemas: `
        User:
          type: object
          required: [id, name, password]
          properties:
            id: { type: string, readOnly: true }
            name: { type: string }
            password: { type: string, writeOnly: true }
      `,
      paths: `
        /users:
          post:
            x-sdk-resource: users
            x-sdk-method: create
            requestBody: { required: true, ${json('{ $ref: "#/components/schemas/User" }')} }
            responses: { ${ok('{ $ref: "#/components/schemas/User" }')} }
        /teams:
          post:
            x-sdk-resource: teams
            x-sdk-method: create
            requestBody:
              required: true
              ${json('{ type: object, required: [owner], properties: { owner: { $ref: "#/components/schemas/User" } } }')}
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      client.users.create({ name: "n", password: "p" });
      // @ts-expect-error id is readOnly: the server sets it
      client.users.create({ id: "x", name: "n", password: "p" });
      client.teams.create({ owner: { name: "n", password: "p" } });
      // @ts-expect-error readOnly inside a nested request value too
      client.teams.create({ owner: { id: "x", name: "n", password: "p" } });
      expectType<Equal<Result<typeof client.users.create>["id"], string>>();
      expectType<Equal<"password" extends keyof Result<typeof client.users.create> ? 1 : 0, 0>>();
    `,
  },
  "a readOnly body field may share its name with a path parameter: it is not in the request": {
    spec: {
      schemas: `
        User:
          type: object
          required: [id, name]
          properties:
            id: { type: string, readOnly: true }
            name: { type: string }
      `,
      paths: `
        /users/{id}:
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          put:
            x-sdk-resource: users
            x-sdk-method: replace
            requestBody: { required: true, ${json('{ $ref: "#/components/schemas/User" }')} }
            responses: { ${ok('{ $ref: "#/components/schemas/User" }')} }
          patch:
            x-sdk-resource: users
            x-sdk-method: rename
            x-sdk-positional: false
            requestBody: { required: true, ${json('{ $ref: "#/components/schemas/User" }')} }
            responses: { ${ok('{ $ref: "#/components/schemas/User" }')} }
      `,
    },
    types: `
      client.users.replace("u1", { name: "n" });
      // @ts-expect-error the body's id is readOnly: the path parameter is the positional argument
      client.users.replace("u1", { id: "u2", name: "n" });
      client.users.rename({ id: "u1", name: "n" });
      // @ts-expect-error id is the path parameter, so it is required
      client.users.rename({ name: "n" });
      expectType<Equal<Result<typeof client.users.replace>["id"], string>>();
    `,
  },
  "operations without x-sdk extensions are named from path and method": {
    spec: {
      schemas: `Widget: { type: object, required: [id], properties: { id: { type: string } } }`,
      paths: `
        /v1/widgets:
          get: { operationId: listWidgets, responses: { ${ok('{ type: array, items: { $ref: "#/components/schemas/Widget" } }')} } }
          post: { operationId: createWidget, responses: { ${ok('{ $ref: "#/components/schemas/Widget" }')} } }
        /v1/widgets/{id}:
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          get: { responses: { ${ok('{ $ref: "#/components/schemas/Widget" }')} } }
          patch: { responses: { ${ok('{ $ref: "#/components/schemas/Widget" }')} } }
          delete: { responses: { "204": { description: gone } } }
        /v1/widgets/{id}/archive:
          post: { parameters: [{ name: id, in: path, required: true, schema: { type: string } }], responses: { "204": { description: ok } } }
        /v1/widgets/{id}/parts:
          get: { parameters: [{ name: id, in: path, required: true, schema: { type: string } }], responses: { ${ok("{ type: array, items: { type: string } }")} } }
      `,
    },
    types: `
      expectType<Equal<Result<typeof client.widgets.list>, Widget[]>>();
      client.widgets.create();
      client.widgets.get("w");
      client.widgets.update("w");
      client.widgets.delete("w");
      client.widgets.archive("w");
      expectType<Equal<Result<typeof client.widgets.parts.list>, string[]>>();
    `,
  },
  "a free-form object takes any key": {
    spec: {
      paths: `
        /bag:
          get: { x-sdk-resource: bag, x-sdk-method: get, responses: { ${ok("{ type: object }")} } }
      `,
    },
    types: `
      const bag = await client.bag.get();
      const value: unknown = bag.anything;
      void value;
    `,
  },
  "an optional body: the params may be left out, or hold the whole body": {
    spec: {
      paths: `
        /things/{id}:
          patch:
            x-sdk-resource: things
            x-sdk-method: update
            parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
            requestBody:
              required: false
              ${json("{ type: object, required: [name], properties: { name: { type: string }, note: { type: string } } }")}
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      client.things.update("id");
      client.things.update("id", { name: "x" });
      client.things.update("id", { name: "x", note: "y" });
      // @ts-expect-error a body without its required field
      client.things.update("id", { note: "y" });
    `,
  },
  "recursive schemas": {
    spec: {
      schemas: `
        Node:
          type: object
          required: [name]
          properties:
            name: { type: string }
            children: { type: array, items: { $ref: "#/components/schemas/Node" } }
      `,
      paths: `
        /tree:
          get: { x-sdk-resource: tree, x-sdk-method: get, responses: { ${ok('{ $ref: "#/components/schemas/Node" }')} } }
          put:
            x-sdk-resource: tree
            x-sdk-method: replace
            requestBody: { required: true, ${json('{ $ref: "#/components/schemas/Node" }')} }
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      const tree = await client.tree.get();
      expectType<Equal<typeof tree.name, string>>();
      client.tree.replace({ name: "root", children: [{ name: "leaf", children: [] }] });
    `,
  },
  "non-JSON responses: text is a string, binary a Blob": {
    spec: {
      paths: `
        /readme:
          get: { x-sdk-resource: readme, x-sdk-method: get, responses: { "200": { description: ok, content: { text/plain: { schema: { type: string } } } } } }
        /logo:
          get: { x-sdk-resource: logo, x-sdk-method: get, responses: { "200": { description: ok, content: { image/png: { schema: { type: string, format: binary } } } } } }
      `,
    },
    types: `
      expectType<Equal<Result<typeof client.readme.get>, string>>();
      expectType<Equal<Result<typeof client.logo.get>, Blob>>();
    `,
  },
  "an array request body is the params' body": {
    spec: {
      paths: `
        /tags:
          put:
            x-sdk-resource: tags
            x-sdk-method: replace
            requestBody: { required: true, ${json("{ type: array, items: { type: string } }")} }
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      client.tags.replace({ body: ["a", "b"] });
      // @ts-expect-error the items are strings
      client.tags.replace({ body: [1] });
      // @ts-expect-error the body is required
      client.tags.replace({});
    `,
  },
  "query styles: form without explode, deepObject, delimited arrays": {
    spec: {
      paths: `
        /search:
          get:
            x-sdk-resource: search
            x-sdk-method: run
            parameters:
              - { name: ids, in: query, explode: false, schema: { type: array, items: { type: integer } } }
              - { name: filter, in: query, style: deepObject, explode: true, schema: { type: object, properties: { owner: { type: string } } } }
              - { name: tags, in: query, style: pipeDelimited, explode: false, schema: { type: array, items: { type: string } } }
            responses: { "204": { description: ok } }
      `,
    },
    types: `
      client.search.run({ ids: [1, 2], filter: { owner: "me" }, tags: ["a"] });
      // @ts-expect-error ids are integers
      client.search.run({ ids: ["1"] });
    `,
  },
  "names that would break the output: quoted properties, comment terminators, a renamed schema": {
    spec: {
      schemas: `
        Response:
          x-sdk-name: ApiResponse
          type: object
          description: "Ends a comment */ in the middle."
          required: ["x-trace", "2fa"]
          properties:
            x-trace: { type: string, description: "A */ again" }
            "2fa": { type: boolean }
      `,
      paths: `
        /status:
          get: { x-sdk-resource: status, x-sdk-method: get, description: "Not */ done", responses: { ${ok('{ $ref: "#/components/schemas/Response" }')} } }
      `,
    },
    types: `
      const status: ApiResponse = await client.status.get();
      expectType<Equal<typeof status["x-trace"], string>>();
      expectType<Equal<typeof status["2fa"], boolean>>();
    `,
  },
  "composition keeps its precedence: (A | B) & C": {
    spec: {
      schemas: `
        A: { type: object, required: [a], properties: { a: { type: string } } }
        B: { type: object, required: [b], properties: { b: { type: string } } }
        C: { type: object, required: [c], properties: { c: { type: string } } }
        Mixed: { allOf: [{ oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] }, { $ref: "#/components/schemas/C" }] }
      `,
      paths: `
        /mixed:
          post:
            x-sdk-resource: mixed
            x-sdk-method: create
            requestBody:
              required: true
              ${json('{ allOf: [{ oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] }, { $ref: "#/components/schemas/C" }] }')}
            responses: { ${ok('{ $ref: "#/components/schemas/Mixed" }')} }
      `,
    },
    types: `
      client.mixed.create({ a: "1", c: "3" });
      client.mixed.create({ b: "2", c: "3" });
      // @ts-expect-error C is required next to either variant
      client.mixed.create({ a: "1" });
      const mixed = await client.mixed.create({ a: "1", c: "3" });
      expectType<Equal<typeof mixed.c, string>>();
    `,
  },
};
