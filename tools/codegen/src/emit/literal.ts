import { propertyKey } from "../ir/names.js";

/** Code to place as is inside a printed literal (a call to a runtime factory, say). */
export class Code {
  constructor(readonly text: string) {}
}

/** A value as a TypeScript expression on one line: bare keys where possible, `undefined` members left out. */
export function literal(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([key, v]) => `${propertyKey(key)}: ${literal(v)}`).join(", ")} }`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}
