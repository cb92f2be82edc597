/**
 * The scale benchmark's synthetic spec: the same text for the same size, exactly the operations asked for, and a
 * spec the generator's model loader accepts whole (every operation placed on the client, none refused).
 */
import { modelFromText, operationsOf } from "@sso/codegen";
import { describe, expect, it } from "vitest";
import { rootDir } from "../src/config.ts";
import { countOperations, SYNTHETIC_PACKAGE, syntheticSpec } from "../src/synthetic-spec.ts";

const load = (text: string) =>
  modelFromText(rootDir, {
    name: SYNTHETIC_PACKAGE.name,
    file: `specs/${SYNTHETIC_PACKAGE.name}.openapi.yaml`,
    text,
    packageName: SYNTHETIC_PACKAGE.packageName,
  });

describe("syntheticSpec", () => {
  it.each([1, 4, 13, 100, 800])("%d operations: deterministic, exact and accepted", async (operations) => {
    const text = syntheticSpec(operations);
    expect(syntheticSpec(operations)).toBe(text);
    expect(countOperations(text)).toBe(operations);
    const model = await load(text);
    expect([...operationsOf(model)]).toHaveLength(operations);
  });

  it("defaults to 800 operations over about a hundred resources, named by rule and by x-sdk-*", async () => {
    const text = syntheticSpec();
    expect(countOperations(text)).toBe(800);
    const doc = JSON.parse(text) as { tags: unknown[]; paths: Record<string, Record<string, object>> };
    expect(doc.tags.length).toBeGreaterThanOrEqual(90);
    expect(doc.tags.length).toBeLessThanOrEqual(130);
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const explicit = ops.filter((op) => "x-sdk-method" in op).length;
    expect(explicit).toBeGreaterThan(0);
    expect(explicit).toBeLessThan(ops.length / 2);
    const model = await load(text);
    const keys = [...operationsOf(model)].map((op) => op.key);
    expect(new Set(keys).size).toBe(800);
    expect(keys).toEqual(
      expect.arrayContaining([
        "billing.credits.list",
        "billing.credits.get",
        "billing.credits.create",
        "billing.credits.update",
        "billing.credits.replace",
        "billing.credits.delete",
        "billing.credits.archive",
        "billing.credits.batchDelete",
        "billing.credits.notes.list",
      ]),
    );
  });

  it("refuses a size that is not a positive integer", () => {
    expect(() => syntheticSpec(0)).toThrow(RangeError);
    expect(() => syntheticSpec(2.5)).toThrow(RangeError);
  });
});
