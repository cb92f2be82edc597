import { SpecError } from "../errors.js";
import type { SpecSource } from "../load/source.js";

/**
 * Collects every problem of one spec, once each, so a spec is refused with all its problems in one run. A
 * problem inside a shared component (`#/components/...`) found while reading operations names every operation
 * that uses it.
 */
export class Problems {
  readonly #found = new Map<string, { pointer: string; message: string; usedBy: Set<string> }>();
  /** The operation being read (`POST /things`), or undefined outside operations. */
  operation: string | undefined;

  constructor(readonly source: SpecSource) {}

  /**
   * Records a problem at a JSON pointer; the same message at the same place is reported once. Returns
   * undefined, so a reader can `return problems.add(...)` where it gives up on a value.
   */
  add(pointer: string, message: string): undefined {
    const key = `${pointer}\0${message}`;
    const found = this.#found.get(key) ?? { pointer, message, usedBy: new Set<string>() };
    if (this.operation && pointer.startsWith("#/components/")) found.usedBy.add(this.operation);
    this.#found.set(key, found);
    return undefined;
  }

  get count(): number {
    return this.#found.size;
  }

  /** Throws every problem, in source order, when there is any. */
  throwIfAny(): void {
    if (this.#found.size === 0) return;
    const problems = [...this.#found.values()].map(({ pointer, message, usedBy }) =>
      this.source.problem(
        pointer,
        usedBy.size > 0 ? `${message} (used by ${users([...usedBy].sort())})` : message,
      ),
    );
    throw new SpecError(
      problems.sort(
        (a, b) =>
          a.location.line - b.location.line ||
          a.location.column - b.location.column ||
          (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
      ),
    );
  }
}

/** `GET /a, POST /b` or, for many, the first five and how many more. */
function users(list: readonly string[]): string {
  return list.length <= 5 ? list.join(", ") : `${list.slice(0, 5).join(", ")} and ${list.length - 5} more`;
}
