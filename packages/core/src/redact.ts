/** What replaces a secret in logs, error messages and excerpts. */
export const REDACTED = "[REDACTED]";

// Keys are compared lower-cased without `-`/`_`, so `client_secret`, `clientSecret` and `Client-Secret` match alike.
// `token` only as a whole word or with a known prefix, so `token_type` and `token_endpoint` stay readable.
const SECRET_KEY =
  /authorization$|cookie$|^xauth|secret|passw|privatekey|apikey$|^(access|refresh|id|api|auth|session|bearer|csrf)?token$/;

/** True when a header or field name usually holds a credential. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_\s]/g, ""));
}

/**
 * Masks credentials in a value before it is logged or put in an error: secret-named fields and headers,
 * `Bearer`/`Basic` credentials, `key=value` and `"key": "value"` pairs with secret names, PEM private keys,
 * and every exact value in `secrets` (the client's own token and client secret).
 */
export function redact<T>(value: T, secrets: readonly string[] = []): T {
  return walk(value, secrets, 0, new WeakSet()) as T;
}

function walk(value: unknown, secrets: readonly string[], depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactString(value, secrets);
  if (!value || typeof value !== "object" || value instanceof Error) return value;
  if (seen.has(value) || depth > 10) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, secrets, depth + 1, seen));
  const entries = value instanceof Headers ? [...value.entries()] : Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const masked =
      isSecretKey(key) && (typeof item === "string" || (item !== null && typeof item === "object"));
    out[key] = masked ? REDACTED : walk(item, secrets, depth + 1, seen);
  }
  return out;
}

/** Masks credentials in free text: messages, URLs, raw bodies. */
export function redactString(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED)
    .replace(/"([^"\\]{1,64})"(\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)/g, (pair, key: string, colon: string) =>
      isSecretKey(key) ? `"${key}"${colon}"${REDACTED}"` : pair,
    )
    .replace(/(^|[?&;\s])([\w.[\]-]{1,64})=([^&\s"',;]*)/g, (pair, lead: string, key: string) =>
      isSecretKey(key) ? `${lead}${key}=${REDACTED}` : pair,
    );
}

/** Values of secret-named headers, so a token given as a raw header is masked like one given to an AuthProvider. */
export function headerSecrets(headers: Record<string, string | undefined> | undefined): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value && isSecretKey(key)) found.push(value, value.replace(/^\S+\s+/, ""));
  }
  return found;
}

/** At most 200 characters of a body, redacted first so a cut can never leave half a secret behind. */
export function excerpt(text: string, secrets: readonly string[] = []): string {
  const flat = redactString(text, secrets).replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
