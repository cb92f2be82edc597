import type {
  OpenAPI3,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
  SecuritySchemeObject,
} from "openapi-typescript";
import { SpecError, type SpecProblem } from "../errors.ts";
import { compare, isRecord, type LoadedSpec } from "../load/load.ts";
import { formatPointer } from "../load/source.ts";
import { Casing, camelCase, isIdentifier, kebabCase, pascalCase } from "./names.ts";
import { jsonShape, Schemas } from "./schemas.ts";
import type {
  ApiModel,
  AuthModel,
  BodyModel,
  ClientModel,
  ErrorModel,
  HttpMethod,
  OperationModel,
  PaginationModel,
  ParameterModel,
  ResourceModel,
  ResponseModel,
  SchemaAlias,
  TypeRef,
} from "./types.ts";

/** What the ir stage needs besides the spec: the package the output lands in. */
export interface PackageInfo {
  name: string;
  version: string;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const UNSUPPORTED_METHODS = ["head", "options", "trace"] as const;
const RESOURCE_RE = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
const METHOD_RE = /^[a-z][A-Za-z0-9]*$/;
/** Mirrors IDEMPOTENT_METHODS of @sso/core/internal (test/core-facts.test.ts keeps them equal). */
export const IDEMPOTENT_BY_DEFAULT: readonly HttpMethod[] = ["GET", "PUT", "DELETE"];
/** Mirrors errorClassName of @sso/core/internal (test/core-facts.test.ts keeps them equal). */
export const ERROR_CLASSES: Record<string, string> = {
  "400": "BadRequestError",
  "401": "AuthenticationError",
  "403": "PermissionDeniedError",
  "404": "NotFoundError",
  "409": "ConflictError",
  "422": "UnprocessableEntityError",
  "429": "RateLimitError",
};
/** Globals a public type must not shadow where users import it (`import type { Error }` would). */
const GLOBAL_NAMES = new Set(
  "Array Boolean Date Error Function Headers Map Number Object Promise Record Request Response Set String URL".split(
    " ",
  ),
);
/**
 * Names a generated client or resource may not take. They mirror RESERVED_CLIENT_MEMBERS and
 * RESERVED_RESOURCE_MEMBERS of @sso/core/internal (test/core-facts.test.ts keeps them equal until the
 * generator imports them).
 */
const OBJECT_MEMBERS = [
  "constructor",
  "then",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "__proto__",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
];
export const CLIENT_MEMBERS = new Set([
  "baseURL",
  "timeout",
  "maxRetries",
  "raw",
  "request",
  "requestPage",
  ...OBJECT_MEMBERS,
]);
export const RESOURCE_MEMBERS = new Set(["_client", ...OBJECT_MEMBERS]);

/** Normalises a loaded spec into the ApiModel; every problem found is reported at once. */
export function buildModel(spec: LoadedSpec, pkg: PackageInfo): ApiModel {
  return new ModelBuilder(spec, pkg).build();
}

/** An operation before it is placed in the resource tree. */
interface Placed {
  resource: string;
  operation: OperationModel;
  pointer: string;
  tags: string[];
}

class ModelBuilder {
  readonly #problems: SpecProblem[] = [];
  readonly #doc: OpenAPI3;
  readonly #schemas: Schemas;
  readonly #aliases: SchemaAlias[];

  constructor(
    readonly spec: LoadedSpec,
    readonly pkg: PackageInfo,
  ) {
    this.#doc = spec.document;
    this.#aliases = this.#schemaAliases();
    this.#schemas = new Schemas(this.#doc, new Map(this.#aliases.map((a) => [a.component, a.name])));
  }

  build(): ApiModel {
    const client = this.#client();
    const placed = this.#operations();
    const resources = this.#resourceTree(placed, client);
    if (this.#problems.length > 0) {
      throw new SpecError(
        [...this.#problems].sort(
          (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
        ),
      );
    }
    return {
      name: this.spec.name,
      specFile: this.spec.source.file,
      client,
      resources,
      schemas: this.#aliases,
      document: this.#doc,
    };
  }

  #problem(pointer: string, message: string): void {
    this.#problems.push(this.spec.source.problem(pointer, message));
  }

  #client(): ClientModel {
    const ext = this.#doc["x-sdk-client"] as unknown;
    let className = "Client";
    let packageName = this.pkg.name;
    if (!isRecord(ext) || typeof ext.name !== "string" || typeof ext.package !== "string") {
      this.#problem(
        "#/x-sdk-client",
        "expected `x-sdk-client: { name: <ClientClass>, package: <npm name> }`",
      );
    } else {
      className = ext.name;
      packageName = ext.package;
      if (!isIdentifier(className))
        this.#problem("#/x-sdk-client/name", `\`${className}\` is not a class name`);
      if (packageName !== this.pkg.name) {
        this.#problem(
          "#/x-sdk-client/package",
          `\`${packageName}\` does not match the package name \`${this.pkg.name}\` in packages/${this.spec.name}/package.json`,
        );
      }
    }
    const envelope = this.#doc["x-sdk-envelope"] as unknown;
    if (envelope !== undefined && envelope !== "cloudflare") {
      this.#problem(
        "#/x-sdk-envelope",
        `unsupported envelope \`${String(envelope)}\` (supported: cloudflare)`,
      );
    }
    return {
      className,
      packageName,
      title: this.#doc.info.title,
      ...describe((this.#doc.info as { summary?: string }).summary),
      defaultBaseURL: this.#baseURL(),
      ...(envelope === "cloudflare" ? { envelope } : {}),
      auth: this.#auth(),
      userAgent: `${this.pkg.name}/${this.pkg.version}`,
    };
  }

  #baseURL(): string {
    const server = this.#doc.servers?.[0];
    if (!server) {
      this.#problem("#/servers", "expected a `servers` entry: its url is the client's default base URL");
      return "";
    }
    const url = server.url.replace(
      /\{([^}]+)\}/g,
      (match, name: string) => server.variables?.[name]?.default ?? match,
    );
    if (!/^https?:\/\//.test(url)) {
      this.#problem("#/servers/0/url", `the default base URL must be absolute, got \`${url}\``);
    }
    return url.replace(/\/+$/, "");
  }

  /** The schemes the operations actually use (their own `security`, else the document's), in order of use. */
  #auth(): AuthModel[] {
    const schemes = new Map<string, AuthModel>();
    const requirements: { list: unknown; pointer: string }[] = [];
    for (const { operation, pointer } of this.#operationObjects()) {
      requirements.push(
        operation.security
          ? { list: operation.security, pointer: `${pointer}/security` }
          : { list: this.#doc.security ?? [], pointer: "#/security" },
      );
    }
    for (const { list, pointer } of requirements) {
      for (const [index, requirement] of (list as Record<string, string[]>[]).entries()) {
        const names = Object.keys(requirement);
        if (names.length > 1) {
          this.#problem(
            `${pointer}/${index}`,
            "security requirements that combine several schemes are not supported",
          );
          continue;
        }
        for (const name of names) this.#addScheme(schemes, name, requirement[name] ?? []);
      }
    }
    return [...schemes.values()];
  }

  #addScheme(schemes: Map<string, AuthModel>, name: string, scopes: string[]): void {
    const known = schemes.get(name);
    if (known) {
      if (known.type === "clientCredentials") {
        known.scopes = [...new Set([...known.scopes, ...scopes])].sort(compare);
      }
      return;
    }
    const pointer = `#/components/securitySchemes/${formatPointer([name]).slice(2)}`;
    const scheme = this.#schemas.deref<SecuritySchemeObject>(
      this.#doc.components?.securitySchemes?.[name] as SecuritySchemeObject,
      pointer,
    ).value;
    if (scheme?.type === "http" && scheme.scheme.toLowerCase() === "bearer") {
      schemes.set(name, { type: "bearer", scheme: name });
    } else if (scheme?.type === "http" && scheme.scheme.toLowerCase() === "basic") {
      schemes.set(name, { type: "basic", scheme: name });
    } else if (scheme?.type === "apiKey" && scheme.in === "header") {
      schemes.set(name, { type: "apiKey", scheme: name, in: "header", name: scheme.name });
    } else if (scheme?.type === "oauth2" && scheme.flows.clientCredentials) {
      schemes.set(name, {
        type: "clientCredentials",
        scheme: name,
        tokenURL: scheme.flows.clientCredentials.tokenUrl,
        scopes: [...scopes].sort(compare),
      });
    } else {
      this.#problem(
        pointer,
        `security scheme \`${name}\` is not supported (supported: http bearer, http basic, apiKey in a header, oauth2 clientCredentials)`,
      );
    }
  }

  #schemaAliases(): SchemaAlias[] {
    const aliases: SchemaAlias[] = [];
    const taken = new Map<string, string>();
    for (const [component, schema] of Object.entries(this.#doc.components?.schemas ?? {})) {
      const name = isIdentifier(component) ? component : pascalCase(component);
      const pointer = `#/components/schemas/${formatPointer([component]).slice(2)}`;
      const clash = taken.get(name);
      if (clash !== undefined) {
        this.#problem(
          pointer,
          `schema \`${component}\` and \`${clash}\` would both be exported as \`${name}\``,
        );
        continue;
      }
      if (GLOBAL_NAMES.has(name)) {
        this.#problem(
          pointer,
          `schema \`${component}\` would shadow the global \`${name}\`; give it a specific name`,
        );
        continue;
      }
      taken.set(name, component);
      aliases.push({
        component,
        name,
        ...(typeof schema.description === "string" ? { description: schema.description } : {}),
        deprecated: schema.deprecated === true,
      });
    }
    return aliases.sort((a, b) => compare(a.name, b.name));
  }

  *#operationObjects(): Generator<{
    path: string;
    method: (typeof METHODS)[number];
    item: PathItemObject;
    operation: OperationObject;
    pointer: string;
  }> {
    for (const [path, rawItem] of Object.entries(this.#doc.paths ?? {})) {
      const itemPointer = `#/paths/${formatPointer([path]).slice(2)}`;
      const item = this.#schemas.deref<PathItemObject>(rawItem, itemPointer).value;
      for (const method of METHODS) {
        const operation = item[method];
        if (operation && !("$ref" in operation)) {
          yield { path, method, item, operation, pointer: `${itemPointer}/${method}` };
        }
      }
    }
  }

  #operations(): Placed[] {
    for (const [path, item] of Object.entries(this.#doc.paths ?? {})) {
      for (const method of UNSUPPORTED_METHODS) {
        if (isRecord(item) && method in item) {
          this.#problem(
            `#/paths/${formatPointer([path, method]).slice(2)}`,
            `HTTP method ${method} is not supported`,
          );
        }
      }
    }
    const placed: Placed[] = [];
    for (const { path, method, item, operation, pointer } of this.#operationObjects()) {
      const resource = operation["x-sdk-resource"] as unknown;
      const name = operation["x-sdk-method"] as unknown;
      const label = `${method.toUpperCase()} ${path}`;
      if (resource === undefined) {
        this.#problem(
          pointer,
          `operation ${label} has no x-sdk-resource (its dotted place on the client, e.g. \`ssoConnectors\`)`,
        );
        continue;
      }
      if (typeof resource !== "string" || !RESOURCE_RE.test(resource)) {
        this.#problem(
          `${pointer}/x-sdk-resource`,
          `x-sdk-resource must be dotted camelCase names, got \`${String(resource)}\``,
        );
        continue;
      }
      if (name === undefined) {
        this.#problem(pointer, `operation ${label} has no x-sdk-method (its method name, e.g. \`list\`)`);
        continue;
      }
      if (typeof name !== "string" || !METHOD_RE.test(name) || name === "constructor") {
        this.#problem(
          `${pointer}/x-sdk-method`,
          `x-sdk-method must be a camelCase method name, got \`${String(name)}\``,
        );
        continue;
      }
      const model = this.#operation(path, method, item, operation, pointer, name);
      if (model) placed.push({ resource, operation: model, pointer, tags: operation.tags ?? [] });
    }
    return placed;
  }

  #operation(
    path: string,
    method: (typeof METHODS)[number],
    item: PathItemObject,
    operation: OperationObject,
    pointer: string,
    name: string,
  ): OperationModel | undefined {
    const problems = this.#problems.length;
    const httpMethod = method.toUpperCase() as HttpMethod;
    const parameters = this.#parameters(path, item, operation, pointer);
    const positional = this.#positional(parameters, operation, pointer);
    const rest = parameters.filter((p) => p !== positional);
    const body = this.#body(operation, pointer, rest);
    const response = this.#response(operation, pointer);
    const pagination = this.#pagination(operation, pointer, response, rest);
    const idempotent = operation["x-sdk-idempotent"] as unknown;
    if (idempotent !== undefined && typeof idempotent !== "boolean") {
      this.#problem(`${pointer}/x-sdk-idempotent`, "x-sdk-idempotent must be true or false");
    }
    const servedBy = operation["x-sdk-served-by"] as unknown;
    if (servedBy !== undefined && (typeof servedBy !== "string" || !servedBy.trim())) {
      this.#problem(
        `${pointer}/x-sdk-served-by`,
        "x-sdk-served-by must be a sentence naming the servers that serve the route",
      );
    }
    if (this.#problems.length > problems || !response) return undefined;
    const fields = [...rest, ...(body?.fields ?? [])];
    return {
      name,
      httpMethod,
      path,
      ...(operation.operationId ? { operationId: operation.operationId } : {}),
      ...(operation.summary?.trim() ? { summary: operation.summary.trim() } : {}),
      ...describe(operation.description),
      deprecated: operation.deprecated === true,
      ...(positional ? { positional } : {}),
      parameters: rest,
      ...(body ? { body } : {}),
      response,
      errors: this.#errors(operation, pointer),
      ...(pagination ? { pagination } : {}),
      idempotent: typeof idempotent === "boolean" ? idempotent : IDEMPOTENT_BY_DEFAULT.includes(httpMethod),
      // The runtime picks the first of these the client has credentials for; each requirement names one scheme.
      security: ((operation.security ?? this.#doc.security ?? []) as Record<string, unknown>[]).flatMap(
        Object.keys,
      ),
      ...(typeof servedBy === "string" && servedBy.trim() ? { servedBy: servedBy.trim() } : {}),
      // Named later, once the resource's class name is known.
      ...(fields.length > 0 ? { paramsType: "" } : {}),
      paramsOptional: body?.union === undefined && fields.every((field) => !field.required),
    };
  }

  /** Path-item and operation parameters (the operation's win), path ones in template order. */
  #parameters(
    path: string,
    item: PathItemObject,
    operation: OperationObject,
    pointer: string,
  ): ParameterModel[] {
    const byKey = new Map<string, { param: ParameterObject; pointer: string }>();
    const itemPointer = pointer.slice(0, pointer.lastIndexOf("/"));
    const sources = [
      { list: item.parameters ?? [], at: `${itemPointer}/parameters` },
      { list: operation.parameters ?? [], at: `${pointer}/parameters` },
    ];
    for (const { list, at } of sources) {
      for (const [index, raw] of list.entries()) {
        const { value: param } = this.#schemas.deref<ParameterObject>(raw, `${at}/${index}`);
        byKey.set(`${param.in}:${param.name}`, { param, pointer: `${at}/${index}` });
      }
    }
    const order = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    const params: ParameterModel[] = [];
    const locals = new Set(["params", "options", "body"]);
    for (const { param, pointer: at } of byKey.values()) {
      if (param.in === "cookie") {
        this.#problem(at, `cookie parameter \`${param.name}\` is not supported`);
        continue;
      }
      if (!param.schema) {
        this.#problem(
          at,
          `parameter \`${param.name}\` must have a \`schema\` (\`content\` is not supported)`,
        );
        continue;
      }
      let local = isIdentifier(param.name) ? param.name : camelCase(param.name);
      if (!isIdentifier(local) || locals.has(local)) local = `${local}_`;
      locals.add(local);
      params.push({
        name: param.name,
        location: param.in,
        local,
        required: param.in === "path" || param.required === true,
        ...describe(param.description ?? this.#schemas.describe(param.schema, `${at}/schema`)),
        deprecated: param.deprecated === true,
        type: this.#schemas.typeOf(param.schema, `${at}/schema`),
        example: param.example ?? this.#schemas.example(param.schema, `${at}/schema`),
        ...this.#limits(param.schema, `${at}/schema`),
      });
    }
    const rank = (p: ParameterModel) =>
      p.location === "path" ? order.indexOf(p.name) : p.location === "query" ? 1000 : 2000;
    return params.sort((a, b) => rank(a) - rank(b));
  }

  /** `minimum`, `maximum` and `type: integer` of a numeric parameter, for the runtime to check before sending. */
  #limits(schema: SchemaObject | ReferenceObject, pointer: string): Pick<ParameterModel, "limits"> {
    const { value } = this.#schemas.deref<SchemaObject>(schema, pointer);
    const { type, minimum, maximum } = value as { type?: unknown; minimum?: unknown; maximum?: unknown };
    const types = Array.isArray(type) ? type : [type];
    if (!types.includes("integer") && !types.includes("number")) return {};
    const limits = {
      ...(typeof minimum === "number" ? { minimum } : {}),
      ...(typeof maximum === "number" ? { maximum } : {}),
      ...(types.includes("integer") && !types.includes("number") ? { integer: true } : {}),
    };
    return Object.keys(limits).length > 0 ? { limits } : {};
  }

  #positional(
    params: ParameterModel[],
    operation: OperationObject,
    pointer: string,
  ): ParameterModel | undefined {
    const ext = operation["x-sdk-positional"] as unknown;
    const pathParams = params.filter((p) => p.location === "path");
    if (ext === false) return undefined;
    if (ext === undefined) return pathParams.at(-1);
    const found = typeof ext === "string" ? pathParams.find((p) => p.name === ext) : undefined;
    if (!found) {
      this.#problem(
        `${pointer}/x-sdk-positional`,
        `x-sdk-positional must be false or one of the path parameters (${pathParams.map((p) => p.name).join(", ") || "none"})`,
      );
    }
    return found;
  }

  #body(operation: OperationObject, pointer: string, params: ParameterModel[]): BodyModel | undefined {
    if (!operation.requestBody) return undefined;
    const { value: body, pointer: at } = this.#schemas.deref<RequestBodyObject>(
      operation.requestBody,
      `${pointer}/requestBody`,
    );
    const schema = this.#jsonContent(body.content, `${at}/content`, "request body");
    if (!schema) return undefined;
    // The media type's own example beats examples put together from the schema.
    const mediaExample = (body.content["application/json"] as { example?: unknown } | undefined)?.example;
    const exampleOf = (name: string) => (isRecord(mediaExample) ? mediaExample[name] : undefined);
    const shape = this.#schemas.objectShape(schema.value, schema.pointer);
    const variants = shape ? [shape] : this.#schemas.unionShapes(schema.value, schema.pointer);
    if (!variants) {
      this.#problem(
        schema.pointer,
        "request bodies must be JSON objects or unions of them (their fields join the params object)",
      );
      return undefined;
    }
    const taken = new Map(params.map((p) => [p.name, p.location]));
    for (const variant of variants) {
      for (const property of variant.properties) {
        const clash = taken.get(property.name);
        if (clash) {
          this.#problem(
            property.pointer,
            `body field \`${property.name}\` collides with the ${clash} parameter of that name`,
          );
        }
      }
    }
    const [first, ...others] = variants;
    const fields = (first?.properties ?? [])
      .filter((property) => others.every((v) => v.properties.some((p) => p.name === property.name)))
      .map((property) => ({
        name: property.name,
        required: variants.every((v) => v.required.has(property.name)),
        ...describe(this.#schemas.describe(property.schema, property.pointer)),
        deprecated:
          this.#schemas.deref<SchemaObject>(property.schema, property.pointer).value?.deprecated === true,
        type: this.#schemas.typeOf(property.schema, property.pointer),
        example: exampleOf(property.name) ?? this.#schemas.example(property.schema, property.pointer),
      }));
    return {
      required: body.required === true,
      ...describe(body.description),
      fields,
      ...(shape
        ? {}
        : {
            union: this.#schemas.typeOf(schema.value, schema.pointer),
            example: mediaExample ?? this.#schemas.example(schema.value, schema.pointer),
          }),
    };
  }

  /** The `application/json` schema of a content map; any other media type is unsupported. */
  #jsonContent(
    content: Record<string, unknown> | undefined,
    pointer: string,
    what: string,
  ): { value: SchemaObject | ReferenceObject; pointer: string } | undefined {
    const types = Object.keys(content ?? {});
    const other = types.find((type) => type !== "application/json");
    if (other !== undefined) {
      this.#problem(
        `${pointer}/${formatPointer([other]).slice(2)}`,
        `${what} content type \`${other}\` is not supported (only application/json)`,
      );
      return undefined;
    }
    const media = content?.["application/json"];
    if (!isRecord(media) || !isRecord(media.schema)) return undefined;
    return { value: media.schema as SchemaObject, pointer: `${pointer}/application~1json/schema` };
  }

  #response(operation: OperationObject, pointer: string): ResponseModel | undefined {
    const statuses = Object.keys(operation.responses ?? {}).sort(compare);
    const status = statuses.find((s) => /^2(\d\d|XX)$/.test(s));
    if (!status) {
      this.#problem(`${pointer}/responses`, "operation has no 2xx response");
      return undefined;
    }
    const { value: response, pointer: at } = this.#schemas.deref<ResponseObject>(
      operation.responses?.[status] as ResponseObject,
      `${pointer}/responses/${status}`,
    );
    const headers = Object.entries(response.headers ?? {})
      .map(([name, header]) => ({
        name,
        ...describe(
          this.#schemas.deref<{ description?: string }>(header, `${at}/headers/${name}`).value.description,
        ),
      }))
      .sort((a, b) => compare(a.name, b.name));
    const json = this.#jsonContent(response.content, `${at}/content`, "response");
    const shape = this.#responseShape(operation, pointer, statuses);
    const base = {
      status,
      ...describe(response.description),
      headers,
      ...(shape ? { shape } : {}),
      hasContent: !!json,
    };
    if (!json) return { ...base, type: { kind: "void" } };
    const data = this.#unwrapped(json);
    return { ...base, type: this.#schemas.typeOf(data.value, data.pointer) };
  }

  /** The schema the runtime resolves to: the envelope's `result`, or the body itself (also an envelope without one). */
  #unwrapped(json: { value: SchemaObject | ReferenceObject; pointer: string }): {
    value: SchemaObject | ReferenceObject;
    pointer: string;
  } {
    if (this.#doc["x-sdk-envelope"] !== "cloudflare") return json;
    const result = this.#schemas
      .objectShape(json.value, json.pointer)
      ?.properties.find((p) => p.name === "result");
    return result ? { value: result.schema, pointer: result.pointer } : json;
  }

  /**
   * What the runtime checks a success body against: the union of the JSON types over every 2xx response
   * with content, and the properties all of them require. Absent when a 2xx has no JSON content or a schema
   * does not pin its type down. 204/205 are never checked by the runtime.
   */
  #responseShape(operation: OperationObject, pointer: string, statuses: string[]): ResponseModel["shape"] {
    const shapes = [];
    for (const status of statuses.filter((s) => /^2(\d\d|XX)$/.test(s) && s !== "204" && s !== "205")) {
      const { value: response, pointer: at } = this.#schemas.deref<ResponseObject>(
        operation.responses?.[status] as ResponseObject,
        `${pointer}/responses/${status}`,
      );
      const media = response.content?.["application/json"];
      if (!isRecord(media) || !isRecord(media.schema)) return undefined;
      const data = this.#unwrapped({
        value: media.schema as SchemaObject,
        pointer: `${at}/content/application~1json/schema`,
      });
      const shape = jsonShape(this.#schemas, data.value, data.pointer);
      if (!shape) return undefined;
      shapes.push(shape);
    }
    const [first, ...rest] = shapes;
    if (!first) return undefined;
    const types = [...new Set(shapes.flatMap((s) => s.types))];
    const required = (first.required ?? []).filter((name) => rest.every((s) => s.required?.includes(name)));
    return { types, ...(required.length > 0 ? { required } : {}) };
  }

  #errors(operation: OperationObject, pointer: string): ErrorModel[] {
    const errors: ErrorModel[] = [];
    for (const status of Object.keys(operation.responses ?? {}).sort(compare)) {
      if (!/^([45](\d\d|XX)|default)$/.test(status)) continue;
      const { value: response, pointer: at } = this.#schemas.deref<ResponseObject>(
        operation.responses?.[status] as ResponseObject,
        `${pointer}/responses/${status}`,
      );
      const media = response.content?.["application/json"];
      errors.push({
        status,
        errorClass:
          ERROR_CLASSES[status] ?? (/^5(\d\d|XX)$/.test(status) ? "InternalServerError" : "APIError"),
        ...describe(response.description),
        ...(media?.schema
          ? { type: this.#schemas.typeOf(media.schema, `${at}/content/application~1json/schema`) }
          : {}),
      });
    }
    return errors;
  }

  #pagination(
    operation: OperationObject,
    pointer: string,
    response: ResponseModel | undefined,
    params: ParameterModel[],
  ): PaginationModel | undefined {
    const ext = operation["x-sdk-pagination"] as unknown;
    if (ext === undefined) return undefined;
    const at = `${pointer}/x-sdk-pagination`;
    if (!isRecord(ext)) {
      this.#problem(at, "x-sdk-pagination must be an object with a `style`");
      return undefined;
    }
    const query = new Set(params.filter((p) => p.location === "query").map((p) => p.name));
    const needQuery = (key: string): string => {
      const value = ext[key];
      if (typeof value !== "string" || !query.has(value)) {
        this.#problem(
          `${at}/${key}`,
          `x-sdk-pagination.${key} must name a query parameter of this operation`,
        );
      }
      return String(value);
    };
    const item = response ? this.#pageItem(response.type, ext.style === "cursor") : undefined;
    const itemKey = item && this.#itemKey(item);
    if (response && !item) {
      this.#problem(
        at,
        ext.style === "cursor"
          ? "a cursor page must be an object with an `items` array"
          : "a paginated response must be an array (or an envelope whose `result` is one)",
      );
    }
    switch (ext.style) {
      case "single":
        return item && { style: "single", item }; // one page: nothing can repeat
      case "page-number":
      case "result-info": {
        // page-number (Logto: Total-Number / Link headers) needs the maximum; result-info (Cloudflare v4 paging) may omit it.
        const maxPageSize = ext.maxPageSize;
        const optional = ext.style === "result-info" && maxPageSize === undefined;
        if (
          !optional &&
          (typeof maxPageSize !== "number" || !Number.isInteger(maxPageSize) || maxPageSize < 1)
        ) {
          this.#problem(`${at}/maxPageSize`, "x-sdk-pagination.maxPageSize must be a positive integer");
        }
        const page = needQuery("page");
        const pageSize = needQuery("pageSize");
        if (!item) return undefined;
        if (ext.style === "page-number")
          return { style: "page-number", page, pageSize, maxPageSize: Number(maxPageSize), item, ...itemKey };
        return {
          style: "result-info",
          page,
          pageSize,
          ...(optional ? {} : { maxPageSize: Number(maxPageSize) }),
          item,
          ...itemKey,
        };
      }
      case "cursor": {
        const cursorParam = needQuery("cursorParam");
        const limitParam = ext.limitParam === undefined ? undefined : needQuery("limitParam");
        return (
          item && { style: "cursor", cursorParam, ...(limitParam ? { limitParam } : {}), item, ...itemKey }
        );
      }
      default:
        this.#problem(
          `${at}/style`,
          `unknown pagination style \`${String(ext.style)}\` (single, page-number, result-info, cursor)`,
        );
        return undefined;
    }
  }

  /** `{ itemKey: "id" }` when every item has a required `id`, which the runtime uses to spot repeated pages. */
  #itemKey(item: TypeRef): { itemKey?: string } {
    const schema = this.#schemaOf(item);
    const shape = schema && this.#schemas.objectShape(schema.value, schema.pointer);
    return shape?.required.has("id") ? { itemKey: "id" } : {};
  }

  /** The item type of a page: the array's items, or a cursor page's `items`. */
  #pageItem(type: TypeRef, cursor: boolean): TypeRef | undefined {
    const schema = this.#schemaOf(type);
    if (!schema) return undefined;
    let array = schema;
    if (cursor) {
      const items = this.#schemas
        .objectShape(schema.value, schema.pointer)
        ?.properties.find((p) => p.name === "items");
      if (!items) return undefined;
      array = { value: items.schema as SchemaObject, pointer: items.pointer };
    }
    const items = this.#schemas.arrayItems(array.value, array.pointer);
    return items && this.#schemas.typeOf(items.value, items.pointer);
  }

  #schemaOf(type: TypeRef): { value: SchemaObject; pointer: string } | undefined {
    if (type.kind === "inline") return { value: type.schema, pointer: type.pointer };
    if (type.kind === "void") return undefined;
    const alias = this.#aliases.find((a) => a.name === type.name);
    const pointer = `#/components/schemas/${formatPointer([alias?.component ?? ""]).slice(2)}`;
    return { value: this.#schemas.get(pointer) as SchemaObject, pointer };
  }

  #resourceTree(placed: Placed[], client: ClientModel): ResourceModel[] {
    const nodes = new Map<string, ResourceModel>();
    const node = (key: string): ResourceModel => {
      let found = nodes.get(key);
      if (!found) {
        const property = key.slice(key.lastIndexOf(".") + 1);
        found = {
          key,
          property,
          className: "",
          typePrefix: "",
          file: `resources/${key.split(".").map(kebabCase).join("/")}.ts`,
          operations: [],
          children: [],
        };
        nodes.set(key, found);
        const dot = key.lastIndexOf(".");
        if (dot > 0) node(key.slice(0, dot)).children.push(found);
      }
      return found;
    };
    const owners = new Map<string, string>();
    for (const { resource, operation, pointer } of placed) {
      const id = `${resource}.${operation.name}`;
      const owner = owners.get(id);
      if (owner) {
        this.#problem(`${pointer}/x-sdk-method`, `\`${id}\` is already mapped to ${owner}`);
        continue;
      }
      owners.set(id, `${operation.httpMethod} ${operation.path}`);
      node(resource).operations.push(operation);
    }
    this.#nameResources([...nodes.values()], client);
    this.#describeResources([...nodes.values()], placed);
    const rank = (m: HttpMethod) => ["GET", "POST", "PUT", "PATCH", "DELETE"].indexOf(m);
    for (const resource of nodes.values()) {
      resource.operations.sort((a, b) => compare(a.path, b.path) || rank(a.httpMethod) - rank(b.httpMethod));
      resource.children.sort((a, b) => compare(a.property, b.property));
      for (const child of resource.children) {
        if (resource.operations.some((op) => op.name === child.property)) {
          const op = placed.find((p) => p.resource === resource.key && p.operation.name === child.property);
          this.#problem(
            `${op?.pointer ?? "#"}/x-sdk-method`,
            `\`${resource.key}.${child.property}\` is both a method and a resource`,
          );
        }
      }
      for (const op of resource.operations) {
        if (op.paramsType !== undefined) op.paramsType = `${resource.typePrefix}${pascalCase(op.name)}Params`;
        if (op.response.type.kind === "inline" && !isArrayType(op.response.type)) {
          op.response.alias = `${resource.typePrefix}${pascalCase(op.name)}Response`;
        }
      }
    }
    const roots = [...nodes.values()]
      .filter((r) => !r.key.includes("."))
      .sort((a, b) => compare(a.property, b.property));
    for (const root of roots) {
      if (CLIENT_MEMBERS.has(root.property)) {
        const op = placed.find((p) => p.resource.split(".")[0] === root.property);
        this.#problem(
          `${op?.pointer ?? "#"}/x-sdk-resource`,
          `\`${root.property}\` is reserved on the client`,
        );
      }
    }
    for (const { resource, operation, pointer } of placed) {
      if (RESOURCE_MEMBERS.has(operation.name))
        this.#problem(
          `${pointer}/x-sdk-method`,
          `\`${operation.name}\` is reserved on a resource (${resource})`,
        );
    }
    this.#checkTypeNames([...nodes.values()]);
    return roots;
  }

  /**
   * Class names are the PascalCase property (`signingKeys` -> `SigningKeys`); the full path when two
   * resources share a property name; a `Resource` suffix when a schema already owns the name.
   */
  #nameResources(resources: ResourceModel[], client: ClientModel): void {
    const schemaNames = new Set(this.#aliases.map((a) => a.name));
    const casing = new Casing([...schemaNames]);
    const byProperty = new Map<string, number>();
    for (const r of resources) byProperty.set(r.property, (byProperty.get(r.property) ?? 0) + 1);
    for (const r of resources) {
      const base = pascalCase((byProperty.get(r.property) ?? 0) > 1 ? r.key : r.property, casing);
      r.typePrefix = base;
      r.className = schemaNames.has(base) || base === client.className ? `${base}Resource` : base;
    }
  }

  /** A resource's description is that of the first tag all its operations share. */
  #describeResources(resources: ResourceModel[], placed: Placed[]): void {
    for (const resource of resources) {
      const tagLists = placed.filter((p) => p.resource === resource.key).map((p) => p.tags);
      const shared = tagLists[0]?.find((tag) => tagLists.every((list) => list.includes(tag)));
      const description = this.#doc.tags?.find((tag) => tag.name === shared)?.description?.trim();
      if (description) resource.description = description;
    }
  }

  /** Generated per-method type names must not shadow a schema alias. */
  #checkTypeNames(resources: ResourceModel[]): void {
    const schemaNames = new Map(this.#aliases.map((a) => [a.name, a.component]));
    for (const resource of resources) {
      for (const op of resource.operations) {
        for (const name of [op.paramsType, op.response.alias]) {
          const component = name && schemaNames.get(name);
          if (component) {
            this.#problem(
              `#/components/schemas/${formatPointer([component]).slice(2)}`,
              `schema \`${component}\` has the name generated for ${resource.key}.${op.name}; rename the schema`,
            );
          }
        }
      }
    }
  }
}

function isArrayType(type: TypeRef): boolean {
  if (type.kind !== "inline") return false;
  const t = (type.schema as { type?: unknown }).type;
  return t === "array" && !("$ref" in type.schema);
}

function describe(text: string | undefined): { description?: string } {
  return text?.trim() ? { description: text.trim() } : {};
}
