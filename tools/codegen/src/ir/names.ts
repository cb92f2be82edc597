/** Words written in capitals inside generated class and type names (`ssoConnectors` -> `SSOConnectors`). */
const ACRONYMS: ReadonlySet<string> = new Set(["api", "iam", "id", "oidc", "saml", "sso", "url"]);

/** Splits camelCase, PascalCase, snake_case, kebab-case and spaced words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `ssoConnectors` -> `SSOConnectors`, `signingKeys` -> `SigningKeys`. */
export function pascalCase(text: string, casing: Casing = DEFAULT_CASING): string {
  return words(text)
    .map((word) => casing.word(word))
    .join("");
}

/**
 * How a spec spells words in its type names. Generated names follow it, so a package reads as one: Logto's
 * schemas say `SsoConnector`, so its resource is `SsoConnectors`; Cloudflare's say `SSOConnector`, so `SSO`.
 * Words the schemas never use fall back to ACRONYMS, then to capitalising the first letter.
 */
export class Casing {
  readonly #spellings = new Map<string, string>();

  constructor(typeNames: readonly string[] = [], acronyms: ReadonlySet<string> = ACRONYMS) {
    const counts = new Map<string, Map<string, number>>();
    for (const word of typeNames.flatMap(words)) {
      const lower = word.toLowerCase();
      const seen = counts.get(lower) ?? new Map<string, number>();
      seen.set(word, (seen.get(word) ?? 0) + 1);
      counts.set(lower, seen);
    }
    for (const [lower, seen] of counts) {
      // Most frequent spelling; ties go to the one that sorts first, so the choice never depends on order.
      const best = [...seen].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
      if (best && /^[A-Z]/.test(best)) this.#spellings.set(lower, best);
    }
    for (const acronym of acronyms) {
      if (!this.#spellings.has(acronym)) this.#spellings.set(acronym, acronym.toUpperCase());
    }
  }

  word(word: string): string {
    const lower = word.toLowerCase();
    const known = this.#spellings.get(lower);
    if (known) return known;
    const singular = lower.endsWith("s") ? this.#spellings.get(lower.slice(0, -1)) : undefined;
    if (singular) return `${singular}s`;
    return word[0]!.toUpperCase() + word.slice(1);
  }
}

const DEFAULT_CASING = new Casing();

/** `SSOConnector` -> `ssoConnector`, `X-Client-Request-ID` -> `xClientRequestID`. */
export function camelCase(text: string): string {
  const [first, ...rest] = words(text);
  if (first === undefined) return "";
  const head = /^[A-Z0-9]+$/.test(first) ? first.toLowerCase() : first[0]!.toLowerCase() + first.slice(1);
  return head + rest.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
}

/** `jitSsoConnectors` -> `jit-sso-connectors`. */
export function kebabCase(text: string): string {
  return words(text)
    .map((word) => word.toLowerCase())
    .join("-");
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await"
  ).split(" "),
);

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) && !RESERVED.has(text);
}

/** A property key as written in TypeScript: bare when it can be, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
