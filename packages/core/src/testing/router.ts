/**
 * A tiny router over OpenAPI-style path templates (`/accounts/{account_id}/sso_connectors`).
 * Segments match exactly; `{name}` captures one percent-decoded segment. No regexes, no wildcards.
 */

export type RouteMatch<H> =
  | { kind: "found"; handler: H; template: string; params: Record<string, string> }
  | { kind: "method-not-allowed"; template: string; allow: string[] }
  | { kind: "not-found" };

interface Route<H> {
  method: string;
  template: string;
  segments: readonly string[];
  handler: H;
}

function splitPath(path: string): string[] {
  // "/a/b" -> ["a", "b"]; "/" -> [""]; a trailing slash keeps an empty last segment (strict match).
  return path.split("/").slice(1);
}

export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** Registers `handler` for `method` and `template`; a duplicate registration is a programming error. */
  on(method: string, template: string, handler: H): this {
    const upper = method.toUpperCase();
    if (this.#routes.some((r) => r.method === upper && r.template === template)) {
      throw new Error(`route registered twice: ${upper} ${template}`);
    }
    this.#routes.push({ method: upper, template, segments: splitPath(template), handler });
    return this;
  }

  get routes(): ReadonlyArray<{ method: string; template: string }> {
    return this.#routes.map(({ method, template }) => ({ method, template }));
  }

  match(method: string, path: string): RouteMatch<H> {
    const segments = splitPath(path);
    const upper = method.toUpperCase();
    let allowed: { template: string; methods: string[] } | undefined;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === upper)
        return { kind: "found", handler: route.handler, template: route.template, params };
      if (!allowed) allowed = { template: route.template, methods: [] };
      if (allowed.template === route.template) allowed.methods.push(route.method);
    }
    if (allowed) return { kind: "method-not-allowed", template: allowed.template, allow: allowed.methods };
    return { kind: "not-found" };
  }
}

function matchSegments(
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
      let decoded: string;
      try {
        decoded = decodeURIComponent(a);
      } catch {
        return undefined;
      }
      params[t.slice(1, -1)] = decoded;
    } else if (t !== a) {
      return undefined;
    }
  }
  return params;
}
