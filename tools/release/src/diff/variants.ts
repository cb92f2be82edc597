import type { Schema } from "@sso/codegen";
import type { DiffContext, Place, Side } from "./context.ts";
import { type Flat, flatten } from "./flat.ts";
import { diffSchema } from "./schema.ts";
import { type Change, collector } from "./types.ts";
import { name } from "./words.ts";

interface Variant {
  key: string;
  schema: Schema;
}

/** `oneOf`/`anyOf` members, keyed by component name, title or discriminating `const`, else position. */
function variantList(side: Side, schema: Flat): Variant[] | undefined {
  return schema.variants?.map((variant, index) => {
    if (variant.kind === "ref") return { key: name(variant.target), schema: variant };
    const flat = flatten(variant, side.components);
    if (flat.title !== undefined) return { key: name(flat.title), schema: variant };
    for (const property of flat.properties ?? []) {
      const only = flatten(property.schema, side.components).values;
      if (only?.length === 1)
        return { key: `\`${property.name}: ${JSON.stringify(only[0])}\``, schema: variant };
    }
    const types = flat.types;
    return { key: types ? `${[...types].join(" | ")} #${index + 1}` : `#${index + 1}`, schema: variant };
  });
}

export function variants(ctx: DiffContext, o: Flat, n: Flat, place: Place, what: string): Change[] {
  const before = variantList(ctx.before, o);
  const after = variantList(ctx.after, n);
  if (!before && !after) return [];
  const { changes, add } = collector(place.anchored);
  const request = place.dir === "request";
  for (const variant of before ?? []) {
    if (after?.some((v) => v.key === variant.key)) continue;
    if (request)
      add("breaking", "request-variant-removed", `${what} no longer accepts variant ${variant.key}`);
    else add("breaking", "response-variant-removed", `${what} is never variant ${variant.key} anymore`);
  }
  for (const variant of after ?? []) {
    const old = before?.find((v) => v.key === variant.key);
    if (!old) {
      if (request)
        add("additive", "request-variant-added", `${what} now also accepts variant ${variant.key}`);
      else {
        add(
          "widening",
          "response-variant-added",
          `${what} may now be variant ${variant.key}: code that handles every variant needs a new case`,
        );
      }
      continue;
    }
    const inner: Place = place.path
      ? { ...place, path: `${place.path} (${variant.key.replaceAll("`", "")})` }
      : { ...place, root: `${what} (variant ${variant.key})` };
    changes.push(...diffSchema(ctx, old.schema, variant.schema, inner));
  }
  return changes;
}
