/**
 * Reads one operation of the spec: parameters, body, responses, pagination, security. Everything but its name
 * and place in the client (see placement.ts), which needs every operation first.
 */
import { errorClassName, IDEMPOTENT_METHODS } from "../runtime-facts.js";
import { checkExtensions, child, compare, type Document, isRecord, type Raw } from "./document.js";
import type {
  BodyModel,
  ContentKind,
  ErrorModel,
  FieldModel,
  HeaderModel,
  HttpMethod,
  OperationModel,
  ParameterLocation,
  ParameterModel,
  ParameterStyle,
  ResponseModel,
  ResultModel,
} from "./model.js";
import { camelCase, isIdentifier } from "./names.js";
import { readPagination } from "./pagination.js";
import type { Problems } from "./problems.js";
import type { SchemaReader } from "./read-schema.js";
import type { JsonValue, Schema } from "./schema.js";
import type { SecurityReader } from "./security.js";
import {
  type Components,
  describe,
  exampleOf,
  jsonTypes,
  type ObjectView,
  objectView,
  responseShape,
  unionViews,
} from "./shape.js";

/** An operation as read, before it has a name: everything placement and the model need. */
export interface ReadOperation
  extends Omit<OperationModel, "key" | "name" | "paramsType" | "paramsOptional" | "resultAlias"> {
  readonly pointer: string;
  /** `x-sdk-resource`, `x-sdk-method`, `x-sdk-positional` as written (checked by placement). */
  readonly extensions: { readonly resource: unknown; readonly method: unknown };
}

export interface OperationContext {
  readonly doc: Document;
  readonly problems: Problems;
  readonly schemas: SchemaReader;
  readonly security: SecurityReader;
  readonly components: Components;
  readonly envelope?: "cloudflare";
}

/** The extensions an operation may carry (docs/spec-extensions.md). */
const OPERATION_EXTENSIONS = [
  "x-sdk-resource",
  "x-sdk-method",
  "x-sdk-positional",
  "x-sdk-pagination",
  "x-sdk-idempotent",
  "x-sdk-served-by",
];
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json(?:;.*)?$/i;
const SUPPORTED_OPERATION_KEYS = new Set([
  "tags",
  "summary",
  "description",
  "externalDocs",
  "operationId",
  "parameters",
  "requestBody",
  "responses",
  "callbacks",
  "deprecated",
  "security",
]);

export function readOperation(
  ctx: OperationContext,
  path: string,
  httpMethod: HttpMethod,
  item: Raw,
  itemPointer: string,
  operation: Raw,
  pointer: string,
): ReadOperation | undefined {
  const { problems } = ctx;
  const before = problems.count;
  checkExtensions(operation, pointer, OPERATION_EXTENSIONS, (at, message) => problems.add(at, message));
  for (const key of Object.keys(operation)) {
    if (key.startsWith("x-") || SUPPORTED_OPERATION_KEYS.has(key)) continue;
    problems.add(
      child(pointer, key),
      key === "servers"
        ? "operation-level `servers` are not supported: every operation goes to the client's base URL"
        : `unknown operation field \`${key}\``,
    );
  }
  if (item.servers !== undefined) {
    problems.add(
      child(itemPointer, "servers"),
      "path-level `servers` are not supported: every operation goes to the client's base URL",
    );
  }
  const all = parameters(ctx, path, item, itemPointer, operation, pointer);
  const positional = positionalOf(ctx, all, operation, pointer);
  const rest = all.filter((p) => p !== positional);
  const body = requestBody(ctx, operation, pointer, all);
  const responses = responsesOf(ctx, operation, pointer);
  const result = resultOf(ctx, responses, pointer);
  const errors = responses
    .filter((r) => /^([45](\d\d|XX)|default)$/.test(r.status))
    .map(
      (r): ErrorModel => ({
        status: r.status,
        errorClass: errorClassName(r.status),
        ...(r.description ? { description: r.description } : {}),
        ...(r.schema && r.content === "json" ? { schema: r.schema } : {}),
      }),
    );
  const pagination = readPagination(ctx, operation, pointer, result, rest);
  const idempotent = operation["x-sdk-idempotent"];
  if (idempotent !== undefined && typeof idempotent !== "boolean") {
    problems.add(child(pointer, "x-sdk-idempotent"), "x-sdk-idempotent must be true or false");
  }
  const servedBy = operation["x-sdk-served-by"];
  if (servedBy !== undefined && (typeof servedBy !== "string" || !servedBy.trim())) {
    problems.add(child(pointer, "x-sdk-served-by"), "x-sdk-served-by must be a sentence naming the servers");
  }
  const security = ctx.security.requirements(operation, pointer);
  if (problems.count > before || !result) return undefined;
  return {
    path,
    httpMethod,
    pointer,
    extensions: { resource: operation["x-sdk-resource"], method: operation["x-sdk-method"] },
    ...text("operationId", operation.operationId),
    ...text("summary", operation.summary),
    ...text("description", operation.description),
    deprecated: operation.deprecated === true,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t) => typeof t === "string") : [],
    ...(positional ? { positional } : {}),
    parameters: rest,
    ...(body ? { body } : {}),
    result,
    responses,
    errors,
    ...(pagination ? { pagination } : {}),
    idempotent: typeof idempotent === "boolean" ? idempotent : IDEMPOTENT_METHODS.includes(httpMethod),
    security,
    ...(typeof servedBy === "string" && servedBy.trim() ? { servedBy: servedBy.trim() } : {}),
  };
}

function text<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return typeof value === "string" && value.trim() ? ({ [key]: value.trim() } as { [P in K]?: string }) : {};
}

/** Path-item and operation parameters (the operation's win), path ones in template order, then query, header. */
function parameters(
  ctx: OperationContext,
  path: string,
  item: Raw,
  itemPointer: string,
  operation: Raw,
  pointer: string,
): ParameterModel[] {
  const { doc, problems } = ctx;
  const byKey = new Map<string, { param: Raw; at: string; component: string | undefined }>();
  for (const [list, at] of [
    [item.parameters, child(itemPointer, "parameters")],
    [operation.parameters, child(pointer, "parameters")],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const [index, raw] of list.entries()) {
      const resolved = doc.resolve(raw, child(at, index));
      if (!resolved) {
        problems.add(child(at, index), "parameter `$ref` names nothing");
        continue;
      }
      byKey.set(`${String(resolved.value.in)}:${String(resolved.value.name)}`, {
        param: resolved.value,
        at: resolved.pointer,
        component: sharedName(raw, "parameters"),
      });
    }
  }
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const out: ParameterModel[] = [];
  for (const { param, at, component } of byKey.values()) {
    const model = parameter(ctx, param, at);
    if (model) out.push(component ? { ...model, component } : model);
  }
  const rank = (p: ParameterModel) =>
    p.in === "path" ? order.indexOf(p.name) : p.in === "query" ? 1000 : 2000;
  return out.sort((a, b) => rank(a) - rank(b));
}

const STYLES: Record<ParameterLocation, readonly ParameterStyle[]> = {
  path: ["simple"],
  query: ["form", "deepObject", "spaceDelimited", "pipeDelimited"],
  header: ["simple"],
};

function parameter(ctx: OperationContext, param: Raw, at: string): ParameterModel | undefined {
  const { problems } = ctx;
  const name = String(param.name);
  const location = param.in;
  if (location === "cookie") return problems.add(at, `cookie parameter \`${name}\` is not supported`);
  if (location !== "path" && location !== "query" && location !== "header") {
    return problems.add(child(at, "in"), `unknown parameter location \`${String(location)}\``);
  }
  if (param.schema === undefined) {
    return problems.add(at, `parameter \`${name}\` must have a \`schema\` (\`content\` is not supported)`);
  }
  if (param.allowReserved === true) {
    problems.add(
      child(at, "allowReserved"),
      "`allowReserved` is not supported: values are always percent-encoded",
    );
  }
  const schema = ctx.schemas.read(param.schema, child(at, "schema"));
  const types = jsonTypes(schema, ctx.components);
  const style = (param.style ?? (location === "query" ? "form" : "simple")) as ParameterStyle;
  if (!STYLES[location].includes(style)) {
    problems.add(
      child(at, "style"),
      `style \`${String(param.style)}\` is not supported for ${location} parameters (supported: ${STYLES[location].join(", ")})`,
    );
  }
  const explode =
    typeof param.explode === "boolean" ? param.explode : style === "form" || style === "deepObject";
  const scalar = [...types].every(
    (t) => t === "string" || t === "number" || t === "integer" || t === "boolean",
  );
  if ((location === "path" || location === "header") && !scalar && !isAnything(types)) {
    problems.add(
      child(at, "schema"),
      `${location} parameter \`${name}\` must be a string, number or boolean (got ${[...types].join(" | ")})`,
    );
  }
  if (style === "deepObject" && (!explode || !types.has("object"))) {
    problems.add(child(at, "style"), "`deepObject` needs an object schema and `explode: true`");
  }
  if ((style === "spaceDelimited" || style === "pipeDelimited") && (explode || !types.has("array"))) {
    problems.add(child(at, "style"), `\`${style}\` needs an array schema and \`explode: false\``);
  }
  let local = isIdentifier(name) ? name : camelCase(name);
  if (!isIdentifier(local)) local = `${local}_`;
  const description =
    typeof param.description === "string" && param.description.trim()
      ? param.description.trim()
      : describe(schema, ctx.components);
  const examples = [
    ...(param.example !== undefined ? [param.example] : []),
    ...(isRecord(param.examples)
      ? Object.values(param.examples).flatMap((e) => (isRecord(e) && "value" in e ? [e.value] : []))
      : []),
  ];
  return {
    name,
    in: location,
    local,
    required: location === "path" || param.required === true,
    ...(description ? { description } : {}),
    deprecated: param.deprecated === true,
    schema,
    style,
    explode,
    example:
      (examples[0] as JsonValue | undefined) ?? scalarExample(location, exampleOf(schema, ctx.components)),
  };
}

function isAnything(types: Set<string>): boolean {
  return types.size === 7;
}

function positionalOf(
  ctx: OperationContext,
  params: readonly ParameterModel[],
  operation: Raw,
  pointer: string,
): ParameterModel | undefined {
  const ext = operation["x-sdk-positional"];
  const pathParams = params.filter((p) => p.in === "path");
  if (ext === false) return undefined;
  if (ext === undefined) return pathParams.at(-1);
  const found = typeof ext === "string" ? pathParams.find((p) => p.name === ext) : undefined;
  if (!found) {
    ctx.problems.add(
      child(pointer, "x-sdk-positional"),
      `x-sdk-positional must be false or one of the path parameters (${pathParams.map((p) => p.name).join(", ") || "none"})`,
    );
  }
  return found;
}

function requestBody(
  ctx: OperationContext,
  operation: Raw,
  pointer: string,
  params: readonly ParameterModel[],
): BodyModel | undefined {
  const { doc, problems, components } = ctx;
  if (operation.requestBody === undefined) return undefined;
  const resolved = doc.resolve(operation.requestBody, child(pointer, "requestBody"));
  if (!resolved) return problems.add(child(pointer, "requestBody"), "request body `$ref` names nothing");
  const { value: body, pointer: at } = resolved;
  const content = isRecord(body.content) ? body.content : {};
  const mediaTypes = Object.keys(content);
  const other = mediaTypes.find((type) => !JSON_MEDIA.test(type));
  if (other !== undefined) {
    return problems.add(
      child(at, "content", other),
      `request body content type \`${other}\` is not supported (only application/json)`,
    );
  }
  if (mediaTypes.length > 1) {
    return problems.add(child(at, "content"), "a request body with several media types is not supported");
  }
  const mediaType = mediaTypes[0];
  const media = mediaType ? content[mediaType] : undefined;
  if (!isRecord(media) || media.schema === undefined) {
    return problems.add(child(at, "content"), "a request body needs an application/json schema");
  }
  const schemaPointer = child(at, "content", mediaType as string, "schema");
  const schema = ctx.schemas.read(media.schema, schemaPointer);
  const mediaExample = media.example as JsonValue | undefined;
  const own = objectView(schema, components);
  const types = jsonTypes(schema, components);
  const objectOnly = types.size === 1 && types.has("object");
  // A union (or any composition) of objects keeps its fields in the params object, typed as the whole body.
  const union = own ? undefined : (unionViews(schema, components) ?? (objectOnly ? [] : undefined));
  // A variant that takes no field at all cannot share the params object with the parameters: pass it whole.
  const variants: readonly ObjectView[] | undefined = own
    ? [own]
    : union?.some((view) => view.closedEmpty) && params.length > 0
      ? undefined
      : union;
  const required = body.required === true;
  const description =
    typeof body.description === "string" && body.description.trim() ? body.description.trim() : undefined;
  const example = mediaExample ?? exampleOf(schema, components);
  if (!variants) {
    if (params.some((p) => p.name === "body")) {
      problems.add(
        schemaPointer,
        "a body that is not an object needs the params field `body`, which a parameter already has",
      );
    }
    return {
      required,
      mediaType: mediaType as string,
      ...(description ? { description } : {}),
      schema,
      kind: "value",
      fields: [],
      union: false,
      example,
    };
  }
  const taken = new Map(params.map((p) => [p.name, p.in]));
  for (const variant of variants) {
    /** A readOnly field is left out of the request type, so it cannot collide with a parameter. */
    for (const property of variant.properties.filter((p) => !p.schema.readOnly)) {
      const clash = taken.get(property.name);
      if (clash) {
        problems.add(
          child(schemaPointer, "properties", property.name),
          `body field \`${property.name}\` collides with the ${clash} parameter of that name`,
        );
      }
    }
  }
  const [first, ...others] = variants;
  const writable = (view: ObjectView) => view.properties.filter((p) => !p.schema.readOnly);
  const exampleFields = isRecord(mediaExample) ? mediaExample : {};
  const fields: FieldModel[] = (first ? writable(first) : [])
    .filter((property) => others.every((v) => writable(v).some((p) => p.name === property.name)))
    .map((property) => ({
      name: property.name,
      required: variants.every((v) => v.properties.some((p) => p.name === property.name && p.required)),
      ...optional("description", describe(property.schema, components)),
      deprecated: property.schema.deprecated === true,
      schema: property.schema,
      example:
        (exampleFields[property.name] as JsonValue | undefined) ?? exampleOf(property.schema, components),
    }));
  return {
    required,
    mediaType: mediaType as string,
    ...(description ? { description } : {}),
    schema,
    kind: "fields",
    fields,
    union: !own,
    example,
  };
}

function contentOf(
  content: unknown,
  at: string,
): { kind: ContentKind; mediaType?: string; others?: string[]; schema?: unknown; pointer?: string } {
  if (!isRecord(content) || Object.keys(content).length === 0) return { kind: "none" };
  const types = Object.keys(content).sort(compare);
  const json = types.find((t) => JSON_MEDIA.test(t));
  const textual = types.find((t) => /^text\//i.test(t));
  const mediaType = json ?? textual ?? (types[0] as string);
  const media = content[mediaType];
  const schema = isRecord(media) ? media.schema : undefined;
  const kind: ContentKind = json ? "json" : textual ? "text" : "binary";
  const others = types.filter((t) => t !== mediaType);
  return {
    kind,
    mediaType,
    ...(others.length > 0 ? { others } : {}),
    schema,
    pointer: child(at, "content", mediaType, "schema"),
  };
}

function responsesOf(ctx: OperationContext, operation: Raw, pointer: string): ResponseModel[] {
  const { doc, problems } = ctx;
  const responses = isRecord(operation.responses) ? operation.responses : {};
  const out: ResponseModel[] = [];
  for (const status of Object.keys(responses).sort(compare)) {
    const at = child(pointer, "responses", status);
    const resolved = doc.resolve(responses[status], at);
    if (!resolved) {
      problems.add(at, "response `$ref` names nothing");
      continue;
    }
    const { value: response, pointer: responsePointer } = resolved;
    const content = contentOf(response.content, responsePointer);
    const schema =
      content.schema !== undefined
        ? ctx.schemas.read(content.schema, content.pointer as string)
        : content.kind === "text"
          ? ({ kind: "string" } satisfies Schema)
          : undefined;
    const headers = isRecord(response.headers) ? response.headers : {};
    const component = sharedName(responses[status], "responses");
    out.push({
      status,
      ...(component ? { component } : {}),
      ...(typeof response.description === "string" && response.description.trim()
        ? { description: response.description.trim() }
        : {}),
      content: content.kind,
      ...(content.mediaType ? { mediaType: content.mediaType } : {}),
      ...(content.others ? { otherMediaTypes: content.others } : {}),
      ...(schema ? { schema } : {}),
      headers: Object.keys(headers)
        .sort(compare)
        .flatMap((name): HeaderModel[] => {
          const header = doc.resolve(headers[name], child(responsePointer, "headers", name));
          if (!header) return [];
          const description =
            typeof header.value.description === "string" ? header.value.description.trim() : "";
          return [
            {
              name,
              ...(description ? { description } : {}),
              required: header.value.required === true,
              ...(header.value.schema !== undefined
                ? { schema: ctx.schemas.read(header.value.schema, child(header.pointer, "schema")) }
                : {}),
            },
          ];
        }),
    });
  }
  return out;
}

/** What awaiting the call gives: the 2xx bodies (after the envelope is unwrapped), as one type. */
function resultOf(
  ctx: OperationContext,
  responses: readonly ResponseModel[],
  pointer: string,
): ResultModel | undefined {
  const success = responses.filter((r) => /^2(\d\d|XX)$/.test(r.status));
  if (success.length === 0) {
    ctx.problems.add(child(pointer, "responses"), "operation has no 2xx response");
    return undefined;
  }
  const kinds = [...new Set(success.map((r) => r.content).filter((k) => k !== "none"))];
  if (kinds.length > 1) {
    ctx.problems.add(
      child(pointer, "responses"),
      `2xx responses with different kinds of content (${kinds.join(", ")}) are not supported`,
    );
    return undefined;
  }
  const content = kinds[0] ?? "none";
  const bodies: Schema[] = [];
  for (const response of success) {
    if (response.content === "none") continue;
    const schema = response.schema ?? ({ kind: "unknown" } satisfies Schema);
    const unwrapped = content === "json" ? unwrap(ctx, schema) : schema;
    if (!bodies.some((b) => JSON.stringify(b) === JSON.stringify(unwrapped))) bodies.push(unwrapped);
  }
  const schema: Schema | undefined =
    content === "none" || content === "binary"
      ? undefined
      : bodies.length === 1
        ? bodies[0]
        : { kind: "union", variants: bodies, exclusive: false };
  const headers = new Map<string, HeaderModel>();
  for (const response of success) for (const header of response.headers) headers.set(header.name, header);
  const shape = content === "json" ? responseShape(bodies, ctx.components) : undefined;
  return {
    ...(schema ? { schema } : {}),
    content,
    mayBeEmpty: content !== "none" && success.some((r) => r.content === "none"),
    statuses: success.map((r) => r.status),
    headers: [...headers.values()].sort((a, b) => compare(a.name, b.name)),
    ...(shape ? { shape } : {}),
  };
}

/** The envelope's `result` when the API wraps bodies (Cloudflare); the body itself otherwise. */
function unwrap(ctx: OperationContext, schema: Schema): Schema {
  if (ctx.envelope !== "cloudflare") return schema;
  const result = objectView(schema, ctx.components)?.properties.find((p) => p.name === "result");
  return result ? result.schema : schema;
}

/** The name under `components.<kind>` that a `$ref` names, if it names one. */
function sharedName(raw: unknown, kind: "parameters" | "responses"): string | undefined {
  if (!isRecord(raw) || typeof raw.$ref !== "string") return undefined;
  const prefix = `#/components/${kind}/`;
  if (!raw.$ref.startsWith(prefix) || raw.$ref.slice(prefix.length).includes("/")) return undefined;
  return raw.$ref.slice(prefix.length).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `{ [key]: value }` when the value is there, else `{}`: for optional fields of the model. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** Path and header values are scalars: a schema without a type still gets a string in examples. */
function scalarExample(location: ParameterLocation, example: JsonValue): JsonValue {
  if (location === "query" || (example !== null && typeof example !== "object")) return example;
  return "string";
}
