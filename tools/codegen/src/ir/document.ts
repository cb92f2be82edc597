import { compare, isRecord } from "../json.js";
import { formatPointer, parsePointer } from "../load/source.js";

/** A plain JSON object as read from the spec. */
export type Raw = Readonly<Record<string, unknown>>;

export { compare, isRecord };

/** A value of the document and the JSON pointer it was found at. */
export interface Located<T = Raw> {
  readonly value: T;
  readonly pointer: string;
}

/** `pointer` + `/key`, escaping the key. */
export function child(pointer: string, ...keys: readonly (string | number)[]): string {
  return `${pointer}${formatPointer(keys).slice(1)}`;
}

/** Read access to the bundled document for the ir stage: pointers and local `$ref`s. Nothing else reads it. */
export class Document {
  constructor(readonly root: Raw) {}

  at(pointer: string): unknown {
    let node: unknown = this.root;
    for (const segment of parsePointer(pointer)) {
      node = Array.isArray(node) ? node[Number(segment)] : isRecord(node) ? node[segment] : undefined;
    }
    return node;
  }

  /**
   * Follows `$ref` chains to the object they name (path items, parameters, bodies, responses, headers); the
   * result carries the pointer of the target, so problems inside it are reported there.
   */
  resolve(value: unknown, pointer: string): Located | undefined {
    const seen = new Set<string>();
    let current = value;
    let at = pointer;
    while (isRecord(current) && typeof current.$ref === "string") {
      if (seen.has(current.$ref) || !current.$ref.startsWith("#")) return undefined;
      seen.add(current.$ref);
      at = current.$ref;
      current = this.at(at);
    }
    return isRecord(current) ? { value: current, pointer: at } : undefined;
  }
}

/** Reports `x-sdk-*` keys of `value` that are not in `known`: a misspelt extension must not be ignored silently. */
export function checkExtensions(
  value: Raw,
  pointer: string,
  known: readonly string[],
  report: (pointer: string, message: string) => void,
): void {
  for (const key of Object.keys(value)) {
    if (key.startsWith("x-sdk-") && !known.includes(key)) {
      report(child(pointer, key), `unknown extension \`${key}\` here (known: ${known.join(", ") || "none"})`);
    }
  }
}
