/**
 * An operation as the runtime's `OperationDescriptor`: what the call is (method, path, where each parameter
 * goes, what must be present, how values are written and bounded, who may authorize it, what the success body
 * looks like, how a list pages). Generated code only declares this; `@sso/core` does the rest.
 */
import type { OperationModel, ParameterModel, ResponseShape } from "../ir/model.js";
import type { Schema } from "../ir/schema.js";
import { type Components, deref } from "../ir/shape.js";
import { parametersOf } from "../ir/walk.js";
import { PAGINATION_STYLES } from "../runtime-facts.js";
import { Code } from "./literal.js";

export interface Descriptor {
  /** The descriptor object, ready for `literal()`. */
  readonly value: Record<string, unknown>;
  /** Runtime factories the value calls (pagination styles), imported from `@sso/core/internal`. */
  readonly factories: readonly string[];
}

export function descriptor(op: OperationModel, components: Components): Descriptor {
  const parameters = parametersOf(op);
  const body = op.body;
  const bodyFields = body?.kind === "fields" && body.required ? body.fields.filter((f) => f.required) : [];
  const required = [
    ...parameters.filter((p) => p.required).map((p) => p.name),
    ...bodyFields.map((f) => f.name),
    ...(body?.kind === "value" && body.required ? ["body"] : []),
  ];
  const query = Object.fromEntries(
    op.parameters.flatMap((p) => {
      const style = queryStyle(p);
      return style ? [[p.name, style]] : [];
    }),
  );
  const limits = Object.fromEntries(
    parameters.flatMap((p) => {
      const bounds = p.in === "header" ? undefined : limitsOf(p.schema, components);
      return bounds ? [[p.name, bounds]] : [];
    }),
  );
  const factories: string[] = [];
  let pagination: Code | undefined;
  if (op.pagination) {
    const { style, item: _item, ...options } = op.pagination;
    const factory = PAGINATION_STYLES[style]?.factory ?? style;
    factories.push(factory);
    pagination = new Code(`${factory}(${style === "single" ? "" : literalOptions(options)})`);
  }
  const { result } = op;
  return {
    factories,
    value: {
      method: op.httpMethod,
      path: op.path,
      idempotent: op.idempotent,
      ...(parameters.length > 0 ? { params: Object.fromEntries(parameters.map((p) => [p.name, p.in])) } : {}),
      ...(required.length > 0 ? { required } : {}),
      ...(body ? { body: body.kind } : {}),
      ...(body && !body.required ? { bodyOptional: true } : {}),
      ...(Object.keys(query).length > 0 ? { query } : {}),
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
      security: op.security.schemes,
      ...(result.shape && !result.mayBeEmpty ? { response: shapeValue(result.shape) } : {}),
      ...(result.content !== "json" ? { content: result.content } : {}),
      ...(pagination ? { pagination } : {}),
      ...(op.servedBy ? { servedBy: op.servedBy } : {}),
    },
  };
}

function literalOptions(options: Record<string, unknown>): string {
  const entries = Object.entries(options).filter(([, v]) => v !== undefined);
  return `{ ${entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")} }`;
}

/** A query parameter's serialisation when it is not the default form + explode. */
function queryStyle(p: ParameterModel): string | undefined {
  if (p.in !== "query") return undefined;
  if (p.style === "form") return p.explode ? undefined : "form";
  return p.style;
}

/** The numeric bounds the runtime checks before sending (page >= 1, page_size <= 100, ...). */
function limitsOf(
  schema: Schema,
  components: Components,
): { minimum?: number; maximum?: number; integer?: true } | undefined {
  const target = deref(schema, components);
  if (target.kind !== "number" && target.kind !== "integer") return undefined;
  const integer = target.kind === "integer";
  const minimum =
    target.minimum ??
    (integer && target.exclusiveMinimum !== undefined ? target.exclusiveMinimum + 1 : undefined);
  const maximum =
    target.maximum ??
    (integer && target.exclusiveMaximum !== undefined ? target.exclusiveMaximum - 1 : undefined);
  if (minimum === undefined && maximum === undefined && !integer) return undefined;
  return {
    ...(minimum !== undefined ? { minimum } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
    ...(integer ? { integer: true as const } : {}),
  };
}

/** The shape without an empty `required` list: less to ship in every client bundle. */
function shapeValue(shape: ResponseShape): Record<string, unknown> {
  return shape.required.length > 0
    ? { types: shape.types, required: shape.required }
    : { types: shape.types };
}
