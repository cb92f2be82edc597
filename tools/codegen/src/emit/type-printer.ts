/**
 * Prints an ir `Schema` as a TypeScript type, for the types the generator names itself (params, results, page
 * items). Component schemas print as their public alias; readOnly properties are left out of request types and
 * writeOnly ones out of response types. Precedence is explicit, so `(A | B) & C` keeps its parentheses.
 */
import { propertyKey } from "../ir/names.js";
import type { Direction, JsonValue, NamedSchema, Property, Schema } from "../ir/schema.js";
import { docText } from "./text.js";

/** How tightly a printed type binds: a union member, an intersection part, an array element, or anything. */
enum Level {
  Union = 0,
  Intersection = 1,
  Operand = 2,
}

interface Printed {
  readonly text: string;
  readonly level: Level;
}

/** Public aliases by component name, and which of them look different by direction. */
export class TypePrinter {
  readonly #aliases: ReadonlyMap<string, NamedSchema>;
  readonly #used = new Set<string>();

  constructor(schemas: readonly NamedSchema[]) {
    this.#aliases = new Map(schemas.map((s) => [s.component, s]));
  }

  /** The aliases (and `components`/`Writable`) the last printed types referred to; clears the list. */
  takeReferences(): string[] {
    const refs = [...this.#used].sort();
    this.#used.clear();
    return refs;
  }

  print(schema: Schema, direction: Direction): string {
    return this.#print(schema, direction).text;
  }

  #print(schema: Schema, direction: Direction): Printed {
    const printed = this.#core(schema, direction);
    if (!schema.nullable || schema.kind === "null" || schema.kind === "unknown") return printed;
    return { text: `${wrap(printed, Level.Intersection)} | null`, level: Level.Union };
  }

  #core(schema: Schema, direction: Direction): Printed {
    switch (schema.kind) {
      case "ref":
        return this.#ref(schema.target, direction);
      case "string":
        return operand("string");
      case "number":
      case "integer":
        return operand("number");
      case "boolean":
        return operand("boolean");
      case "null":
        return operand("null");
      case "unknown":
        return operand("unknown");
      case "never":
        return operand("never");
      case "enum":
        return union(schema.values.map((value) => operand(literal(value))));
      case "array":
        return this.#array(schema.items, schema.prefixItems, direction);
      case "object": {
        // `maxProperties: 0` allows no key: the same as no additional properties.
        const additional = schema.maxProperties === 0 ? false : schema.additionalProperties;
        return operand(this.#object(schema.properties, schema.requiredOnly ?? [], additional, direction));
      }
      case "union":
        return union(schema.variants.map((variant) => this.#print(variant, direction)));
      case "allOf": {
        const parts = schema.parts.map((part) => this.#print(part, direction));
        if (parts.length === 1) return parts[0] as Printed;
        return { text: parts.map((p) => wrap(p, Level.Intersection)).join(" & "), level: Level.Intersection };
      }
    }
  }

  #ref(component: string, direction: Direction): Printed {
    const alias = this.#aliases.get(component);
    if (!alias) return operand("unknown");
    // A component that is just a primitive (an identifier, say) reads better as that primitive in signatures.
    const primitive = plainPrimitive(alias.schema);
    if (primitive) return operand(primitive);
    if (alias.directional && direction === "request") {
      this.#used.add("Writable");
      this.#used.add("components");
      return operand(`Writable<components["schemas"][${JSON.stringify(component)}]>`);
    }
    this.#used.add(alias.name);
    return operand(alias.name);
  }

  #array(items: Schema | false, prefix: readonly Schema[] | undefined, direction: Direction): Printed {
    if (!prefix) {
      if (items === false) return operand("[]");
      return operand(`${wrap(this.#print(items, direction), Level.Operand)}[]`);
    }
    const members = prefix.map((item) => this.#print(item, direction).text);
    if (items !== false) members.push(`...${wrap(this.#print(items, direction), Level.Operand)}[]`);
    return operand(`[${members.join(", ")}]`);
  }

  #object(
    properties: readonly Property[],
    requiredOnly: readonly string[],
    additional: Schema | boolean,
    direction: Direction,
  ): string {
    const visible = properties.filter((p) => !hidden(p.schema, direction));
    const members = visible.map((p) => this.member(p.name, p.required, p.schema, direction));
    for (const name of requiredOnly) members.push(`${propertyKey(name)}: unknown;`);
    if (typeof additional === "object") {
      // An index signature must admit every declared property's type too.
      const types = [
        this.#print(additional, direction),
        ...visible.map((p) => this.#print(p.schema, direction)),
        ...(visible.some((p) => !p.required) ? [operand("undefined")] : []),
      ];
      members.push(`[key: string]: ${union(dedupe(types)).text};`);
    }
    // No declared member: a free-form object (`{ type: object }`) takes any key; a closed one takes none.
    if (members.length === 0)
      return additional === false ? "Record<string, never>" : "{ [key: string]: unknown }";
    return `{\n${members.join("\n")}\n}`;
  }

  /** One member of an object type, with its description and deprecation (the schema's, unless given) as JSDoc. */
  member(
    name: string,
    required: boolean,
    schema: Schema,
    direction: Direction,
    doc: { description?: string | undefined; deprecated?: boolean } = schema,
  ): string {
    const comment = jsDoc(doc.description, doc.deprecated === true);
    return `${comment}${propertyKey(name)}${required ? "" : "?"}: ${this.print(schema, direction)};`;
  }
}

/** `string` for a component that is only `type: string` (no enum, no null, no composition); else undefined. */
function plainPrimitive(schema: Schema): string | undefined {
  if (schema.nullable || schema.readOnly || schema.writeOnly) return undefined;
  switch (schema.kind) {
    case "string":
    case "boolean":
      return schema.kind;
    case "number":
    case "integer":
      return "number";
    default:
      return undefined;
  }
}

/** True when a property does not travel in this direction. */
function hidden(schema: Schema, direction: Direction): boolean {
  return direction === "request" ? schema.readOnly === true : schema.writeOnly === true;
}

/** `/** text *\/` for a member, or nothing. */
function jsDoc(description: string | undefined, deprecated: boolean): string {
  const lines = [
    ...(description ? docText(description).split("\n") : []),
    ...(deprecated ? ["@deprecated"] : []),
  ];
  if (lines.length === 0) return "";
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((l) => ` * ${l}`.trimEnd()).join("\n")}\n */\n`;
}

function operand(text: string): Printed {
  return { text, level: Level.Operand };
}

function union(parts: readonly Printed[]): Printed {
  if (parts.length === 0) return operand("never");
  if (parts.length === 1) return parts[0] as Printed;
  const texts = [...new Set(parts.map((p) => wrap(p, Level.Intersection)))];
  return texts.length === 1 ? operand(texts[0] as string) : { text: texts.join(" | "), level: Level.Union };
}

function dedupe(parts: readonly Printed[]): Printed[] {
  return [...new Map(parts.map((p) => [p.text, p])).values()];
}

/** Parenthesises a type that binds more loosely than its position needs. */
function wrap(printed: Printed, needed: Level): string {
  return printed.level < needed ? `(${printed.text})` : printed.text;
}

/** A JSON value as a TypeScript literal type. */
function literal(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `readonly [${value.map(literal).join(", ")}]`;
  const entries = Object.entries(value).map(([key, v]) => `${propertyKey(key)}: ${literal(v)}`);
  return `{ ${entries.join("; ")} }`;
}
