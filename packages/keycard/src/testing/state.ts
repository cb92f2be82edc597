/** The fake's organizations and their SSO connections. Reads return copies; writes happen only in commits. */
import { randomId } from "@sso/core/testing";
import { fail, NOT_FOUND } from "./errors.js";
import type { FakeOrganization, Permissions, SeedSSOConnection, StoredSSOConnection } from "./types.js";

const ULID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function newId(prefix: string): string {
  return `${prefix}_${randomId(26, ULID_ALPHABET)}`;
}

export class KeycardState {
  readonly #organizations = new Map<string, FakeOrganization>();
  /** organization id -> its connection (at most one: the resource is a singleton). */
  readonly #connections = new Map<string, StoredSSOConnection>();
  readonly #now: () => number;
  readonly permissions: Permissions;

  constructor(now: () => number, permissions: Permissions) {
    this.#now = now;
    this.permissions = structuredClone(permissions);
  }

  iso(): string {
    return new Date(this.#now()).toISOString();
  }

  addOrganization(label: string, options: { id?: string; forbidden?: boolean } = {}): FakeOrganization {
    const org = { id: options.id ?? newId("org"), label, forbidden: options.forbidden ?? false };
    this.#organizations.set(org.id, org);
    return { ...org };
  }

  /** An organization by id or label, if any. */
  lookup(idOrLabel: string): FakeOrganization | undefined {
    return (
      this.#organizations.get(idOrLabel) ??
      [...this.#organizations.values()].find((o) => o.label === idOrLabel)
    );
  }

  /** The organization a request names: 404 when none, 403 when the service account may not manage it. */
  organization(idOrLabel: string): FakeOrganization {
    const org = this.lookup(idOrLabel);
    if (!org) return fail(404, "not_found", NOT_FOUND);
    if (org.forbidden) fail(403, "forbidden", "Forbidden");
    return org;
  }

  connection(organizationId: string): StoredSSOConnection | undefined {
    const found = this.#connections.get(organizationId);
    return found ? structuredClone(found) : undefined;
  }

  /** A new connection from its fields, not stored yet: `put` it in a commit. */
  build(seed: Omit<SeedSSOConnection, "organization">): StoredSSOConnection {
    const at = this.iso();
    const secret = seed.client_secret ?? null;
    return {
      id: newId("ssoc"),
      identifier: seed.identifier,
      client_id: seed.client_id,
      client_secret: secret,
      client_secret_set: secret !== null,
      created_at: at,
      updated_at: at,
      protocols: seed.protocols ?? null,
    };
  }

  put(organizationId: string, connection: StoredSSOConnection): void {
    this.#connections.set(organizationId, structuredClone(connection));
  }

  remove(organizationId: string): void {
    this.#connections.delete(organizationId);
  }
}
