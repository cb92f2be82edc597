import { parseYaml } from "@redocly/openapi-core";
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type SpecLocation, SpecProblem } from "../errors.js";

/**
 * A spec's text, and the way back from any JSON pointer to its line:column.
 *
 * The data is read with Redocly's js-yaml (`parseYaml`, the parser Redocly itself uses), which takes a few
 * milliseconds where the `yaml` package takes a few hundred on the Logto spec. The `yaml` package's syntax tree,
 * which keeps source positions, is only built when there is a problem to locate.
 */
export class SpecSource {
  #tree: { doc: Document.Parsed; lines: LineCounter } | undefined;
  #data: unknown;

  constructor(
    /** Path shown in messages, relative to the repo root. */
    readonly file: string,
    readonly text: string,
  ) {}

  /** The document as plain JSON values, or the YAML syntax problems (duplicate keys included) in the way. */
  read(): { data: unknown; problems?: undefined } | { data?: undefined; problems: SpecProblem[] } {
    try {
      this.#data = parseYaml(this.text);
      return { data: this.#data };
    } catch (error) {
      const problems = this.#parsed().doc.errors.map((e) =>
        // The yaml package appends " at line L, column C:" and a code frame; the location is ours to print.
        this.problemAtOffset(e.pos[0], firstLine(e.message).replace(/ at line \d+, column \d+:?$/, "")),
      );
      if (problems.length > 0) return { problems };
      // The two parsers disagree (rare): report js-yaml's own message at its own position.
      const { mark } = error as { mark?: { position?: number } };
      return {
        problems: [
          this.problemAtOffset(
            mark?.position ?? 0,
            firstLine((error as Error).message).replace(/ \(\d+:\d+\)$/, ""),
          ),
        ],
      };
    }
  }

  #parsed(): { doc: Document.Parsed; lines: LineCounter } {
    if (!this.#tree) {
      const lines = new LineCounter();
      this.#tree = {
        doc: parseDocument(this.text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: true }),
        lines,
      };
    }
    return this.#tree;
  }

  /** The parsed value at a JSON pointer (after `read()`), or undefined. */
  valueAt(pointer: string): unknown {
    let node = this.#data ?? (this.read().data as unknown);
    for (const segment of parsePointer(pointer)) {
      node = Array.isArray(node)
        ? node[Number(segment)]
        : typeof node === "object" && node !== null
          ? (node as Record<string, unknown>)[segment]
          : undefined;
    }
    return node;
  }

  /** A problem at a JSON pointer; an unknown pointer falls back to its nearest existing ancestor. */
  problem(pointer: string, message: string): SpecProblem {
    return new SpecProblem(this.locate(pointer), message);
  }

  locate(pointer: string): SpecLocation {
    let node: unknown = this.#parsed().doc.contents;
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
    let node: unknown = this.#parsed().doc.contents;
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
    const { line, col } = this.#parsed().lines.linePos(offset);
    return { file: this.file, line: Math.max(line, 1), column: Math.max(col, 1), pointer };
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
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
