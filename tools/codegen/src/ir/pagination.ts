/** `x-sdk-pagination`: which style a list follows, checked against the styles the runtime implements. */
import { PAGINATION_STYLES } from "../runtime-facts.js";
import { child, isRecord, type Raw } from "./document.js";
import type { PaginationModel, ParameterModel, ResultModel } from "./model.js";
import type { OperationContext } from "./read-operation.js";
import type { Schema } from "./schema.js";
import { arrayItems, objectView } from "./shape.js";

export function readPagination(
  ctx: OperationContext,
  operation: Raw,
  pointer: string,
  result: ResultModel | undefined,
  params: readonly ParameterModel[],
): PaginationModel | undefined {
  const { problems, components } = ctx;
  const ext = operation["x-sdk-pagination"];
  if (ext === undefined) return undefined;
  const at = child(pointer, "x-sdk-pagination");
  if (!isRecord(ext)) return problems.add(at, "x-sdk-pagination must be an object with a `style`");
  const style = typeof ext.style === "string" ? PAGINATION_STYLES[ext.style] : undefined;
  if (!style) {
    return problems.add(
      child(at, "style"),
      `unknown pagination style \`${String(ext.style)}\` (${Object.keys(PAGINATION_STYLES).join(", ")})`,
    );
  }
  const query = new Set(params.filter((p) => p.in === "query").map((p) => p.name));
  const named: Record<string, string> = {};
  for (const key of [...style.query, ...style.optionalQuery]) {
    const value = ext[key];
    if (value === undefined && style.optionalQuery.includes(key)) continue;
    if (typeof value !== "string" || !query.has(value)) {
      problems.add(child(at, key), `x-sdk-pagination.${key} must name a query parameter of this operation`);
      continue;
    }
    named[key] = value;
  }
  const maxPageSize = ext.maxPageSize;
  if (maxPageSize !== undefined && style.maxPageSize === "none") {
    problems.add(child(at, "maxPageSize"), `pagination style \`${String(ext.style)}\` takes no maxPageSize`);
  } else if (
    (style.maxPageSize === "required" || maxPageSize !== undefined) &&
    (typeof maxPageSize !== "number" || !Number.isInteger(maxPageSize) || maxPageSize < 1)
  ) {
    problems.add(child(at, "maxPageSize"), "x-sdk-pagination.maxPageSize must be a positive integer");
  }
  for (const key of Object.keys(ext)) {
    const known = [
      "style",
      ...style.query,
      ...style.optionalQuery,
      "maxPageSize",
      ...(style.itemKey ? ["itemKey"] : []),
    ];
    if (!known.includes(key)) {
      problems.add(
        child(at, key),
        `pagination style \`${String(ext.style)}\` takes no \`${key}\` (it takes ${known.join(", ")})`,
      );
    }
  }
  if (!result?.schema) return undefined;
  const cursor = ext.style === "cursor";
  const item = pageItem(result.schema, cursor, components);
  if (!item) {
    return problems.add(
      at,
      cursor
        ? "a cursor page must be an object with an `items` array"
        : "a paginated response must be an array (or an envelope whose `result` is one)",
    );
  }
  const itemKey = style.itemKey ? keyOf(ctx, ext, at, item) : undefined;
  const common = { item, ...(itemKey ? { itemKey } : {}) };
  const max = typeof maxPageSize === "number" ? { maxPageSize } : {};
  switch (ext.style) {
    case "single":
      return { style: "single", ...common };
    case "page-number":
      return {
        style: "page-number",
        page: named.page ?? "",
        pageSize: named.pageSize ?? "",
        maxPageSize: Number(maxPageSize),
        ...common,
      };
    case "result-info":
      return {
        style: "result-info",
        page: named.page ?? "",
        pageSize: named.pageSize ?? "",
        ...max,
        ...common,
      };
    default:
      return {
        style: "cursor",
        cursorParam: named.cursorParam ?? "",
        ...(named.limitParam ? { limitParam: named.limitParam } : {}),
        ...common,
      };
  }
}

/** The item type of a page: the array's items, or a cursor page's `items`. */
function pageItem(schema: Schema, cursor: boolean, components: (name: string) => Schema): Schema | undefined {
  if (!cursor) return arrayItems(schema, components);
  const items = objectView(schema, components)?.properties.find((p) => p.name === "items");
  return items && arrayItems(items.schema, components);
}

/** `x-sdk-pagination.itemKey`, else a required `id` of the item: what tells one item from another. */
function keyOf(ctx: OperationContext, ext: Raw, at: string, item: Schema): string | undefined {
  const properties = objectView(item, ctx.components)?.properties ?? [];
  if (ext.itemKey !== undefined) {
    if (typeof ext.itemKey !== "string" || !properties.some((p) => p.name === ext.itemKey && p.required)) {
      return ctx.problems.add(
        child(at, "itemKey"),
        "x-sdk-pagination.itemKey must name a required property of the item",
      );
    }
    return ext.itemKey;
  }
  return properties.some((p) => p.name === "id" && p.required) ? "id" : undefined;
}
