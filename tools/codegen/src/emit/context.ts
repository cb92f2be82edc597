import type { ApiModel, OperationModel } from "../ir/model.js";
import type { Schema } from "../ir/schema.js";
import type { Components } from "../ir/shape.js";
import { resourcesOf } from "../ir/walk.js";
import { exampleCode } from "./example.js";
import type { Formatter } from "./format.js";

/**
 * What every emitter of one package reads: the model, its component schemas by name, the formatter, and each
 * operation's `@example` code, formatted.
 */
export interface EmitContext {
  readonly model: ApiModel;
  readonly components: Components;
  readonly formatter: Formatter;
  readonly examples: ReadonlyMap<OperationModel, string>;
}

export function emitContext(model: ApiModel, formatter: Formatter): EmitContext {
  const byName = new Map(model.schemas.map((s) => [s.component, s.schema]));
  const components = (name: string): Schema => byName.get(name) ?? { kind: "unknown" };
  const operations = [...resourcesOf(model.resources)].flatMap((resource) =>
    resource.operations.map((operation) => ({ resource, operation })),
  );
  const names = new Map(model.schemas.map((s) => [s.component, s.name]));
  const codes = formatter.snippets(
    operations.map(({ resource, operation }) => exampleCode(names, operation, resource)),
  );
  const examples = new Map(operations.map(({ operation }, i) => [operation, codes[i] ?? ""]));
  return { model, components, formatter, examples };
}
