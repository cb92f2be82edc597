/** Where a problem sits: the spec file, its 1-based line and column, and the JSON pointer inside it. */
export interface SpecLocation {
  file: string;
  line: number;
  column: number;
  pointer: string;
}

/** One problem with a spec, reported as `file:line:column: message (pointer)`. */
export class SpecProblem {
  constructor(
    readonly location: SpecLocation,
    readonly message: string,
  ) {}

  toString(): string {
    const { file, line, column, pointer } = this.location;
    return `${file}:${line}:${column}: ${this.message} (${pointer})`;
  }
}

/** Thrown by the load and ir stages; nothing has been written when it escapes. */
export class SpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(problems.map(String).join("\n"));
    this.name = "SpecError";
  }
}
