/** Tool arguments checked against the tool's input schema before any request, so a typo never reaches the API. */

import { REDACTED } from "@sso/core/internal";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ToolDefinition } from "./tool-definition.js";

// ajv-formats is CommonJS with a default export; under NodeNext the callable is its `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Compiles each tool's schema on its first call, not at start-up: most sessions call a few tools. */
export class ArgumentValidator {
  readonly #ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  readonly #compiled = new Map<string, ValidateFunction>();

  /** Why the arguments are refused, or undefined when they are fine. */
  problems(tool: ToolDefinition, args: unknown): string | undefined {
    let validate = this.#compiled.get(tool.name);
    if (!validate) {
      validate = this.#ajv.compile(tool.inputSchema);
      this.#compiled.set(tool.name, validate);
    }
    if (!validate(args)) return this.#ajv.errorsText(validate.errors, { dataVar: "arguments" });
    const echoed = redactedPath(args, "arguments");
    return echoed
      ? `${echoed} is "${REDACTED}", a value this server masked in a result: pass the real value or leave the field out`
      : undefined;
  }
}

/** Where a masked value sent back as an argument sits, so it never overwrites a real secret. */
function redactedPath(value: unknown, path: string): string | undefined {
  if (value === REDACTED) return path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = redactedPath(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = redactedPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
