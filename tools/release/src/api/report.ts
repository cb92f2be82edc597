/**
 * Reads an API Extractor report (`etc/<p>.api.md`) into its exported declarations and their members, so two
 * reports can be compared by name rather than by line. Comment lines (`// @public`, `// (undocumented)`,
 * warnings) are dropped: they say nothing about what compiles.
 */

/** One exported declaration: `class Foo`, `interface Bar`, `type Baz`, a function (all overloads), a re-export. */
export interface Declaration {
  /** `class`, `interface`, `type`, `function`, `const`, `enum`, `namespace` or `re-export`. */
  kind: string;
  name: string;
  /** The declaration's first line, normalised: kind, name, type parameters and heritage. */
  header: string;
  /** The whole declaration without comments (all overloads for a function). */
  text: string;
  /** Members by name (classes, interfaces, enums, namespaces); each member's text, overloads joined. */
  members: Map<string, string>;
}

const DECLARATION =
  /^export (?:declare )?(?:abstract )?(class|interface|type|function|const|let|enum|namespace) ([\w$]+)/;
const RE_EXPORT = /^export \{ ([\w$]+)(?: as ([\w$]+))? \}/;
const IMPORT = /^import \{ ([\w$]+)(?: as ([\w$]+))? \} from '([^']+)';/;

/** The declarations of a report, by name. */
export function parseReport(report: string): Map<string, Declaration> {
  const markdown = report.replace(/\r\n?/g, "\n");
  const start = markdown.indexOf("```ts");
  const end = markdown.lastIndexOf("```");
  const body = start >= 0 && end > start ? markdown.slice(start + 5, end) : markdown;
  const lines = body.split("\n").filter((line) => !/^\s*\/\//.test(line));
  const imports = new Map<string, string>();
  const out = new Map<string, Declaration>();
  for (const block of blocks(lines)) {
    const first = block[0] ?? "";
    const imported = IMPORT.exec(first);
    if (imported?.[1] && imported[3]) {
      imports.set(imported[2] ?? imported[1], `${imported[1]} from '${imported[3]}'`);
      for (const line of block.slice(1)) {
        const more = IMPORT.exec(line);
        if (more?.[1] && more[3]) imports.set(more[2] ?? more[1], `${more[1]} from '${more[3]}'`);
      }
      continue;
    }
    const reexport = RE_EXPORT.exec(first);
    if (reexport?.[1]) {
      const name = reexport[2] ?? reexport[1];
      const source = imports.get(reexport[1]) ?? reexport[1];
      const text = `export { ${source} } as ${name}`;
      out.set(name, { kind: "re-export", name, header: text, text, members: new Map() });
      continue;
    }
    const match = DECLARATION.exec(first);
    if (!match?.[1] || !match[2]) continue;
    const [, kind, name] = match;
    const text = block.join("\n");
    const previous = out.get(name);
    if (previous && kind === "function") {
      previous.text += `\n${text}`;
      continue;
    }
    const hasMembers = kind === "class" || kind === "interface" || kind === "enum" || kind === "namespace";
    out.set(name, {
      kind,
      name,
      // A class or interface's first line is its heritage; a type, function or constant is judged by its text.
      header: hasMembers ? first.replace(/\s*\{\s*\}?;?$/, "").trim() : `export ${kind} ${name}`,
      text,
      members: hasMembers ? members(block.slice(1)) : new Map(),
    });
  }
  return out;
}

/** Top-level declarations are separated by blank lines; a block is the lines between two of them. */
function blocks(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length > 0) out.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Members are the lines indented one level (4 spaces) inside the declaration's braces; deeper lines continue
 * the member above them. Overloads of a method share its name and are joined.
 */
function members(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  for (const line of lines) {
    if (/^ {4}\S/.test(line) && !/^ {4}[}\])]/.test(line)) {
      name = memberName(line.trim());
      out.set(name, out.has(name) ? `${out.get(name)}\n${line.trim()}` : line.trim());
    } else if (name !== undefined && line.startsWith("    ")) {
      out.set(name, `${out.get(name)}\n${line.trim()}`);
    }
  }
  return out;
}

/** `readonly status: number` -> `status`; `get [Symbol.toStringTag](): string` -> `get [Symbol.toStringTag]`. */
export function memberName(line: string): string {
  let rest = line;
  const modifiers: string[] = [];
  for (;;) {
    const m =
      /^(readonly|static|protected|public|abstract|declare|get|set|async|export|function|const|let|class|interface|type|enum|namespace)\s+(?=[\w$[["'])/.exec(
        rest,
      );
    if (!m?.[1]) break;
    // `get`/`set` name an accessor, distinct from a property of the same name; other modifiers do not.
    if (m[1] === "get" || m[1] === "set" || m[1] === "static") modifiers.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  const key = /^(\[[^\]]+\]|"[^"]*"|'[^']*'|[\w$]+)/.exec(rest)?.[1] ?? rest;
  return [...modifiers, key].join(" ");
}

/** True when a member line declares an optional property or method (`name?:` / `name?(`). */
export function isOptionalMember(text: string): boolean {
  const first = text.split("\n")[0] ?? "";
  return /^(?:(?:readonly|static|protected|public|abstract|declare)\s+)*(?:\[[^\]]+\]|"[^"]*"|'[^']*'|[\w$]+)\?[:(<]/.test(
    first,
  );
}
