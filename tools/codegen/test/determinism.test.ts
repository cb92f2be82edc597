/**
 * Same spec, same bytes: generating twice gives identical output, and so does a spec whose paths, operations
 * and component maps come in another order (YAML order never reaches the output).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { findRoot } from "../src/context.js";
import { generate } from "./support/fixture.js";

const root = findRoot(fileURLToPath(import.meta.url));
const SPECS = (await readdir(join(root, "specs")))
  .filter((file) => file.endsWith(".openapi.yaml"))
  .map((file) => file.slice(0, -".openapi.yaml".length));
const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** A small seeded PRNG (mulberry32), so a failing shuffle can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function shuffleKeys<T extends object>(map: T, next: () => number): T {
  return Object.fromEntries(shuffled(Object.entries(map), next)) as T;
}

type Doc = Record<string, Record<string, Record<string, unknown>>>;

/** Reorders the paths, the operations inside each path item, and every components map (schemas first of all). */
export function shuffleSpec(text: string, seed: number): string {
  const next = random(seed);
  const doc = parse(text) as Doc;
  doc.paths = shuffleKeys(
    Object.fromEntries(
      Object.entries(doc.paths ?? {}).map(([path, item]) => {
        const operations = Object.entries(item).filter(([key]) => HTTP_METHODS.has(key));
        const rest = Object.entries(item).filter(([key]) => !HTTP_METHODS.has(key));
        return [path, Object.fromEntries([...rest, ...shuffled(operations, next)])];
      }),
    ),
    next,
  );
  if (doc.components) {
    doc.components = shuffleKeys(
      Object.fromEntries(
        Object.entries(doc.components).map(([kind, map]) => [kind, shuffleKeys(map as object, next)]),
      ),
      next,
    ) as Doc["components"];
  }
  return stringify(shuffleKeys(doc, next), { lineWidth: 0 });
}

describe("determinism", () => {
  it("the shuffle helper really reorders", async () => {
    const text = await readFile(join(root, "specs", "logto.openapi.yaml"), "utf8");
    const order = (t: string) => Object.keys((parse(t) as Doc).components?.schemas ?? {}).join();
    expect(order(shuffleSpec(text, 1))).not.toEqual(order(text));
    expect(Object.keys((parse(shuffleSpec(text, 1)) as Doc).paths ?? {})).not.toEqual(
      Object.keys((parse(text) as Doc).paths ?? {}),
    );
  });

  it.each(SPECS)("%s: generating twice gives identical bytes", async (name) => {
    const text = await readFile(join(root, "specs", `${name}.openapi.yaml`), "utf8");
    const first = await generate(text, name);
    const second = await generate(text, name);
    expect([...second]).toEqual([...first]);
  });

  it.each(SPECS.flatMap((name) => [1, 2, 3].map((seed) => [name, seed] as const)))(
    "%s shuffled with seed %i gives the same bytes",
    async (name, seed) => {
      const text = await readFile(join(root, "specs", `${name}.openapi.yaml`), "utf8");
      const expected = await generate(text, name);
      const actual = await generate(shuffleSpec(text, seed), name);
      expect([...actual.keys()]).toEqual([...expected.keys()]);
      for (const [path, content] of expected) expect(actual.get(path), path).toBe(content);
    },
  );
});
