/** OperationGuard: a generated json-schemas module's operations checked against requests, with text coerced. */
import { describe, expect, it } from "vitest";
import {
  type FakeRequest,
  formatKeyPath,
  type GeneratedSchemas,
  OperationGuard,
} from "../src/testing/index.js";

const schemas: GeneratedSchemas = {
  components: {
    Item: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
    PageSize: { type: "integer", minimum: 1, maximum: 100 },
  },
  operations: {
    "items.list": {
      method: "GET",
      path: "/items",
      operationId: "ListItems",
      parameters: [
        {
          name: "page_size",
          in: "query",
          required: false,
          schema: { $ref: "#/components/schemas/PageSize" },
        },
        {
          name: "expand",
          in: "query",
          required: false,
          schema: { type: "array", items: { enum: ["a", "b"] } },
        },
        { name: "active", in: "query", required: false, schema: { type: "boolean" } },
        { name: "X-Request-ID", in: "header", required: false, schema: { type: "string", format: "uuid" } },
      ],
      responses: { "200": {} },
    },
    "items.create": {
      method: "POST",
      path: "/items/{group}",
      operationId: "CreateItem",
      parameters: [{ name: "group", in: "path", required: true, schema: { type: "string", maxLength: 3 } }],
      requestBody: { required: true, schema: { $ref: "#/components/schemas/Item" } },
      responses: { "201": {} },
    },
  },
};

function request(
  url: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): FakeRequest {
  const parsed = new URL(url, "http://127.0.0.1");
  return {
    method: "GET",
    url: parsed,
    path: parsed.pathname,
    params,
    query: parsed.searchParams,
    headers,
    rawBody: "",
    body: undefined,
    header: (name) => headers[name.toLowerCase()],
  };
}

const guard = new OperationGuard(schemas);
const summary = (problems: ReturnType<OperationGuard["parameters"]>) =>
  problems.map((p) => `${p.in}:${formatKeyPath(p.path)} ${p.keyword}`);

describe("OperationGuard", () => {
  it("finds an operation by method and route template, and refuses one the spec lacks", () => {
    expect(guard.operationKey("post", "/items/{group}")).toBe("items.create");
    expect(() => guard.operationKey("DELETE", "/items/{group}")).toThrow(/no operation/);
  });

  const rows: Array<[string, FakeRequest, string[]]> = [
    ["no parameters at all", request("/items"), []],
    ["an integer from text", request("/items?page_size=20"), []],
    ["above the maximum", request("/items?page_size=101"), ["query:page_size maximum"]],
    ["not a number stays text", request("/items?page_size=abc"), ["query:page_size type"]],
    ["a fraction is not an integer", request("/items?page_size=1.5"), ["query:page_size type"]],
    ["repeated values make an array", request("/items?expand=a&expand=b"), []],
    ["each array item is checked", request("/items?expand=a&expand=c"), ["query:expand.1 enum"]],
    ["a boolean from text", request("/items?active=true"), []],
    ["a boolean that is not", request("/items?active=yes"), ["query:active type"]],
    ["a header", request("/items", {}, { "x-request-id": "nope" }), ["header:X-Request-ID format"]],
  ];
  it.each(rows)("list: %s", (_name, req, expected) => {
    expect(summary(guard.parameters("items.list", req))).toEqual(expected);
  });

  it("checks path parameters and reports a missing required one", () => {
    expect(summary(guard.parameters("items.create", request("/items/abcd", { group: "abcd" })))).toEqual([
      "path:group maxLength",
    ]);
    expect(summary(guard.parameters("items.create", request("/items/x")))).toEqual(["path:group required"]);
  });

  it("checks the body against the operation's request body schema", () => {
    expect(guard.body("items.create", { name: "" }).map((p) => p.keyword)).toEqual(["minLength"]);
    expect(guard.body("items.create", { name: "ok" })).toEqual([]);
    expect(guard.body("items.create", undefined).map((p) => p.keyword)).toEqual(["type"]);
    expect(guard.body("items.list", { anything: true })).toEqual([]);
  });

  it("validates against a component by name", () => {
    expect(guard.validate(guard.component("PageSize"), 0).map((p) => p.keyword)).toEqual(["minimum"]);
    expect(() => guard.component("Nope")).toThrow(/no component/);
    expect(() => guard.body("items.nope", {})).toThrow(/no operation/);
  });
});
