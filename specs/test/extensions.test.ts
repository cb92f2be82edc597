import { describe, expect, it } from "vitest";
import { bundleSpec, isObject, type JsonObject, operationsOf, SPEC_NAMES, type SpecName } from "./support.js";

const RESOURCE = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
const METHOD = /^[a-z][A-Za-z0-9]*$/;
const PAGINATION_STYLES = ["single", "page-number", "cursor"];

const docs = new Map<SpecName, JsonObject>();
for (const name of SPEC_NAMES) docs.set(name, (await bundleSpec(name, { dereference: true })).doc);

function docOf(name: SpecName): JsonObject {
  const doc = docs.get(name);
  if (!doc) throw new Error(`${name} was not bundled`);
  return doc;
}

function parametersOf(pathItem: JsonObject, operation: JsonObject): JsonObject[] {
  return [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ].filter(isObject);
}

function jsonSchemaOf(response: unknown): JsonObject | undefined {
  if (!isObject(response) || !isObject(response.content)) return undefined;
  const media = response.content["application/json"];
  return isObject(media) && isObject(media.schema) ? media.schema : undefined;
}

describe.each(SPEC_NAMES)("%s x-sdk extensions", (name) => {
  const doc = docOf(name);
  const operations = operationsOf(doc);
  const label = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

  it("names its client and package", () => {
    expect(doc["x-sdk-client"]).toEqual({
      name: expect.stringMatching(/^[A-Z][A-Za-z0-9]*$/),
      package: `@sso/${name}`,
    });
  });

  it("declares the envelope only where bodies are enveloped", () => {
    expect(doc["x-sdk-envelope"]).toBe(name === "cloudflare" ? "cloudflare" : undefined);
  });

  it("gives every operation x-sdk-resource and x-sdk-method", () => {
    const bad = operations
      .filter(
        ({ operation }) =>
          typeof operation["x-sdk-resource"] !== "string" ||
          !RESOURCE.test(operation["x-sdk-resource"]) ||
          typeof operation["x-sdk-method"] !== "string" ||
          !METHOD.test(operation["x-sdk-method"]),
      )
      .map(({ method, path }) => label(method, path));
    expect(bad).toEqual([]);
  });

  it("maps no two operations to the same resource and method", () => {
    const keys = operations.map(
      ({ operation }) => `${operation["x-sdk-resource"]}.${operation["x-sdk-method"]}`,
    );
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
  });

  it("gives every operation a summary, a description and exactly one tag", () => {
    const bad = operations
      .filter(
        ({ operation }) =>
          typeof operation.summary !== "string" ||
          typeof operation.description !== "string" ||
          !Array.isArray(operation.tags) ||
          operation.tags.length !== 1,
      )
      .map(({ method, path }) => label(method, path));
    expect(bad).toEqual([]);
  });

  it("uses x-sdk-positional only as false or as the name of a path parameter", () => {
    const bad = operations
      .filter(({ operation, pathItem }) => {
        const positional = operation["x-sdk-positional"];
        if (positional === undefined || positional === false) return false;
        const pathParameters = parametersOf(pathItem, operation)
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name);
        return typeof positional !== "string" || !pathParameters.includes(positional);
      })
      .map(({ method, path }) => label(method, path));
    expect(bad).toEqual([]);
  });

  it("puts x-sdk-pagination on every list method and only there", () => {
    const bad = operations
      .filter(
        ({ operation }) => (operation["x-sdk-method"] === "list") !== isObject(operation["x-sdk-pagination"]),
      )
      .map(({ method, path }) => label(method, path));
    expect(bad).toEqual([]);
  });

  it("describes page-number pagination with parameters that exist", () => {
    for (const { operation, pathItem } of operations) {
      const pagination = operation["x-sdk-pagination"];
      if (!isObject(pagination)) continue;
      expect(PAGINATION_STYLES).toContain(pagination.style);
      if (pagination.style !== "page-number") continue;
      const query = new Map(
        parametersOf(pathItem, operation)
          .filter((parameter) => parameter.in === "query")
          .map((parameter) => [parameter.name, parameter]),
      );
      const page = query.get(pagination.page);
      const pageSize = query.get(pagination.pageSize);
      expect(page, "page parameter").toBeDefined();
      expect(pageSize, "page size parameter").toBeDefined();
      const pageSizeSchema = isObject(pageSize?.schema) ? pageSize.schema : {};
      expect(pageSizeSchema.maximum).toBe(pagination.maxPageSize);
    }
  });

  it("marks x-sdk-idempotent only on POST/PATCH, and on every PATCH", () => {
    for (const { method, path, operation } of operations) {
      const idempotent = operation["x-sdk-idempotent"];
      if (idempotent !== undefined) {
        expect(idempotent, label(method, path)).toBe(true);
        expect(["post", "patch"], label(method, path)).toContain(method);
      }
      if (method === "patch") expect(idempotent, label(method, path)).toBe(true);
    }
  });

  it("uses x-sdk-served-by only as a one-line list of servers, which the description repeats", () => {
    const bad = operations
      .filter(({ operation }) => {
        const servedBy = operation["x-sdk-served-by"];
        if (servedBy === undefined) return false;
        const description = typeof operation.description === "string" ? operation.description : "";
        return (
          typeof servedBy !== "string" ||
          !/^\S[^\n]+$/.test(servedBy) ||
          !description.includes("**Availability.**")
        );
      })
      .map(({ method, path }) => label(method, path));
    expect(bad).toEqual([]);
  });

  it("names component schemas as exportable TypeScript types", () => {
    const components = isObject(doc.components) ? doc.components : {};
    const schemas = isObject(components.schemas) ? Object.keys(components.schemas) : [];
    expect(schemas.length).toBeGreaterThan(0);
    expect(schemas.filter((schemaName) => !/^[A-Z][A-Za-z0-9]*$/.test(schemaName))).toEqual([]);
  });
});

describe("cloudflare envelope", () => {
  const doc = docOf("cloudflare");
  const operations = operationsOf(doc);

  it.each(operations.map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry] as const))(
    "%s: the 200 body is the success envelope, with a required result unless beginVerification",
    (_label, { operation }) => {
      const responses = isObject(operation.responses) ? operation.responses : {};
      const schema = jsonSchemaOf(responses["200"]);
      expect(schema).toBeDefined();
      const properties = isObject(schema?.properties) ? schema.properties : {};
      const required = Array.isArray(schema?.required) ? schema.required : [];
      expect(Object.keys(properties)).toEqual(expect.arrayContaining(["success", "errors", "messages"]));
      expect(required).toEqual(expect.arrayContaining(["success", "errors", "messages"]));
      expect(properties.success).toMatchObject({ type: "boolean", const: true });
      if (operation["x-sdk-method"] === "beginVerification") {
        expect(properties.result).toBeUndefined();
      } else {
        expect(properties.result).toBeDefined();
        expect(required).toContain("result");
      }
    },
  );

  it.each(operations.map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry] as const))(
    "%s: 4XX is the failure envelope",
    (_label, { operation }) => {
      const responses = isObject(operation.responses) ? operation.responses : {};
      const schema = jsonSchemaOf(responses["4XX"]);
      const properties = isObject(schema?.properties) ? schema.properties : {};
      expect(properties.success).toMatchObject({ type: "boolean", const: false });
      expect(properties.result).toEqual({ type: "null" });
      expect(properties.errors).toMatchObject({ type: "array", minItems: 1 });
      expect(schema?.required).toEqual(["success", "errors", "messages", "result"]);
    },
  );
});

describe("logto x-sdk-served-by", () => {
  const operations = operationsOf(docOf("logto"));

  it("marks exactly the routes the stock 1.42.0 release does not serve: signing keys and IdP-initiated auth", () => {
    const marked = operations
      .filter(({ operation }) => operation["x-sdk-served-by"] !== undefined)
      .map(({ operation }) => `${operation["x-sdk-resource"]}.${operation["x-sdk-method"]}`)
      .sort();
    expect(marked).toEqual([
      "ssoConnectors.idpInitiatedAuthConfig.delete",
      "ssoConnectors.idpInitiatedAuthConfig.get",
      "ssoConnectors.idpInitiatedAuthConfig.set",
      "ssoConnectors.signingKeys.create",
      "ssoConnectors.signingKeys.delete",
      "ssoConnectors.signingKeys.list",
      "ssoConnectors.signingKeys.update",
    ]);
    const servers = new Set(operations.map(({ operation }) => operation["x-sdk-served-by"]).filter(Boolean));
    expect([...servers]).toEqual([
      "Logto Cloud, and self-hosted Logto with dev features enabled (DEV_FEATURES_ENABLED=true); not the stock Logto 1.42.0 release",
    ]);
  });
});
