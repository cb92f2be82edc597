/**
 * Contract checks: validates recorded HTTP exchanges against the hand-written OpenAPI 3.1 specs in
 * `specs/`, with ajv (JSON Schema 2020-12) and ajv-formats. The operations and schemas come from the spec's
 * model as `@sso/codegen` reads it for the generator.
 *
 * - request: the path matches an operation of the spec (token endpoints named by the spec's OAuth2
 *   `tokenUrl` are skipped); path, query and header parameters match their schemas; no undeclared query
 *   parameter; the body is present when required, JSON, and matches the request body schema; no body where
 *   none is declared.
 * - response: the status is declared (exact, `4XX` range or `default`); the body matches that response's
 *   schema, or is empty when none is declared; declared response headers match their schemas.
 * - fake: a route handler of the fake threw.
 *
 * Responses that a fault injected (`fault.synthetic`) are not the fake's own answers and are not checked, nor
 * is the `413` to a body over the fake's size limit (`request.bodyTooLarge`): the server's body parser sends it
 * before any operation runs, as a real server's framework does, so no operation of the spec declares it.
 * Plug `checker.onExchange` into a fake's `onExchange` option, and assert `checker.take()` is empty after
 * each test.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type ApiModel, findRoot } from "@sso/codegen";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { loadModelSync } from "./load-model.js";
import { type Checked, type Operation, operationTable } from "./operations.js";
import { SchemaDocument } from "./schemas.js";

export type Provider = "cloudflare" | "logto" | "keycard";

/** The parts of `@sso/core/testing`'s `Exchange` the checker reads (structurally compatible). */
export interface ExchangeLike {
  seq: number;
  request: {
    method: string;
    path: string;
    query: Record<string, string[]>;
    headers: Record<string, string>;
    rawBody: string;
    body: unknown;
    bodyError?: string;
    /** The body was over the fake's size limit and not kept: body checks are skipped. */
    bodyTooLarge?: boolean;
  };
  response?: { status: number; headers: Record<string, string>; rawBody: string; body: unknown };
  fault?: { kind: string; synthetic: boolean };
  handlerError?: string;
}

export interface Violation {
  /** Which side broke the contract: the client's request, the fake's response, an unknown route, or a fake crash. */
  side: "request" | "response" | "route" | "fake";
  seq: number;
  /** `METHOD /template (operationId)`, or `METHOD /path` when no operation matched. */
  operation: string;
  status?: number;
  problems: string[];
}

/** `specs/<provider>.openapi.yaml` in this repository. */
export function specPath(provider: Provider): string {
  return fileURLToPath(new URL(`../../../specs/${provider}.openapi.yaml`, import.meta.url));
}

function redact(text: string): string {
  return text.replace(/("(?:[a-z_]*secret|access_token|password|token)"\s*:\s*)"[^"]*"/gi, '$1"[redacted]"');
}

function excerpt(text: string, max = 300): string {
  const clean = redact(text).replace(/\s+/g, " ");
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

function formatAjvError(error: ErrorObject, where: string): string {
  const at = `${where}${error.instancePath || ""}` || "(root)";
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? "is invalid";
  if (error.keyword === "additionalProperties") detail += `: ${String(params.additionalProperty)}`;
  if (error.keyword === "unevaluatedProperties") detail += `: ${String(params.unevaluatedProperty)}`;
  if (error.keyword === "enum") detail += `: ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === "const") detail += `: ${JSON.stringify(params.allowedValue)}`;
  return `${at} ${detail}`;
}

export interface ContractCheckerOptions {
  /** Path of the spec YAML (default `specs/<provider>.openapi.yaml` of this repo). */
  specFile?: string;
  /**
   * Responses may not carry properties their schema does not declare (default true): every object schema
   * with `properties` and no `additionalProperties` is checked as if it said `unevaluatedProperties: false`.
   * A fake that returns a field the spec does not know (say, a secret) fails. Requests are checked as written.
   */
  strictResponses?: boolean;
}

/** The spec's model, read by `@sso/codegen` as the generator reads it for `packages/<provider>`. */
function readModel(provider: string, specFile: string | undefined): ApiModel {
  const root = findRoot(dirname(specFile ?? specPath(provider as Provider)));
  if (specFile === undefined) return loadModelSync({ root, name: provider });
  const pkg = JSON.parse(readFileSync(join(root, "packages", provider, "package.json"), "utf8")) as {
    name: string;
  };
  const text = readFileSync(specFile, "utf8");
  return loadModelSync({ root, name: provider, file: relative(root, specFile), text, packageName: pkg.name });
}

export class ContractChecker {
  readonly provider: string;
  readonly #docId: string;
  readonly #responseDocId: string;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #operations: Operation[];
  readonly #tokenPaths: Set<string>;
  #violations: Violation[] = [];
  #offSpec = 0;
  readonly #seen = new Map<string, Set<number>>();

  constructor(provider: Provider | string, options: ContractCheckerOptions = {}) {
    this.provider = provider;
    const model = readModel(provider, options.specFile);
    const document = new SchemaDocument(model);
    this.#operations = operationTable(model, document.place);
    this.#tokenPaths = new Set(
      model.client.securitySchemes.flatMap((scheme) =>
        scheme.kind === "clientCredentials"
          ? [new URL(scheme.tokenURL, "http://server.invalid").pathname]
          : [],
      ),
    );
    this.#docId = `https://specs.sso.invalid/${encodeURIComponent(provider)}.json`;
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, validateSchema: false });
    const addFormats =
      (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
    this.#ajv.addSchema(document.plain(), this.#docId);
    this.#responseDocId = this.#docId;
    if (options.strictResponses ?? true) {
      this.#responseDocId = `${this.#docId.replace(/\.json$/, "")}.strict.json`;
      this.#ajv.addSchema(document.strict(), this.#responseDocId);
    }
  }

  /** The spec's operations (method, path template, operationId). */
  get operations(): ReadonlyArray<{ id: string; method: string; template: string }> {
    return this.#operations.map(({ id, method, template }) => ({ id, method, template }));
  }

  /** Paths of the OAuth2 token endpoints the spec names (not operations of the spec). */
  get tokenPaths(): readonly string[] {
    return [...this.#tokenPaths];
  }

  /** Use as a fake's `onExchange`: checks the exchange and keeps its violations for `take()`. */
  readonly onExchange = (exchange: ExchangeLike): void => {
    const violations = this.check(exchange).filter(
      (v) => !(this.#offSpec > 0 && (v.side === "request" || v.side === "route")),
    );
    this.#violations.push(...violations);
  };

  /** Returns the violations collected since the last call, and forgets them. */
  take(): Violation[] {
    const out = this.#violations;
    this.#violations = [];
    return out;
  }

  /**
   * Runs `fn` while request-side and unknown-route violations are ignored: for tests that send a request the
   * spec forbids on purpose (to see how the server answers). Responses of known operations are still checked.
   */
  async offSpec<T>(fn: () => Promise<T> | T): Promise<T> {
    this.#offSpec++;
    try {
      return await fn();
    } finally {
      this.#offSpec--;
    }
  }

  /** operationId -> statuses seen, for coverage reports. */
  get seen(): ReadonlyMap<string, ReadonlySet<number>> {
    return this.#seen;
  }

  /** Finds the operation for a method and a path relative to the server URL. */
  match(method: string, path: string): { operation: Operation; params: Record<string, string> } | undefined {
    const actual = path.split("/").slice(1);
    for (const operation of this.#operations) {
      if (operation.method !== method.toUpperCase()) continue;
      const params = matchTemplate(operation.segments, actual);
      if (params) return { operation, params };
    }
    return undefined;
  }

  /** Checks one exchange; pure apart from coverage bookkeeping. */
  check(exchange: ExchangeLike): Violation[] {
    const { request } = exchange;
    const method = request.method.toUpperCase();
    const violations: Violation[] = [];
    if (exchange.handlerError) {
      violations.push({
        side: "fake",
        seq: exchange.seq,
        operation: `${method} ${request.path}`,
        problems: [`the fake's route handler threw: ${exchange.handlerError.split("\n")[0]}`],
      });
    }
    if (this.#tokenPaths.has(request.path)) return violations;
    const found = this.match(method, request.path);
    if (!found) {
      const otherMethods = this.#operations
        .filter((op) => matchTemplate(op.segments, request.path.split("/").slice(1)))
        .map((op) => op.method);
      violations.push({
        side: "route",
        seq: exchange.seq,
        operation: `${method} ${request.path}`,
        problems: [
          otherMethods.length > 0
            ? `the spec has no ${method} operation on this path (it has ${otherMethods.join(", ")})`
            : "no path of the spec matches",
        ],
      });
      return violations;
    }
    const { operation, params } = found;
    const label = `${operation.method} ${operation.template} (${operation.id})`;
    const requestProblems = this.#checkRequest(operation, params, exchange);
    if (requestProblems.length > 0) {
      violations.push({ side: "request", seq: exchange.seq, operation: label, problems: requestProblems });
    }
    const response = exchange.response;
    if (response && !exchange.fault?.synthetic && !request.bodyTooLarge) {
      const seen = this.#seen.get(operation.id) ?? new Set<number>();
      seen.add(response.status);
      this.#seen.set(operation.id, seen);
      const problems = this.#checkResponse(operation, response);
      if (problems.length > 0) {
        violations.push({
          side: "response",
          seq: exchange.seq,
          operation: label,
          status: response.status,
          problems,
        });
      }
    }
    return violations;
  }

  #checkRequest(operation: Operation, pathParams: Record<string, string>, exchange: ExchangeLike): string[] {
    const { request } = exchange;
    const problems: string[] = [];
    const declaredQuery = new Set<string>();
    for (const param of operation.parameters) {
      let raw: string | string[] | undefined;
      if (param.in === "path") raw = pathParams[param.name];
      else if (param.in === "query") {
        declaredQuery.add(param.name);
        raw = request.query[param.name];
      } else raw = request.headers[param.name.toLowerCase()];
      if (raw === undefined) {
        if (param.required) problems.push(`${param.in} parameter "${param.name}" is required but missing`);
        continue;
      }
      const { schema } = param;
      const isArray = schema.types.has("array");
      const items = schema.itemTypes ?? new Set<string>();
      let value: unknown;
      if (Array.isArray(raw)) {
        if (!isArray && raw.length > 1) {
          problems.push(`${param.in} parameter "${param.name}" is repeated but its schema is not an array`);
          continue;
        }
        value = isArray ? raw.map((v) => coerce(items, v)) : coerce(schema.types, raw[0] ?? "");
      } else {
        value = isArray ? [coerce(items, raw)] : coerce(schema.types, raw);
      }
      problems.push(...this.#validate(schema, value, `${param.in} parameter "${param.name}"`));
    }
    for (const name of Object.keys(request.query)) {
      if (!declaredQuery.has(name)) problems.push(`query parameter "${name}" is not declared by the spec`);
    }
    const hasBody = request.rawBody.length > 0;
    const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const body = operation.requestBody;
    if (request.bodyTooLarge) {
      // Nothing to check: the fake did not keep the body.
    } else if (!body) {
      if (hasBody)
        problems.push(
          `the operation declares no request body, but one was sent: ${excerpt(request.rawBody, 120)}`,
        );
    } else if (!hasBody) {
      if (body.required) problems.push("the request body is required but none was sent");
    } else if (contentType !== body.mediaType.toLowerCase()) {
      problems.push(`the request body must be ${body.mediaType}, got content-type "${contentType}"`);
    } else if (request.bodyError) {
      problems.push(`the request body is not valid JSON (${request.bodyError})`);
    } else {
      problems.push(...this.#validate(body.schema, request.body, "body"));
    }
    return problems;
  }

  #checkResponse(operation: Operation, response: NonNullable<ExchangeLike["response"]>): string[] {
    const status = response.status;
    const spec =
      operation.responses.get(String(status)) ??
      operation.responses.get(`${Math.floor(status / 100)}XX`) ??
      operation.responses.get("default");
    if (!spec) {
      return [`status ${status} is not declared (declared: ${[...operation.responses.keys()].join(", ")})`];
    }
    const problems: string[] = [];
    const hasBody = response.rawBody.length > 0;
    const contentType = (response.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (spec.json) {
      if (!hasBody) problems.push("the response declares a JSON body, but none was sent");
      else if (contentType !== spec.json.mediaType.toLowerCase())
        problems.push(`the response content-type is "${contentType}", not ${spec.json.mediaType}`);
      else {
        let body: unknown = response.body;
        if (body === undefined) {
          try {
            body = JSON.parse(response.rawBody);
          } catch {
            problems.push(`the response body is not valid JSON: ${excerpt(response.rawBody, 120)}`);
            return problems;
          }
        }
        problems.push(...this.#validate(spec.json.schema, body, "body", this.#responseDocId));
      }
    } else if (!spec.hasContent && hasBody) {
      problems.push(`the response declares no body, but one was sent: ${excerpt(response.rawBody, 120)}`);
    }
    for (const header of spec.headers) {
      const raw = response.headers[header.name.toLowerCase()];
      if (raw === undefined) {
        if (header.required) problems.push(`response header "${header.name}" is required but missing`);
        continue;
      }
      if (header.schema) {
        problems.push(
          ...this.#validate(header.schema, coerce(header.schema.types, raw), `header "${header.name}"`),
        );
      }
    }
    if (problems.length > 0 && hasBody) problems.push(`(body: ${excerpt(response.rawBody)})`);
    return problems;
  }

  #validate(schema: Checked, value: unknown, where: string, docId: string = this.#docId): string[] {
    const cacheKey = `${docId}#${schema.pointer}`;
    let validate = this.#validators.get(cacheKey);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: cacheKey });
      this.#validators.set(cacheKey, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => formatAjvError(e, where));
  }
}

/** Coerces a string from a URL or header to the schema's scalar type, leaving it alone when it does not parse. */
function coerce(types: ReadonlySet<string>, raw: string): unknown {
  if ((types.has("integer") || types.has("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw)))
    return Number(raw);
  if (types.has("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function matchTemplate(
  template: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const a = actual[i] as string;
    if (t.startsWith("{") && t.endsWith("}")) {
      if (a === "") return undefined;
      try {
        params[t.slice(1, -1)] = decodeURIComponent(a);
      } catch {
        return undefined;
      }
    } else if (t !== a) {
      return undefined;
    }
  }
  return params;
}

/** A readable, multi-line report of violations (secrets in bodies are redacted). */
export function formatViolations(violations: readonly Violation[]): string {
  const lines = [`${violations.length} contract violation(s):`];
  for (const v of violations) {
    const status = v.status !== undefined ? ` ${v.status}` : "";
    lines.push(`  #${v.seq} ${v.side}${status} of ${v.operation}:`);
    for (const problem of v.problems) lines.push(`    - ${problem}`);
  }
  return lines.join("\n");
}

/** Throws a readable error when there are violations (use in `afterEach`). */
export function assertNoViolations(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new Error(formatViolations(violations));
}

export { type BrowserBundle, browserBundle } from "./browser-bundle.js";
export { type RawResponse, raw } from "./http.js";
