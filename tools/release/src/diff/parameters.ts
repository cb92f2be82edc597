import { type OperationModel, type ParameterModel, parametersOf } from "@sso/codegen";
import type { DiffContext } from "./context.ts";
import { diffSchema } from "./schema.ts";
import { type Change, collector } from "./types.ts";
import { joinWords, name } from "./words.ts";

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
}

/** Index (in the path template) of the path parameter passed positionally. */
export function positionalIndex(op: OperationModel): number | undefined {
  if (!op.positional) return undefined;
  const index = pathParamNames(op.path).indexOf(op.positional.name);
  return index === -1 ? undefined : index;
}

interface Parameter {
  /** Path parameters by position, so a renamed one still matches; headers by their lower-case name. */
  key: string;
  label: string;
  param: ParameterModel;
}

function parameterList(op: OperationModel): Map<string, Parameter> {
  const names = pathParamNames(op.path);
  const out = new Map<string, Parameter>();
  for (const param of parametersOf(op)) {
    const key =
      param.in === "path"
        ? `path#${names.indexOf(param.name)}`
        : `${param.in}:${param.in === "header" ? param.name.toLowerCase() : param.name}`;
    const noun = param.in === "header" ? "header" : `${param.in} parameter`;
    out.set(key, { key, label: `${name(param.name)} ${noun}`, param });
  }
  return out;
}

export function parameters(ctx: DiffContext, o: OperationModel, n: OperationModel): Change[] {
  const before = parameterList(o);
  const after = parameterList(n);
  const { changes, add } = collector();
  for (const [key, p] of before) {
    if (!after.has(key)) add("breaking", "parameter-removed", `${p.label} removed`);
  }
  for (const [key, p] of after) {
    const old = before.get(key);
    if (!old) {
      if (p.param.required) add("breaking", "required-parameter-added", `${p.label} added and required`);
      else add("additive", "parameter-added", `${p.label} added (optional)`);
      continue;
    }
    const what = p.label;
    if (old.param.name !== p.param.name) {
      const positional = key === `path#${positionalIndex(n)}` && key === `path#${positionalIndex(o)}`;
      if (positional) {
        add(
          "patch",
          "positional-parameter-renamed",
          `${old.label} renamed to ${what} (passed positionally, calls are unchanged)`,
        );
      } else add("breaking", "parameter-renamed", `${old.label} renamed to ${what}`);
    }
    if (old.param.required !== p.param.required) {
      if (p.param.required) add("breaking", "parameter-required", `${what} is now required`);
      else add("additive", "parameter-optional", `${what} is now optional`);
    }
    const serialisation = (["style", "explode"] as const).filter((k) => old.param[k] !== p.param[k]);
    if (serialisation.length > 0) {
      add(
        "breaking",
        "parameter-serialisation-changed",
        `serialisation of ${what} changed (${joinWords(serialisation)})`,
      );
    }
    if (old.param.description !== p.param.description) {
      add("patch", "documentation-changed", `description of ${what} updated`);
    }
    if (!old.param.deprecated && p.param.deprecated)
      add("additive", "deprecated", `${what} is now deprecated`);
    if (old.param.deprecated && !p.param.deprecated)
      add("patch", "undeprecated", `${what} is no longer deprecated`);
    changes.push(
      ...diffSchema(ctx, old.param.schema, p.param.schema, { dir: "request", root: what, anchored: false }),
    );
  }
  return changes;
}
