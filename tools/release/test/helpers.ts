import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { parse } from "yaml";
import { diffSpecs as diffVersions, specVersion } from "../src/diff/index.ts";
import type { Change, JsonObject } from "../src/diff/types.ts";

/** Parses inline YAML written with any indentation. */
export function yaml(text: string): JsonObject {
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return parse(lines.map((l) => l.slice(indent)).join("\n")) as JsonObject;
}

/**
 * A small Logto-like spec: one list operation with a `page_size` parameter, one create operation, and a
 * connector provider component, so each rule's fixture only spells out what it changes.
 */
export const BASE = `
openapi: 3.1.0
info: { title: Test, version: 1.0.0 }
x-sdk-client: { name: Logto, package: "@sso/logto" }
servers: [{ url: "https://tenant.logto.example" }]
security: []
paths:
  /api/sso-connectors:
    get:
      operationId: ListSsoConnectors
      x-sdk-resource: ssoConnectors
      x-sdk-method: list
      description: Lists connectors.
      parameters:
        - name: page_size
          in: query
          required: false
          schema: { type: integer, minimum: 1, maximum: 200 }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/SsoConnector" } }
    post:
      operationId: CreateSsoConnector
      x-sdk-resource: ssoConnectors
      x-sdk-method: create
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/CreateSsoConnector" }
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema: { $ref: "#/components/schemas/SsoConnector" }
  /api/sso-connector-providers:
    get:
      operationId: ListSsoConnectorProviders
      x-sdk-resource: ssoConnectorProviders
      x-sdk-method: list
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/SsoConnectorProvider" } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    SsoConnector:
      type: object
      required: [id, providerName, status]
      properties:
        id: { type: string }
        providerName: { type: string }
        status: { type: string, enum: [active, inactive] }
        domains: { type: array, items: { type: string } }
    CreateSsoConnector:
      type: object
      required: [providerName]
      properties:
        providerName: { type: string }
        connectorName: { type: string }
        kind: { type: string, enum: [oidc, saml] }
        domains: { type: array, items: { type: string } }
    SsoConnectorProvider:
      type: object
      required: [providerName]
      properties:
        providerName: { type: string }
        providerLogo: { type: string, description: Logo URL. }
`;

/** The base spec with text replaced: each `from` must occur exactly once, so a fixture cannot silently miss. */
export function variant(...edits: [from: string, to: string][]): string {
  let text = BASE;
  for (const [from, to] of edits) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`fixture edit ${JSON.stringify(from)} matches ${count} times`);
    text = text.replace(from, () => to);
  }
  return text;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway workspace: specs/<id>.openapi.yaml, packages/<id>/package.json and .changeset/. */
export function workspace(specs: Record<string, { spec: string; version?: string }>): string {
  const root = mkdtempSync(join(tmpdir(), "sso-release-test-"));
  created.push(root);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("pnpm-workspace.yaml", "packages: [packages/*]\n");
  write(".changeset/README.md", "# Changesets\n");
  write(".changeset/config.json", "{}\n");
  for (const [id, { spec, version }] of Object.entries(specs)) {
    write(`specs/${id}.openapi.yaml`, spec);
    write(`packages/${id}/package.json`, JSON.stringify({ name: `@sso/${id}`, version: version ?? "0.1.0" }));
  }
  return root;
}

/** The base spec as a document. */
export function base(): JsonObject {
  return yaml(BASE);
}

/** The base spec without the node at `path` (object keys). */
export function without(...path: string[]): JsonObject {
  const doc = base();
  let node: JsonObject = doc;
  for (const key of path.slice(0, -1)) node = node[key] as JsonObject;
  delete node[path[path.length - 1] as string];
  return doc;
}

/**
 * Diffs two versions of the base spec's package the way `pnpm spec:gate` does, each read by the generator's
 * loader; an empty document stands for a package that was never released.
 */
export async function diffSpecs(before: JsonObject, after: JsonObject): Promise<Change[]> {
  const read = (document: JsonObject) =>
    specVersion(import.meta.dirname, {
      name: "logto",
      file: "specs/logto.openapi.yaml",
      packageName: "@sso/logto",
      document,
    });
  return diffVersions(Object.keys(before).length === 0 ? undefined : await read(before), await read(after));
}
