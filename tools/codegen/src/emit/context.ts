import type { ApiModel } from "../ir/model.js";
import type { Schema } from "../ir/schema.js";
import type { Components } from "../ir/shape.js";
import type { Formatter } from "./format.js";

/** What every emitter of one package reads: the model, its component schemas by name, and the formatter. */
export interface EmitContext {
  readonly model: ApiModel;
  readonly components: Components;
  readonly formatter: Formatter;
}

export function emitContext(model: ApiModel, formatter: Formatter): EmitContext {
  const byName = new Map(model.schemas.map((s) => [s.component, s.schema]));
  const components = (name: string): Schema => byName.get(name) ?? { kind: "unknown" };
  return { model, components, formatter };
}
