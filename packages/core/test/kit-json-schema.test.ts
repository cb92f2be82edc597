/** The fakes' JSON Schema subset, table-driven: each row is a schema, a value, and the problems expected. */
import { describe, expect, it } from "vitest";
import { formatKeyPath, type JsonSchema, jsonType, validateSchema } from "../src/testing/index.js";

const components: Record<string, JsonSchema> = {
  Name: { type: "string", minLength: 1, maxLength: 8 },
  Pet: {
    type: "object",
    required: ["kind", "name"],
    properties: { kind: { type: "string" }, name: { $ref: "#/components/schemas/Name" } },
  },
  Cat: {
    type: "object",
    required: ["kind", "lives"],
    properties: {
      kind: { type: "string", enum: ["cat"] },
      lives: { type: "integer", minimum: 1, maximum: 9 },
    },
  },
  Dog: {
    type: "object",
    required: ["kind", "good"],
    properties: { kind: { type: "string", const: "dog" }, good: { type: "boolean" } },
  },
  Loop: { allOf: [{ $ref: "#/components/schemas/Loop" }] },
};

/** `path keyword` of each problem, the compact form the rows compare. */
function summary(schema: JsonSchema, value: unknown): string[] {
  return validateSchema(schema, value, { components }).map(
    (p) => `${formatKeyPath(p.path) || "(root)"} ${p.keyword}`,
  );
}

describe("validateSchema", () => {
  const rows: Array<[string, JsonSchema, unknown, string[]]> = [
    ["true accepts anything", true, { any: 1 }, []],
    ["false refuses anything", false, 1, ["(root) false"]],
    ["type string", { type: "string" }, 1, ["(root) type"]],
    ["type integer refuses a fraction", { type: "integer" }, 1.5, ["(root) type"]],
    ["type integer accepts 2", { type: "integer" }, 2, []],
    ["type number refuses NaN-like non-JSON", { type: "number" }, Number.NaN, ["(root) type"]],
    ["type array of types takes null", { type: ["string", "null"] }, null, []],
    ["type array refuses another type", { type: ["string", "null"] }, 3, ["(root) type"]],
    ["type array is not object", { type: "object" }, [], ["(root) type"]],
    ["null is not object", { type: "object" }, null, ["(root) type"]],
    ["enum", { enum: ["a", "b"] }, "c", ["(root) enum"]],
    ["enum compares deeply", { enum: [{ a: [1] }] }, { a: [1] }, []],
    ["const", { const: true }, false, ["(root) const"]],
    ["minLength counts code points", { type: "string", minLength: 2 }, "😀", ["(root) minLength"]],
    ["maxLength", { type: "string", maxLength: 3 }, "abcd", ["(root) maxLength"]],
    ["pattern", { type: "string", pattern: "^[a-z]+$" }, "AB", ["(root) pattern"]],
    ["format uri", { type: "string", format: "uri" }, "not a uri", ["(root) format"]],
    ["format uri accepts https", { type: "string", format: "uri" }, "https://idp.example/x", []],
    ["format email", { type: "string", format: "email" }, "nobody", ["(root) format"]],
    ["format date-time", { type: "string", format: "date-time" }, "2026-13-40", ["(root) format"]],
    [
      "format date-time accepts RFC 3339",
      { type: "string", format: "date-time" },
      "2026-01-01T12:00:00.000Z",
      [],
    ],
    ["format uuid", { type: "string", format: "uuid" }, "nope", ["(root) format"]],
    ["an unknown format is not checked", { type: "string", format: "hostname" }, "%%%", []],
    ["minimum / maximum", { type: "number", minimum: 1, maximum: 3 }, 0, ["(root) minimum"]],
    ["exclusive bounds", { type: "number", exclusiveMaximum: 3 }, 3, ["(root) exclusiveMaximum"]],
    ["multipleOf", { type: "number", multipleOf: 5 }, 12, ["(root) multipleOf"]],
    ["minItems", { type: "array", minItems: 1 }, [], ["(root) minItems"]],
    ["maxItems", { type: "array", maxItems: 1 }, [1, 2], ["(root) maxItems"]],
    ["uniqueItems", { type: "array", uniqueItems: true }, [{ a: 1 }, { a: 1 }], ["(root) uniqueItems"]],
    [
      "items, with the index in the path",
      { type: "array", items: { type: "string" } },
      ["a", 2, "c"],
      ["1 type"],
    ],
    ["required, at the missing key", { type: "object", required: ["a", "b"] }, { a: 1 }, ["b required"]],
    [
      "a key set to undefined counts as missing",
      { type: "object", required: ["a"] },
      { a: undefined },
      ["a required"],
    ],
    [
      "required does not see Object.prototype",
      { type: "object", required: ["constructor"] },
      {},
      ["constructor required"],
    ],
    [
      "properties, nested",
      { type: "object", properties: { a: { type: "object", properties: { b: { type: "boolean" } } } } },
      { a: { b: "yes" } },
      ["a.b type"],
    ],
    [
      "additionalProperties false",
      { type: "object", additionalProperties: false },
      { x: 1 },
      ["x additionalProperties"],
    ],
    [
      "additionalProperties schema",
      { type: "object", additionalProperties: { type: "number" } },
      { x: "1" },
      ["x type"],
    ],
    ["open objects keep unknown keys", { type: "object", properties: { a: {} } }, { b: 1 }, []],
    [
      "minProperties / maxProperties",
      { type: "object", maxProperties: 0 },
      { a: 1 },
      ["(root) maxProperties"],
    ],
    [
      "$ref to a component",
      { $ref: "#/components/schemas/Pet" },
      { kind: "x", name: "" },
      ["name minLength"],
    ],
    [
      "allOf reports every part",
      { allOf: [{ minLength: 3 }, { pattern: "^b" }] },
      "ab",
      ["(root) minLength", "(root) pattern"],
    ],
    ["anyOf: one branch is enough", { anyOf: [{ type: "string" }, { type: "number" }] }, 1, []],
    [
      "anyOf: no branch takes the type",
      { anyOf: [{ type: "string" }, { type: "number" }] },
      true,
      ["(root) type"],
    ],
    [
      "anyOf: none matches",
      {
        anyOf: [
          { type: "string", minLength: 3 },
          { type: "string", pattern: "^b" },
        ],
      },
      "a",
      ["(root) anyOf"],
    ],
    ["oneOf: exactly one", { oneOf: [{ type: "string" }, { type: "null" }] }, null, []],
    [
      "oneOf: no branch takes the type",
      { oneOf: [{ type: "string" }, { type: "null" }] },
      1,
      ["(root) type"],
    ],
    ["oneOf: more than one", { oneOf: [{ type: "number" }, { type: "integer" }] }, 1, ["(root) oneOf"]],
    ["not", { not: { type: "string" } }, "x", ["(root) not"]],
    [
      "a failed union reports the one branch that takes the value's type",
      { oneOf: [{ type: "object", properties: { a: { type: "string", format: "uri" } } }, { type: "null" }] },
      { a: "not a uri" },
      ["a format"],
    ],
    [
      "a failed anyOf reports the one branch that takes the value's type",
      { anyOf: [{ type: "string", minLength: 3 }, { type: "number" }] },
      "ab",
      ["(root) minLength"],
    ],
    [
      "a failed union keyed by a const property reports the branch the tag names",
      {
        oneOf: [
          {
            type: "object",
            required: ["on", "a"],
            properties: { on: { const: true }, a: { type: "string" } },
          },
          {
            type: "object",
            required: ["on", "b"],
            properties: { on: { const: false }, b: { type: "string" } },
          },
        ],
      },
      { on: true, b: "x" },
      ["a required"],
    ],
    [
      "a failed union whose tag names no branch stays one problem",
      {
        oneOf: [
          { type: "object", properties: { on: { const: true } }, required: ["on"] },
          { type: "object", properties: { on: { const: false } }, required: ["on"] },
        ],
      },
      { on: "yes" },
      ["(root) oneOf"],
    ],
    [
      "a failed union with several candidate branches stays one problem",
      {
        anyOf: [
          { type: "object", required: ["a"] },
          { type: "object", required: ["b"] },
        ],
      },
      {},
      ["(root) anyOf"],
    ],
    [
      "a type problem hides the value checks",
      { type: "string", minLength: 3, enum: ["abc"] },
      1,
      ["(root) type"],
    ],
  ];

  it.each(rows)("%s", (_name, schema, value, expected) => {
    expect(summary(schema, value)).toEqual(expected);
  });

  describe("discriminated oneOf", () => {
    const pets: JsonSchema = {
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: {
        propertyName: "kind",
        mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
      },
    };
    const unmapped: JsonSchema = { ...pets, discriminator: { propertyName: "kind" } };
    const cases: Array<[string, JsonSchema, unknown, string[]]> = [
      [
        "the tag picks the branch; only its problems count",
        pets,
        { kind: "cat", lives: 10 },
        ["lives maximum"],
      ],
      ["a valid variant", pets, { kind: "dog", good: true }, []],
      ["a missing tag is required", pets, { lives: 1 }, ["kind required"]],
      ["an unknown tag is a discriminator problem", pets, { kind: "cow" }, ["kind discriminator"]],
      [
        "without mapping the branch whose tag schema accepts it",
        unmapped,
        { kind: "dog" },
        ["good required"],
      ],
      ["without mapping, an unknown tag", unmapped, { kind: "cow" }, ["kind discriminator"]],
      ["not an object: plain oneOf, no branch takes the type", pets, "cat", ["(root) type"]],
    ];
    it.each(cases)("%s", (_name, schema, value, expected) => {
      expect(summary(schema, value)).toEqual(expected);
    });

    it("names the allowed tags", () => {
      const [problem] = validateSchema(pets, { kind: "cow" }, { components });
      expect(problem).toMatchObject({
        keyword: "discriminator",
        allowed: ["cat", "dog"],
        received: "string",
      });
    });
  });

  it("carries the details each fake needs to word its error", () => {
    const problems = validateSchema(
      {
        type: "object",
        required: ["a"],
        properties: { b: { type: "string", maxLength: 2 }, c: { type: "integer" } },
      },
      { b: "long", c: "1" },
    );
    expect(problems).toEqual([
      { path: ["a"], keyword: "required", message: "is required", received: "undefined", property: "a" },
      {
        path: ["b"],
        keyword: "maxLength",
        message: "must have at most 2 character(s)",
        received: "string",
        limit: 2,
      },
      { path: ["c"], keyword: "type", message: "must be integer", received: "string", expected: ["integer"] },
    ]);
  });

  it("stops a $ref cycle without progress with a depth problem instead of overflowing the stack", () => {
    expect(summary({ $ref: "#/components/schemas/Loop" }, 1)).toEqual(["(root) depth"]);
  });

  it("throws for a $ref it cannot resolve (a bug in the schemas, not in the input)", () => {
    expect(() => validateSchema({ $ref: "#/components/schemas/Nope" }, 1, { components })).toThrow(
      /unresolvable/,
    );
    expect(() => validateSchema({ $ref: "https://elsewhere.example/s.json" }, 1)).toThrow(/unresolvable/);
  });

  it("tells JSON types apart", () => {
    expect([null, [], {}, 1, "s", true, undefined, 1n].map(jsonType)).toEqual([
      "null",
      "array",
      "object",
      "number",
      "string",
      "boolean",
      "undefined",
      "undefined",
    ]);
  });
});
