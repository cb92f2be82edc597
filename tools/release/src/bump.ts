import type { Severity } from "./diff/types.ts";

/** A changeset bump type. */
export type Bump = "major" | "minor" | "patch";

const ORDER: readonly Bump[] = ["patch", "minor", "major"];

export function bumpRank(bump: Bump | "none"): number {
  return bump === "none" ? -1 : ORDER.indexOf(bump);
}

export function isZeroMajor(version: string): boolean {
  return /^0\./.test(version);
}

/**
 * The changeset bump a severity needs at the package's current version.
 * From 1.0.0 on it is plain semver: breaking -> major, widening and additive -> minor, patch -> patch.
 * While the version is 0.x, npm's caret treats the minor as the breaking digit (`^0.2.0` never takes 0.3.0),
 * so every step moves down one: breaking and widening -> minor, additive and patch -> patch. A `major`
 * changeset on a 0.x package would release 1.0.0, which is a decision for people, not for a diff.
 */
export function bumpFor(severity: Severity, version: string): Bump {
  if (isZeroMajor(version)) return severity === "breaking" || severity === "widening" ? "minor" : "patch";
  if (severity === "breaking") return "major";
  return severity === "patch" ? "patch" : "minor";
}

/** One sentence for the gate and the changeset tool: why this bump. */
export function bumpReason(severity: Severity, version: string): string {
  const what = {
    breaking: "breaking changes",
    widening: "responses that may now hold values the released types did not allow",
    additive: "additions",
    patch: "documentation-only changes",
  }[severity];
  const bump = bumpFor(severity, version);
  const zero = isZeroMajor(version)
    ? " (while 0.x: breaking -> minor, additive -> patch; see tools/release/README.md)"
    : "";
  return `${what} need a ${bump} bump${zero}`;
}
