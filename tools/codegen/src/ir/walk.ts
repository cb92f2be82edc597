import type { ApiModel, OperationModel, ParameterModel, ResourceModel } from "./model.js";

/** Resources depth-first in their sorted order. */
export function* resourcesOf(resources: readonly ResourceModel[]): Generator<ResourceModel> {
  for (const resource of resources) {
    yield resource;
    yield* resourcesOf(resource.children);
  }
}

/** Every operation, resource by resource in the model's order. */
export function* operationsOf(model: ApiModel): Generator<OperationModel> {
  for (const resource of resourcesOf(model.resources)) yield* resource.operations;
}

/** Every parameter of an operation, the positional one included: path ones in template order, then query, header. */
export function parametersOf(op: OperationModel): readonly ParameterModel[] {
  if (!op.positional) return op.parameters;
  const all = [op.positional, ...op.parameters];
  const rank = (p: ParameterModel) =>
    p.in === "path"
      ? op.path.indexOf(`{${p.name}}`)
      : p.in === "query"
        ? op.path.length + 1
        : op.path.length + 2;
  return all.sort((a, b) => rank(a) - rank(b));
}
