import type { Severity } from "../diff/types.ts";
import { type Declaration, isOptionalMember, parseReport } from "./report.ts";

/** One difference between two API reports of the same entry point. */
export interface ApiChange {
  severity: Extract<Severity, "breaking" | "additive">;
  /** Plain words with code spans, as the spec diff writes them. */
  message: string;
}

/**
 * The spec types openapi-typescript emits (`paths`, `components`, `operations`, ...) are compared by the spec
 * diff, which knows whether a field is sent or received; the API diff leaves them to it.
 */
const SPEC_DECLARATIONS: ReadonlySet<string> = new Set([
  "paths",
  "components",
  "operations",
  "webhooks",
  "$defs",
]);

/**
 * Compares the released report of an entry point with the current one. The report does not say whether users
 * pass a type in or get it back, so the rules are the ones that hold either way:
 * - an export or a member removed: breaking;
 * - a declaration's kind, heritage or text changed (a type alias, a function signature, a member): breaking,
 *   since it may narrow what compiled before (if it only widens, the bump it asks for is still enough);
 * - a required member added to an interface: breaking (code that builds such an object stops compiling);
 * - an export added, an optional member added, a member added to a class or an enum: additive.
 */
export function diffReports(before: string, after: string): ApiChange[] {
  const old = parseReport(before);
  const now = parseReport(after);
  const changes: ApiChange[] = [];
  const breaking = (message: string) => changes.push({ severity: "breaking", message });
  const additive = (message: string) => changes.push({ severity: "additive", message });
  for (const [name, declaration] of old) {
    if (SPEC_DECLARATIONS.has(name)) continue;
    const current = now.get(name);
    if (!current) {
      breaking(`${declaration.kind} \`${name}\` removed`);
      continue;
    }
    if (current.kind !== declaration.kind || current.header !== declaration.header) {
      breaking(`\`${name}\` changed from \`${declaration.header}\` to \`${current.header}\``);
      continue;
    }
    if (declaration.members.size === 0 && current.members.size === 0) {
      if (current.text !== declaration.text) breaking(`${declaration.kind} \`${name}\` changed`);
      continue;
    }
    compareMembers(declaration, current, breaking, additive);
  }
  for (const [name, declaration] of now) {
    if (!old.has(name) && !SPEC_DECLARATIONS.has(name)) additive(`${declaration.kind} \`${name}\` added`);
  }
  return changes;
}

function compareMembers(
  before: Declaration,
  after: Declaration,
  breaking: (message: string) => void,
  additive: (message: string) => void,
): void {
  const owner = before.name;
  for (const [member, text] of before.members) {
    const current = after.members.get(member);
    if (current === undefined) breaking(`\`${owner}.${member}\` removed`);
    else if (current !== text) breaking(`\`${owner}.${member}\` changed`);
  }
  for (const [member, text] of after.members) {
    if (before.members.has(member)) continue;
    if (after.kind === "interface" && !isOptionalMember(text)) {
      breaking(`required \`${owner}.${member}\` added to interface \`${owner}\``);
    } else {
      additive(`\`${owner}.${member}\` added`);
    }
  }
}
