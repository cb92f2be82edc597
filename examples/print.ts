import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Prints what each call returned, with secrets (secrets, passwords, tokens, Authorization) redacted and long
 * `data:` URLs (logos) shortened.
 */
export type Print = (label: string, value: unknown) => void;

const SECRET_KEY = /secret|password|^(access|refresh|id|api)_?token$|^authorization$/i;

export function forDisplay(value: unknown): unknown {
  if (typeof value === "string" && value.startsWith("data:") && value.length > 60) {
    return `${value.slice(0, value.indexOf(",") + 1)}... (${value.length} characters)`;
  }
  if (Array.isArray(value)) return value.map(forDisplay);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key) && typeof inner === "string" ? "[redacted]" : forDisplay(inner),
    ]),
  );
}

/** A `Print` that writes `> label` and the value as indented JSON (default: to stdout). */
export function printer(write: (line: string) => void = (line) => console.log(line)): Print {
  return (label, value) => {
    const shown = value === undefined ? "(no content)" : JSON.stringify(forDisplay(value), null, 2);
    write(`> ${label}\n${shown.replace(/^/gm, "  ")}`);
  };
}

/** True when the module at `url` is the program node/tsx was started with (`tsx cloudflare.ts`). */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(resolve(entry)).href === url;
}
