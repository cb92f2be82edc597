/** Security: the schemes the spec declares, and which of them can authorize each operation. */
import { child, compare, type Document, isRecord } from "./document.js";
import type { SecurityModel, SecuritySchemeModel } from "./model.js";
import type { Problems } from "./problems.js";

type SchemeDraft = SecuritySchemeModel & { scopes?: readonly string[] };

/** Reads requirements operation by operation, and the schemes they name once each. */
export class SecurityReader {
  readonly #schemes = new Map<string, SchemeDraft | null>();
  readonly #used: string[] = [];

  constructor(
    readonly doc: Document,
    readonly problems: Problems,
  ) {}

  /** The operation's own `security`, else the document's: the schemes that can authorize it. */
  requirements(operation: Readonly<Record<string, unknown>>, pointer: string): SecurityModel {
    const own = operation.security !== undefined;
    const list = own ? operation.security : this.doc.root.security;
    const at = own ? child(pointer, "security") : "#/security";
    if (list === undefined) return { schemes: [], optional: false };
    if (!Array.isArray(list)) {
      this.problems.add(at, "`security` must be a list of requirements");
      return { schemes: [], optional: false };
    }
    const schemes: string[] = [];
    const scopesOf: Record<string, string[]> = {};
    let optional = false;
    list.forEach((requirement, index) => {
      const names = isRecord(requirement) ? Object.keys(requirement) : [];
      if (names.length === 0) {
        optional = true;
        return;
      }
      if (names.length > 1) {
        this.problems.add(
          child(at, index),
          `a requirement that combines several schemes (${names.join(" + ")}) is not supported`,
        );
        return;
      }
      const name = names[0] as string;
      const raw = (requirement as Record<string, unknown>)[name];
      const scopes = Array.isArray(raw) ? raw.filter((s) => typeof s === "string") : [];
      if (this.#scheme(name, scopes)) {
        if (!schemes.includes(name)) schemes.push(name);
        if (scopes.length > 0) scopesOf[name] = [...new Set([...(scopesOf[name] ?? []), ...scopes])];
      }
    });
    // `[{}]` alone means no auth at all; next to schemes it means credentials are optional.
    return {
      schemes,
      optional: optional && schemes.length > 0,
      ...(Object.keys(scopesOf).length > 0 ? { scopes: scopesOf } : {}),
    };
  }

  /** Every scheme some operation uses, in order of first use, with the scopes they ask for. */
  schemes(): SecuritySchemeModel[] {
    return this.#used.map((name) => {
      const scheme = this.#schemes.get(name) as SchemeDraft;
      return scheme.kind === "clientCredentials"
        ? { ...scheme, scopes: [...new Set(scheme.scopes)].sort(compare) }
        : scheme;
    });
  }

  #scheme(name: string, scopes: readonly string[]): boolean {
    let known = this.#schemes.get(name);
    if (known === undefined) {
      known = this.#read(name);
      this.#schemes.set(name, known);
      if (known) this.#used.push(name);
    }
    if (known?.kind === "clientCredentials") {
      this.#schemes.set(name, { ...known, scopes: [...known.scopes, ...scopes] });
    }
    return known !== null;
  }

  #read(name: string): SchemeDraft | null {
    const pointer = child("#/components/securitySchemes", name);
    const resolved = this.doc.resolve(this.doc.at(pointer), pointer);
    const scheme = resolved?.value;
    if (!scheme) {
      this.problems.add(pointer, `security scheme \`${name}\` is not declared`);
      return null;
    }
    const type = scheme.type;
    const httpScheme = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
    if (type === "http" && httpScheme === "bearer") return { name, kind: "bearer" };
    if (type === "http" && httpScheme === "basic") return { name, kind: "basic" };
    if (type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") {
      return { name, kind: "apiKey", header: scheme.name };
    }
    const flows = isRecord(scheme.flows) ? scheme.flows : {};
    const credentials = flows.clientCredentials;
    if (type === "oauth2" && isRecord(credentials) && typeof credentials.tokenUrl === "string") {
      return { name, kind: "clientCredentials", tokenURL: credentials.tokenUrl, scopes: [] };
    }
    this.problems.add(
      resolved?.pointer ?? pointer,
      `security scheme \`${name}\` is not supported (supported: http bearer, http basic, apiKey in a header, oauth2 clientCredentials)`,
    );
    return null;
  }
}
