import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type SpecLocation, SpecProblem } from "../errors.ts";

/** A spec's text with its YAML syntax tree, so any JSON pointer can be turned back into line:column. */
export class SpecSource {
  readonly #lines = new LineCounter();
  readonly #doc;

  constructor(
    /** Path shown in messages, relative to the repo root. */
    readonly file: string,
    readonly text: string,
  ) {
    this.#doc = parseDocument(text, { lineCounter: this.#lines, keepSourceTokens: true, uniqueKeys: true });
  }

  /** YAML syntax errors (and duplicate keys), each at its own position. */
  syntaxProblems(): SpecProblem[] {
    return this.#doc.errors.map((error) => {
      // The yaml package appends " at line L, column C:" and a code frame; the location is ours to print.
      const message = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
      return this.problemAtOffset(error.pos[0], message);
    });
  }

  /** The parsed document as plain JSON values. */
  toJSON(): unknown {
    return this.#doc.toJS({ maxAliasCount: -1 });
  }

  /** A problem at a JSON pointer; an unknown pointer falls back to its nearest existing ancestor. */
  problem(pointer: string, message: string): SpecProblem {
    return new SpecProblem(this.locate(pointer), message);
  }

  locate(pointer: string): SpecLocation {
    let node: unknown = this.#doc.contents;
    let offset = 0;
    for (const segment of parsePointer(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return this.#at(offset, pointer);
  }

  problemAtOffset(offset: number, message: string): SpecProblem {
    return new SpecProblem(this.#at(offset, this.pointerAt(offset)), message);
  }

  /** The JSON pointer of the deepest node whose source range contains `offset`. */
  pointerAt(offset: number): string {
    const segments: string[] = [];
    let node: unknown = this.#doc.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && contains(item.key, item.value, offset));
        if (!pair || !isScalar(pair.key)) break;
        segments.push(String(pair.key.value));
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => contains(item, item, offset));
        if (index < 0) break;
        segments.push(String(index));
        node = node.items[index];
      } else {
        break;
      }
    }
    return formatPointer(segments);
  }

  #at(offset: number, pointer: string): SpecLocation {
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.file, line: Math.max(line, 1), column: Math.max(col, 1), pointer };
  }
}

function contains(from: unknown, to: unknown, offset: number): boolean {
  const start = (from as Node | null)?.range?.[0];
  const end = (to as Node | null)?.range?.[2] ?? (from as Node | null)?.range?.[2];
  return start !== undefined && end !== undefined && start <= offset && offset < end;
}

/** `#/paths/~1a~1{id}/get` -> `["paths", "/a/{id}", "get"]`. */
export function parsePointer(pointer: string): string[] {
  const body = pointer.replace(/^#?\/?/, "");
  return body === "" ? [] : body.split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function formatPointer(segments: readonly (string | number)[]): string {
  return `#${segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")}`;
}
