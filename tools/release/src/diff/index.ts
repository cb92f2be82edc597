/**
 * The release diff: compares the model of the released spec with the model of the current one (both read by
 * `@sso/codegen`, the one reader of a spec) and classifies every difference by what it does to SDK users.
 */
import { type ApiModel, modelFromText } from "@sso/codegen";
import { canonical } from "./canonical.ts";
import { diffContext, EMPTY_MODEL } from "./context.ts";
import { diffClient, diffSchemes, diffTypes, diffWorkflows } from "./document.ts";
import { diffOperations } from "./operations.ts";
import type { Change, JsonObject } from "./types.ts";

/** One version of a spec: its model, and its text for what the model does not hold (examples, comments). */
export interface SpecVersion {
  model: ApiModel;
  /** The spec as parsed, keys sorted: equal texts are the same spec. */
  canonical: string;
}

/**
 * Reads one version of a spec: `document` is the spec as parsed, `text` its source (the document as JSON when
 * left out, as for a released baseline). `file` is the path messages name; it throws SpecError when it is bad.
 */
export async function specVersion(
  root: string,
  options: { name: string; file: string; packageName: string; document: JsonObject; text?: string },
): Promise<SpecVersion> {
  const { document, text, ...rest } = options;
  const model = await modelFromText(root, { ...rest, text: text ?? JSON.stringify(document) });
  return { model, canonical: canonical(document) };
}

/** Classifies every difference between the released spec (none: never released) and the current one. */
export function diffSpecs(before: SpecVersion | undefined, after: SpecVersion): Change[] {
  const ctx = diffContext(before?.model ?? EMPTY_MODEL, after.model);
  const { model: o } = ctx.before;
  const { model: n } = ctx.after;
  const changes = [
    ...(before ? diffClient(o, n) : []),
    ...diffTypes(o, n),
    ...diffSchemes(o, n),
    ...diffWorkflows(o, n),
    ...diffOperations(ctx),
  ];
  // A change the model does not see (an example, a comment) still needs a changeset: one patch line.
  if (changes.length === 0 && before?.canonical !== after.canonical) {
    changes.push({
      severity: "patch",
      rule: "other",
      message: "other spec changes with no effect on the SDK",
    });
  }
  return changes;
}
