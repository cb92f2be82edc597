/** `"pending"` -> `` `"pending"` ``: a JSON value as a markdown code span. */
export function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

/** A name as a markdown code span. */
export function name(text: string): string {
  return `\`${text}\``;
}

/** `["a", "b", "c"]` -> `` `"a"`, `"b"` and `"c"` ``. */
export function values(list: readonly unknown[]): string {
  return joinWords(list.map((value) => code(value)));
}

export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** `1 item` / `2 items`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A JSON Schema type name in prose: `integer` -> "an integer", `null` -> "null". */
export function typeWord(type: string): string {
  if (type === "null") return "null";
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}
