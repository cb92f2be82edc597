/**
 * The contract, for specs nobody wrote by hand: every random spec built from the supported constructs either
 * generates a package that passes strict `tsc` (examples included) or is refused with locations. Never exit 0
 * with code that does not compile. The seed is fixed so CI runs the same specs; FUZZ_SEED and FUZZ_RUNS explore
 * others. A shrunk counterexample becomes a fixture in construct-cases.ts or bad-specs.test.ts.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecError } from "../src/errors.js";
import { specArbitrary } from "./support/arbitrary-spec.js";
import { Compiler, diagnosticsUnder, writeFixturePackage } from "./support/compile.js";
import { generate } from "./support/fixture.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

let tmp: string;
const compiler = new Compiler();

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "sso-codegen-fuzz-"));
  await writeFile(join(tmp, "package.json"), '{ "type": "module" }');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe("fuzz: random specs of supported constructs", () => {
  it("generate code that compiles, or are refused with locations", async () => {
    let sample = 0;
    const outcomes = { compiled: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(specArbitrary, async (spec) => {
        const text = `${JSON.stringify(spec, null, 1)}\n`;
        let files: Map<string, string>;
        try {
          files = await generate(text);
        } catch (error) {
          if (!(error instanceof SpecError)) throw error;
          for (const problem of error.problems) {
            const { line, column, pointer } = problem.location;
            expect(line >= 1 && column >= 1 && pointer.startsWith("#"), String(problem)).toBe(true);
          }
          outcomes.refused++;
          return;
        }
        const dir = join(tmp, `sample-${sample++}`);
        const roots = await writeFixturePackage(dir, files);
        const problems = diagnosticsUnder(compiler.program(roots), dir);
        expect(problems, text).toEqual([]);
        outcomes.compiled++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The property means something only if most random specs are accepted.
    expect(outcomes.compiled).toBeGreaterThan(RUNS / 2);
  }, 600_000);
});
