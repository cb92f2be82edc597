import type { ApiModel, Components, Direction, Schema } from "@sso/codegen";
import type { Change } from "./types.ts";
import { name } from "./words.ts";

/** One version of the spec as the diff reads it: its model, and its component schemas by name. */
export interface Side {
  model: ApiModel;
  components: Components;
}

/** Both versions, and the memory that keeps recursive schemas finite and shared components reported once. */
export interface DiffContext {
  before: Side;
  after: Side;
  /** Results per compared pair of object components (`request|A|B`), reused by every operation. */
  cache: Map<string, Change[]>;
  /** Pairs of components being compared right now: meeting one again means a recursive schema. */
  stack: Set<string>;
}

/** A package that was never released is diffed against a model with nothing in it: everything is added. */
export const EMPTY_MODEL: ApiModel = {
  name: "",
  specFile: "",
  client: {
    className: "",
    packageName: "",
    title: "",
    apiVersion: "",
    defaultBaseURL: "",
    securitySchemes: [],
  },
  resources: [],
  schemas: [],
};

function side(model: ApiModel): Side {
  const schemas = new Map<string, Schema>(model.schemas.map((s) => [s.component, s.schema]));
  return { model, components: (component) => schemas.get(component) ?? { kind: "unknown" } };
}

export function diffContext(before: ApiModel, after: ApiModel): DiffContext {
  return { before: side(before), after: side(after), cache: new Map(), stack: new Set() };
}

/**
 * Where a schema sits, for the wording of messages.
 * `root` names the thing the schema belongs to ("`page_size` query parameter", "request body");
 * `path` is the dotted field path inside it; once a reference to an object component is followed the path
 * restarts at the component's name (`SSOConnector.verification`), and the change is `anchored`.
 */
export interface Place {
  dir: Direction;
  root: string;
  path?: string;
  anchored: boolean;
}

/** How a place reads in a sentence. */
export function label(place: Place): string {
  if (place.path === undefined || place.path === "") return place.root;
  if (place.anchored && !/[.[( ]/.test(place.path)) return `${place.dir} type ${name(place.path)}`;
  if (place.anchored || place.root === "request body" || place.root === "response body") {
    return `${place.dir} field ${name(place.path)}`;
  }
  return `field ${name(place.path)} of ${place.root}`;
}

export function child(place: Place, segment: string): Place {
  return { ...place, path: place.path ? `${place.path}.${segment}` : segment };
}
