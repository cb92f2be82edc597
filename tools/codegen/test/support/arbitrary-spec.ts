/**
 * Random specs made of the constructs the generator supports (fast-check arbitraries): component schemas with
 * every kind of value, composition and reference (recursion included), awkward property names and prose, and
 * operations with path, query and header parameters in every style, JSON object, union and array bodies, one or
 * several 2xx responses of each content kind, per-operation security, named by extensions or by the rule.
 */
import fc from "fast-check";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const PROPERTY_NAMES = [
  "id",
  "name",
  "kind",
  "x-trace",
  "2fa",
  "class",
  "then",
  "with space",
  "count",
  "items",
];
const RESOURCES = ["things", "widgets", "users", "teams", "parts", "tags", "notes", "keys"];
const PROSE = [
  "",
  "Plain words.",
  "Ends a comment */ early.",
  "Line one.\nLine two.",
  "Back`ticks` and | pipes",
];

/** Component names C0..C3; a schema may refer to any of them, itself included. */
const COMPONENTS = ["C0", "C1", "C2", "C3"];

const ref = fc.constantFrom(...COMPONENTS).map((name): Schema => ({ $ref: `#/components/schemas/${name}` }));

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.record(
    { type: fc.constant("string"), minLength: fc.option(fc.nat(3), { nil: undefined }) },
    { requiredKeys: ["type"] },
  ),
  fc.record(
    { type: fc.constant("integer"), minimum: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }) },
    { requiredKeys: ["type"] },
  ),
  fc.constant<Schema>({ type: "number" }),
  fc.constant<Schema>({ type: "boolean" }),
  fc.constant<Schema>({ type: ["string", "null"] }),
  fc.constant<Schema>({ type: "string", enum: ["a", "b-c", "d e"] }),
  fc.constant<Schema>({ const: 3 }),
  fc.constant<Schema>({ type: "object" }),
  fc.constant<Schema>({}),
);

const { schema } = fc.letrec<{ schema: Schema; object: Schema; composite: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    ref,
    fc.record({ type: fc.constant("array"), items: tie("schema") }).map((s) => s as Schema),
    tie("object"),
    tie("composite"),
  ),
  object: fc
    .record({
      properties: fc.dictionary(
        fc.constantFrom(...PROPERTY_NAMES),
        fc.tuple(tie("schema"), fc.constantFrom(...PROSE), fc.boolean()),
        {
          maxKeys: 4,
        },
      ),
      required: fc.boolean(),
      closed: fc.constantFrom("open", "closed", "typed"),
      direction: fc.constantFrom("none", "readOnly", "writeOnly"),
    })
    .map(({ properties, required, closed, direction }): Schema => {
      const names = Object.keys(properties);
      const props: Schema = {};
      names.forEach((name, i) => {
        const [value, description, flag] = properties[name] as [Schema, string, boolean];
        const marked = flag && direction !== "none" && i === 0 ? { ...value, [direction]: true } : value;
        props[name] = description ? { ...marked, description } : marked;
      });
      return {
        type: "object",
        ...(names.length > 0 ? { properties: props } : {}),
        ...(required && names.length > 0 ? { required: names.slice(0, 2) } : {}),
        ...(closed === "closed"
          ? { additionalProperties: false }
          : closed === "typed"
            ? { additionalProperties: { type: "string" } }
            : {}),
      };
    }),
  composite: fc
    .record({
      key: fc.constantFrom("oneOf", "anyOf", "allOf"),
      parts: fc.array(fc.oneof(ref, tie("object")), { minLength: 1, maxLength: 3 }),
    })
    .map(({ key, parts }): Schema => ({ [key]: parts })),
}));

const pathParameter = fc.record({
  schema: fc.constantFrom<Schema>(
    { type: "string" },
    { type: "integer" },
    { type: "string", enum: ["x", "y"] },
    {},
  ),
});

const queryParameter = fc.oneof(
  fc.record({ name: fc.constantFrom("q", "limit", "expand"), schema: leaf, style: fc.constant(undefined) }),
  fc.record({
    name: fc.constant("ids"),
    schema: fc.constant<Schema>({ type: "array", items: { type: "integer" } }),
    style: fc.constantFrom<Json | undefined>("form-no-explode", "pipeDelimited", undefined),
  }),
  fc.record({
    name: fc.constant("filter"),
    schema: fc.constant<Schema>({ type: "object", properties: { owner: { type: "string" } } }),
    style: fc.constant<Json>("deepObject"),
  }),
);

const body = fc.oneof(
  fc.record({ required: fc.boolean(), schema: ref }),
  fc.record({ required: fc.boolean(), schema: schema.filter((s) => "type" in s && s.type === "object") }),
  fc.record({
    required: fc.boolean(),
    schema: fc.constant<Schema>({ type: "array", items: { type: "string" } }),
  }),
  fc.record({
    required: fc.constant(true),
    schema: fc.array(ref, { minLength: 2, maxLength: 3 }).map((parts): Schema => ({ oneOf: parts })),
  }),
);

const success = fc.oneof(
  fc.record({ "200": schema }).map((r) => ({ "200": json(r["200"]) })),
  fc.record({ "200": ref, "201": schema }).map((r) => ({ "200": json(r["200"]), "201": json(r["201"]) })),
  fc.record({ "200": ref }).map((r) => ({ "200": json(r["200"]), "204": { description: "none" } })),
  fc.constant({ "204": { description: "none" } }),
  fc.constant({ "200": { description: "text", content: { "text/plain": { schema: { type: "string" } } } } }),
);

const operation = fc.record({
  resource: fc.constantFrom(...RESOURCES),
  method: fc.constantFrom("get", "post", "put", "patch", "delete"),
  pathParams: fc.array(pathParameter, { maxLength: 2 }),
  query: fc.uniqueArray(queryParameter, { maxLength: 3, selector: (q) => q.name }),
  header: fc.boolean(),
  body: fc.option(body, { nil: undefined }),
  responses: success,
  named: fc.boolean(),
  security: fc.constantFrom<Json | undefined>(undefined, [], [{ basic: [] }], [{ key: [] }, { bearer: [] }]),
  summary: fc.constantFrom(...PROSE),
});

function json(schema: Schema): Json {
  return { description: "ok", content: { "application/json": { schema } } };
}

/** A whole spec: four components and up to four operations on distinct paths. */
export const specArbitrary: fc.Arbitrary<Json> = fc
  .record({
    components: fc.tuple(schema, schema, schema, schema),
    operations: fc.uniqueArray(operation, {
      minLength: 1,
      maxLength: 4,
      selector: (op) => `${op.resource} ${op.method}`,
    }),
  })
  .map(({ components, operations }) => {
    const paths: Record<string, Record<string, Json>> = {};
    for (const [index, op] of operations.entries()) {
      const params = op.pathParams.map((p, i) => ({
        name: `p${i}`,
        in: "path",
        required: true,
        schema: p.schema,
      }));
      const path = `/${op.resource}${params.map((p) => `/{${p.name}}`).join("")}`;
      const parameters: Json[] = [
        ...params,
        ...op.query.map((q) => ({
          name: q.name,
          in: "query",
          schema: q.schema,
          ...(q.style === "form-no-explode"
            ? { explode: false }
            : q.style === "pipeDelimited"
              ? { style: "pipeDelimited", explode: false }
              : q.style === "deepObject"
                ? { style: "deepObject", explode: true }
                : {}),
        })),
        ...(op.header ? [{ name: "X-Request-Id", in: "header", schema: { type: "string" } }] : []),
      ];
      const item = paths[path] ?? {};
      item[op.method] = {
        operationId: `op${index}`,
        ...(op.summary ? { summary: op.summary } : {}),
        ...(op.named ? { "x-sdk-resource": op.resource, "x-sdk-method": `${op.method}It` } : {}),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: op.body.required,
                content: { "application/json": { schema: op.body.schema } },
              },
            }
          : {}),
        responses: op.responses,
        ...(op.security !== undefined ? { security: op.security } : {}),
      };
      paths[path] = item;
    }
    return {
      openapi: "3.1.0",
      info: { title: "Fuzzed", version: "1" },
      "x-sdk-client": { name: "Fixture", package: "@sso/fixture" },
      servers: [{ url: "https://api.example.com" }],
      security: [{ bearer: [] }],
      paths,
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          basic: { type: "http", scheme: "basic" },
          key: { type: "apiKey", in: "header", name: "X-Key" },
        },
        schemas: Object.fromEntries(components.map((s, i) => [`C${i}`, s])),
      },
    };
  });
