import type { ApiModel, SecuritySchemeModel } from "@sso/codegen";
import { same } from "./canonical.ts";
import { type Change, collector } from "./types.ts";
import { code, name } from "./words.ts";

/** The client as a whole: its class, package, envelope, base URL and the API's information. */
export function diffClient(o: ApiModel, n: ApiModel): Change[] {
  const { changes, add } = collector();
  const [oc, nc] = [o.client, n.client];
  if (oc.className !== nc.className) {
    add("breaking", "client-renamed", `client class ${code(oc.className)} renamed to ${code(nc.className)}`);
  }
  if (oc.packageName !== nc.packageName) {
    add("breaking", "package-renamed", `package ${code(oc.packageName)} renamed to ${code(nc.packageName)}`);
  }
  if (oc.envelope !== nc.envelope) {
    const [was, now] = [code(oc.envelope ?? null), code(nc.envelope ?? null)];
    add("breaking", "envelope-changed", `response envelope changed from ${was} to ${now}`);
  }
  if (oc.defaultBaseURL !== nc.defaultBaseURL) {
    const [was, now] = [code(oc.defaultBaseURL), code(nc.defaultBaseURL)];
    add("additive", "default-server-changed", `default base URL changed from ${was} to ${now}`);
  }
  if (oc.title !== nc.title || oc.apiVersion !== nc.apiVersion || oc.description !== nc.description) {
    add("patch", "info-changed", "spec information (title, version, description) updated");
  }
  return changes;
}

/** The exported types: one per component schema. */
export function diffTypes(o: ApiModel, n: ApiModel): Change[] {
  const changes: Change[] = [];
  const before = new Map(o.schemas.map((s) => [s.component, s]));
  const after = new Map(n.schemas.map((s) => [s.component, s]));
  for (const component of before.keys()) {
    if (after.has(component)) continue;
    changes.push({
      severity: "breaking",
      rule: "type-removed",
      message: `exported type ${name(component)} removed`,
    });
  }
  for (const [component, schema] of after) {
    const old = before.get(component);
    if (!old) {
      changes.push({
        severity: "additive",
        rule: "type-added",
        message: `exported type ${name(component)} added`,
      });
    } else if (old.name !== schema.name) {
      // The exported alias is the type users import: a new name breaks their imports.
      const message = `exported type ${name(old.name)} renamed to ${name(schema.name)} (${name("x-sdk-name")})`;
      changes.push({ severity: "breaking", rule: "type-renamed", message });
    }
  }
  return changes;
}

/**
 * The schemes the operations use (the model knows no others). One that appears or goes away shows in the
 * operations' authentication; here only a scheme that changed under the same name is reported.
 */
export function diffSchemes(o: ApiModel, n: ApiModel): Change[] {
  const shape = (scheme: SecuritySchemeModel) => ({ ...scheme, scopes: undefined });
  return n.client.securitySchemes.flatMap((scheme): Change[] => {
    const old = o.client.securitySchemes.find((s) => s.name === scheme.name);
    if (!old || same(shape(old), shape(scheme))) return [];
    const message = `authentication scheme ${name(scheme.name)} changed`;
    return [{ severity: "breaking", rule: "auth-scheme-changed", message }];
  });
}

/** The hand-written methods the spec declares (`x-sdk-workflows`), by `<resource>.<method>`. */
export function diffWorkflows(o: ApiModel, n: ApiModel): Change[] {
  const { changes, add } = collector();
  const before = workflowsOf(o);
  const after = workflowsOf(n);
  for (const [key, summary] of before) {
    const now = after.get(key);
    if (now === undefined) add("breaking", "workflow-removed", `workflow ${name(`${key}()`)} removed`);
    else if (now !== summary)
      add("patch", "workflow-described", `summary of workflow ${name(`${key}()`)} updated`);
  }
  for (const key of after.keys()) {
    if (!before.has(key)) add("additive", "workflow-added", `workflow ${name(`${key}()`)} added`);
  }
  return changes;
}

function workflowsOf(model: ApiModel): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (resources: ApiModel["resources"]): void => {
    for (const resource of resources) {
      for (const workflow of resource.workflows)
        out.set(`${resource.key}.${workflow.name}`, workflow.summary);
      visit(resource.children);
    }
  };
  visit(model.resources);
  return out;
}
