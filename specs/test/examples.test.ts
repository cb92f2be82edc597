import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  bundleSpec,
  collectExamples,
  type ExampleCase,
  isObject,
  type JsonObject,
  operationsOf,
  pointerOf,
  SPEC_NAMES,
  type SpecName,
} from "./support.js";

const addFormats = addFormatsModule.default;

/** JSON Schema 2020-12 (the OpenAPI 3.1 dialect) plus the OpenAPI-only annotation keywords. */
function createValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictTypes: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
  return ajv;
}

const ajv = createValidator();

function validates(schema: unknown, value: unknown): boolean {
  return (typeof schema === "boolean" || isObject(schema)) && ajv.validate(schema, value) === true;
}

function validationErrors(testCase: Pick<ExampleCase, "schema" | "value">): string | undefined {
  if (typeof testCase.schema !== "boolean" && !isObject(testCase.schema)) return "the schema is not a schema";
  const validate = ajv.compile(testCase.schema);
  return validate(testCase.value) ? undefined : ajv.errorsText(validate.errors, { dataVar: "example" });
}

/** The schema plus every subschema that applies to `value`: all of `allOf`, the matching `anyOf`/`oneOf` branches. */
function applicableSchemas(schema: unknown, value: unknown): JsonObject[] {
  if (!isObject(schema)) return [];
  const result = [schema];
  for (const sub of Array.isArray(schema.allOf) ? schema.allOf : [])
    result.push(...applicableSchemas(sub, value));
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const sub of branches) if (validates(sub, value)) result.push(...applicableSchemas(sub, value));
  }
  return result;
}

/**
 * Paths of properties in `value` that no applicable schema declares, where the schemas are closed (no
 * `additionalProperties`/`patternProperties`). JSON Schema objects are open by default, so a misspelt field in
 * an example would otherwise pass; this is the `allowAdditionalProperties: false` of redocly.yaml, made reliable.
 */
function undeclaredProperties(schema: unknown, value: unknown, at = "example"): string[] {
  const schemas = applicableSchemas(schema, value);
  if (Array.isArray(value)) {
    const items = schemas.map((candidate) => candidate.items).filter((item) => item !== undefined);
    return value.flatMap((element, index) =>
      items.flatMap((item) => undeclaredProperties(item, element, `${at}/${index}`)),
    );
  }
  if (!isObject(value)) return [];
  const declared = new Map<string, unknown[]>();
  const extra: unknown[] = [];
  // Only objects some schema describes with `properties` are closed; `{}` or `{description}` means any JSON.
  let open = !schemas.some((candidate) => isObject(candidate.properties));
  for (const candidate of schemas) {
    if (isObject(candidate.properties)) {
      for (const [name, sub] of Object.entries(candidate.properties))
        declared.set(name, [...(declared.get(name) ?? []), sub]);
    }
    if (candidate.patternProperties !== undefined || candidate.additionalProperties === true) open = true;
    if (isObject(candidate.additionalProperties)) extra.push(candidate.additionalProperties);
  }
  return Object.entries(value).flatMap(([name, child]) => {
    const subs = declared.get(name) ?? extra;
    if (subs.length === 0) return open ? [] : [`${at}/${name}`];
    return subs.flatMap((sub) => undeclaredProperties(sub, child, `${at}/${name}`));
  });
}

const examples = new Map<SpecName, ExampleCase[]>();
const bundled = new Map<SpecName, JsonObject>();
for (const name of SPEC_NAMES) {
  examples.set(name, collectExamples((await bundleSpec(name, { dereference: true })).doc));
  bundled.set(name, (await bundleSpec(name)).doc);
}

describe("the example validator", () => {
  it("rejects a value that breaks its schema", () => {
    const schema = { type: "object", properties: { status: { enum: ["pending", "verified"] } } };
    expect(validationErrors({ schema, value: { status: "bogus" } })).toMatch(/status/);
    expect(validationErrors({ schema, value: { status: "pending" } })).toBeUndefined();
  });

  it("checks formats", () => {
    expect(validationErrors({ schema: { type: "string", format: "uuid" }, value: "nope" })).toMatch(/uuid/);
  });

  it("finds undeclared properties, through composition, arrays and maps", () => {
    const item = { type: "object", properties: { id: { type: "string" } } };
    const schema = {
      type: "object",
      properties: {
        list: { type: "array", items: item },
        map: { type: "object", additionalProperties: item },
        either: { oneOf: [{ ...item, required: ["id"] }, { type: "null" }] },
      },
    };
    const value = {
      list: [{ id: "a", idd: "typo" }],
      map: { k: { id: "b", x: 1 } },
      either: { id: "c", y: 2 },
      z: 3,
    };
    expect(undeclaredProperties(schema, value).sort()).toEqual([
      "example/either/y",
      "example/list/0/idd",
      "example/map/k/x",
      "example/z",
    ]);
    expect(undeclaredProperties({ type: "object", additionalProperties: true }, { anything: 1 })).toEqual([]);
    expect(undeclaredProperties({ description: "any JSON" }, { anything: { at: "all" } })).toEqual([]);
  });
});

describe.each(SPEC_NAMES)("%s examples", (name) => {
  const cases = examples.get(name) ?? [];

  it("has examples to check: at least one per component schema", () => {
    const schemas = Object.keys(getSection(bundled.get(name) ?? {}, "schemas"));
    expect(schemas.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThanOrEqual(schemas.length);
  });

  it.each(cases.map((testCase) => [testCase.pointer, testCase] as const))(
    "%s validates",
    (_pointer, testCase) => {
      expect(validationErrors(testCase)).toBeUndefined();
      expect(undeclaredProperties(testCase.schema, testCase.value), "undeclared properties").toEqual([]);
    },
  );

  it("gives every component schema an example", () => {
    const doc = bundled.get(name) ?? {};
    const schemas = getSection(doc, "schemas");
    const missing = Object.entries(schemas)
      .filter(([, schema]) => !isObject(schema) || !("example" in schema || Array.isArray(schema.examples)))
      .map(([schemaName]) => schemaName);
    expect(missing).toEqual([]);
  });

  it("gives every JSON request and response body, parameter and header an example", () => {
    const doc = bundled.get(name) ?? {};
    const missing: string[] = [];
    const checkHolder = (holder: unknown, at: (string | number)[]): void => {
      if (!isObject(holder) || "$ref" in holder) return;
      if (!("example" in holder) && !isObject(holder.examples)) missing.push(pointerOf(at));
    };
    const checkContent = (owner: unknown, at: (string | number)[]): void => {
      if (!isObject(owner) || !isObject(owner.content)) return;
      for (const [mediaType, media] of Object.entries(owner.content))
        checkHolder(media, [...at, "content", mediaType]);
    };
    const checkResponse = (response: unknown, at: (string | number)[]): void => {
      if (!isObject(response)) return;
      checkContent(response, at);
      if (isObject(response.headers)) {
        for (const [header, value] of Object.entries(response.headers))
          checkHolder(value, [...at, "headers", header]);
      }
    };
    for (const { method, path, operation, pathItem } of operationsOf(doc)) {
      const at = ["paths", path, method];
      for (const [index, parameter] of asArray(pathItem.parameters).entries()) {
        checkHolder(parameter, ["paths", path, "parameters", index]);
      }
      for (const [index, parameter] of asArray(operation.parameters).entries()) {
        checkHolder(parameter, [...at, "parameters", index]);
      }
      checkContent(operation.requestBody, [...at, "requestBody"]);
      if (isObject(operation.responses)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          checkResponse(response, [...at, "responses", status]);
        }
      }
    }
    for (const [key, parameter] of Object.entries(getSection(doc, "parameters"))) {
      checkHolder(parameter, ["components", "parameters", key]);
    }
    for (const [key, header] of Object.entries(getSection(doc, "headers"))) {
      checkHolder(header, ["components", "headers", key]);
    }
    for (const [key, response] of Object.entries(getSection(doc, "responses"))) {
      checkResponse(response, ["components", "responses", key]);
    }
    expect(missing).toEqual([]);
  });
});

function getSection(doc: JsonObject, section: string): JsonObject {
  const components = doc.components;
  if (!isObject(components)) return {};
  const value = components[section];
  return isObject(value) ? value : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
