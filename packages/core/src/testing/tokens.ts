/**
 * Access tokens for the OAuth2 fakes: JWT-shaped (HS256, signed with a per-server random key), checked
 * statelessly, so the issuer keeps no per-token state (bounded by construction). `expireAll()` makes
 * every token issued so far invalid at once.
 */
import { createHmac, randomBytes } from "node:crypto";
import { safeEqual } from "./http.js";

export interface TokenClaims {
  iss: string;
  sub: string;
  aud?: string;
  client_id: string;
  scope?: string;
  iat: number;
  exp: number;
  jti: string;
  /** Issue sequence, used for `expireAll()`. */
  seq: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

export interface TokenIssuerOptions {
  /**
   * The `iss` claim. A function is read at each issue, so a fake can create its issuer before it listens
   * and still name its own origin once the port is known.
   */
  issuer: string | (() => string);
  /** Token lifetime in seconds (default 3600). */
  ttlSeconds?: number;
  /** The clock, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

function b64url(input: string | Buffer): string {
  return Buffer.from(input).toString("base64url");
}

export class TokenIssuer {
  readonly #key = randomBytes(32);
  readonly #issuer: () => string;
  readonly #now: () => number;
  #ttlSeconds: number;
  #seq = 0;
  #minValidSeq = 0;

  constructor(options: TokenIssuerOptions) {
    const { issuer } = options;
    this.#issuer = typeof issuer === "function" ? issuer : () => issuer;
    this.#now = options.now ?? Date.now;
    this.#ttlSeconds = TokenIssuer.#checkTtl(options.ttlSeconds ?? 3600);
  }

  static #checkTtl(ttl: number): number {
    if (!(Number.isFinite(ttl) && ttl > 0))
      throw new RangeError(`token TTL must be a positive number, got ${ttl}`);
    return ttl;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  set ttlSeconds(ttl: number) {
    this.#ttlSeconds = TokenIssuer.#checkTtl(ttl);
  }

  /** How many tokens were issued so far. */
  get issued(): number {
    return this.#seq;
  }

  issue(claims: { sub: string; clientId: string; aud?: string; scope?: string }): {
    accessToken: string;
    expiresIn: number;
    claims: TokenClaims;
  } {
    const nowMs = this.#now();
    const full: TokenClaims = {
      iss: this.#issuer(),
      sub: claims.sub,
      client_id: claims.clientId,
      iat: Math.floor(nowMs / 1000),
      // Millisecond precision internally so sub-second TTLs work in tests; the wire value is whole seconds.
      exp: (nowMs + this.#ttlSeconds * 1000) / 1000,
      jti: randomBytes(12).toString("base64url"),
      seq: ++this.#seq,
      ...(claims.aud !== undefined ? { aud: claims.aud } : {}),
      ...(claims.scope !== undefined ? { scope: claims.scope } : {}),
    };
    const header = b64url(JSON.stringify({ alg: "HS256", typ: "at+jwt" }));
    const payload = b64url(JSON.stringify(full));
    const signature = this.#sign(`${header}.${payload}`);
    return {
      accessToken: `${header}.${payload}.${signature}`,
      expiresIn: Math.max(1, Math.round(this.#ttlSeconds)),
      claims: full,
    };
  }

  verify(token: string): TokenCheck {
    const parts = token.split(".");
    if (parts.length !== 3) return { ok: false, reason: "malformed" };
    const [header, payload, signature] = parts as [string, string, string];
    if (!safeEqual(this.#sign(`${header}.${payload}`), signature))
      return { ok: false, reason: "bad-signature" };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
    } catch {
      return { ok: false, reason: "malformed" };
    }
    if (claims.seq <= this.#minValidSeq || claims.exp * 1000 <= this.#now())
      return { ok: false, reason: "expired" };
    return { ok: true, claims };
  }

  /** Every token issued so far stops working now; tokens issued later are unaffected. */
  expireAll(): void {
    this.#minValidSeq = this.#seq;
  }

  #sign(data: string): string {
    return createHmac("sha256", this.#key).update(data).digest("base64url");
  }
}
