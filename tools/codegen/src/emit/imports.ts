import { posix } from "node:path";
import { type ImportDeclarationStructure, StructureKind } from "ts-morph";
import { compare } from "../json.js";

/**
 * The import list of one generated file. Emitters say which symbol they use and where it is declared (a
 * package name, or a path under `src/generated/`); the specifiers are worked out once, when printing.
 */
export class Imports {
  readonly #modules = new Map<string, Map<string, boolean>>();

  /** @param file the importing file, relative to `src/generated/` */
  constructor(readonly file: string) {}

  /** Imports a value; with `alias`, under that local name (`import { ensure as ensureWorkflow }`). */
  value(module: string, name: string, alias?: string): string {
    this.#add(module, alias ? `${name} as ${alias}` : name, false);
    return alias ?? name;
  }

  type(module: string, name: string): string {
    this.#add(module, name, true);
    return name;
  }

  #add(module: string, name: string, typeOnly: boolean): void {
    if (module === this.file) return;
    const names = this.#modules.get(module) ?? new Map<string, boolean>();
    names.set(name, (names.get(name) ?? true) && typeOnly);
    this.#modules.set(module, names);
  }

  /** Packages first, then relative paths; names sorted; a module only used for types is `import type`. */
  structures(): ImportDeclarationStructure[] {
    return [...this.#modules.entries()]
      .map(([module, names]) => ({ specifier: this.#specifier(module), names }))
      .sort(
        (a, b) =>
          Number(a.specifier.startsWith(".")) - Number(b.specifier.startsWith(".")) ||
          compare(a.specifier, b.specifier),
      )
      .map(({ specifier, names }) => {
        const sorted = [...names.entries()].sort(([a], [b]) => compare(a, b));
        const allTypes = sorted.every(([, typeOnly]) => typeOnly);
        return {
          kind: StructureKind.ImportDeclaration as const,
          moduleSpecifier: specifier,
          isTypeOnly: allTypes,
          namedImports: sorted.map(([entry, typeOnly]) => {
            const [name = entry, alias] = entry.split(" as ");
            return { name, ...(alias ? { alias } : {}), isTypeOnly: typeOnly && !allTypes };
          }),
        };
      });
  }

  #specifier(module: string): string {
    if (!module.endsWith(".ts")) return module;
    const relative = posix.relative(posix.dirname(this.file), module).replace(/\.ts$/, ".js");
    return relative.startsWith(".") ? relative : `./${relative}`;
  }
}
