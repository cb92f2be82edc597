/**
 * The fake's data: connectors with their signing keys and IdP-initiated auth configs, organizations with their
 * JIT connectors, and applications. Reads return copies; writes happen only in a reply's commit.
 */
import { randomId } from "@sso/core/testing";
import { notExists } from "./errors.js";
import type {
  FakeApplication,
  FakeIdpInitiatedAuthConfig,
  FakeOrganization,
  FakeSigningKey,
  FakeSsoConnector,
  SeedApplication,
  SeedConnector,
} from "./types.js";

const SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

const copy = <T>(value: T): T => structuredClone(value);

export class LogtoState {
  readonly tenantId: string;
  readonly now: () => number;
  readonly #connectors = new Map<string, FakeSsoConnector>();
  readonly #signingKeys = new Map<string, Map<string, FakeSigningKey>>();
  readonly #idpConfigs = new Map<string, FakeIdpInitiatedAuthConfig>();
  readonly #organizations = new Map<string, FakeOrganization & { jit: Set<string> }>();
  readonly #applications = new Map<string, FakeApplication>();

  constructor(tenantId: string, now: () => number) {
    this.tenantId = tenantId;
    this.now = now;
  }

  // Connectors

  connectors(): FakeSsoConnector[] {
    return [...this.#connectors.values()].map(copy);
  }

  /** True when some stored connector passes `test` (reads the rows in place: the rules run on every write). */
  someConnector(test: (row: Readonly<FakeSsoConnector>) => boolean): boolean {
    for (const row of this.#connectors.values()) if (test(row)) return true;
    return false;
  }

  /** The connector with this id, or `404 entity.not_exists_with_id`. */
  connector(id: string): FakeSsoConnector {
    const found = this.#connectors.get(id);
    return found ? copy(found) : notExists("sso_connectors", id);
  }

  hasConnector(id: string): boolean {
    return this.#connectors.has(id);
  }

  /** A new connector row from a seed, not stored yet: `putConnector` it in a commit. */
  buildConnector(seed: SeedConnector): FakeSsoConnector {
    return {
      tenantId: this.tenantId,
      id: seed.id ?? randomId(12),
      providerName: seed.providerName,
      connectorName: seed.connectorName,
      config: copy(seed.config ?? {}),
      domains: (seed.domains ?? []).map((d) => d.toLowerCase()),
      branding: copy(seed.branding ?? {}),
      syncProfile: seed.syncProfile ?? false,
      enableTokenStorage: seed.enableTokenStorage ?? false,
      createdAt: this.now(),
    };
  }

  putConnector(row: FakeSsoConnector): void {
    this.#connectors.set(row.id, copy(row));
  }

  /** Deletes a connector with what hangs off it: keys, IdP-initiated config, JIT links. */
  removeConnector(id: string): void {
    this.#connectors.delete(id);
    this.#signingKeys.delete(id);
    this.#idpConfigs.delete(id);
    for (const org of this.#organizations.values()) org.jit.delete(id);
  }

  // Signing keys

  signingKeys(connectorId: string): FakeSigningKey[] {
    return [...(this.#signingKeys.get(connectorId)?.values() ?? [])].map(copy);
  }

  activeKey(connectorId: string): FakeSigningKey | undefined {
    return this.signingKeys(connectorId).find((key) => key.active);
  }

  /** Stores a key; an active key deactivates the connector's other keys (at most one is active). */
  putSigningKey(connectorId: string, key: FakeSigningKey): void {
    const keys = this.#signingKeys.get(connectorId) ?? new Map<string, FakeSigningKey>();
    this.#signingKeys.set(connectorId, keys);
    if (key.active) for (const other of keys.values()) other.active = false;
    keys.set(key.id, copy(key));
  }

  removeSigningKey(connectorId: string, keyId: string): void {
    this.#signingKeys.get(connectorId)?.delete(keyId);
  }

  // IdP-initiated auth configs

  idpConfig(connectorId: string): FakeIdpInitiatedAuthConfig | undefined {
    const found = this.#idpConfigs.get(connectorId);
    return found ? copy(found) : undefined;
  }

  putIdpConfig(config: FakeIdpInitiatedAuthConfig): void {
    this.#idpConfigs.set(config.connectorId, copy(config));
  }

  removeIdpConfig(connectorId: string): void {
    this.#idpConfigs.delete(connectorId);
  }

  // Organizations

  addOrganization(name: string, id: string = randomId(12)): FakeOrganization {
    this.#organizations.set(id, { id, name, jit: new Set() });
    return { id, name };
  }

  hasOrganization(id: string): boolean {
    return this.#organizations.has(id);
  }

  jitConnectorIds(organizationId: string): string[] {
    return [...(this.#organizations.get(organizationId)?.jit ?? [])];
  }

  setJitConnectorIds(organizationId: string, ids: Iterable<string>): void {
    const org = this.#organizations.get(organizationId);
    if (org) org.jit = new Set(ids);
  }

  // Applications

  addApplication(seed: SeedApplication = {}): FakeApplication {
    const app: FakeApplication = {
      clientId: seed.clientId ?? randomId(21),
      clientSecret: seed.clientSecret ?? randomId(32, SECRET_ALPHABET),
      scopes: [...(seed.scopes ?? [])],
      type: seed.type ?? "MachineToMachine",
      redirectUris: [...(seed.redirectUris ?? [])],
      isThirdParty: seed.isThirdParty ?? false,
    };
    this.#applications.set(app.clientId, app);
    return copy(app);
  }

  application(id: string): FakeApplication | undefined {
    const found = this.#applications.get(id);
    return found ? copy(found) : undefined;
  }
}
