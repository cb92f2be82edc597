import type { BodyModel, Direction, HeaderModel, ResponseModel, Schema } from "@sso/codegen";
import type { DiffContext } from "./context.ts";
import { diffSchema } from "./schema.ts";
import { type Change, collector } from "./types.ts";
import { name } from "./words.ts";

/** What a body may be sent as: its media types, and the schema of the one the SDK reads or writes. */
interface Media {
  types: readonly string[];
  primary?: string;
  schema?: Schema;
}

export function requestBody(ctx: DiffContext, o: BodyModel | undefined, n: BodyModel | undefined): Change[] {
  const { changes, add } = collector();
  if (o === undefined && n === undefined) return changes;
  if (o === undefined) {
    if (n?.required) add("breaking", "request-body-added", "request body added and required");
    else add("additive", "request-body-added", "optional request body added");
    return changes;
  }
  if (n === undefined) {
    add("breaking", "request-body-removed", "request body removed");
    return changes;
  }
  if (o.required !== n.required) {
    if (n.required) add("breaking", "request-body-required", "request body is now required");
    else add("additive", "request-body-optional", "request body is now optional");
  }
  if (o.description !== n.description)
    add("patch", "documentation-changed", "description of request body updated");
  const media = (body: BodyModel): Media => ({
    types: [body.mediaType],
    primary: body.mediaType,
    schema: body.schema,
  });
  changes.push(...content(ctx, media(o), media(n), "request", "request body", true));
  return changes;
}

function content(
  ctx: DiffContext,
  o: Media,
  n: Media,
  dir: Direction,
  root: string,
  success: boolean,
): Change[] {
  const { changes, add } = collector();
  for (const type of o.types) {
    if (n.types.includes(type)) continue;
    if (dir === "request") add("breaking", "media-type-removed", `${root} no longer accepts ${name(type)}`);
    else if (success) add("breaking", "media-type-removed", `${root} is no longer sent as ${name(type)}`);
    else add("patch", "media-type-removed", `${root} is no longer documented as ${name(type)}`);
  }
  for (const type of n.types) {
    if (o.types.includes(type)) continue;
    if (dir === "request") add("additive", "media-type-added", `${root} now also accepts ${name(type)}`);
    else if (success) add("widening", "media-type-added", `${root} may now be sent as ${name(type)}`);
    else add("additive", "media-type-added", `${root} is now documented as ${name(type)}`);
  }
  if (o.primary !== undefined && o.primary === n.primary) {
    changes.push(...diffSchema(ctx, o.schema, n.schema, { dir, root, anchored: false }));
  }
  return changes;
}

function isSuccess(status: string): boolean {
  return /^2/.test(status);
}

export function responses(
  ctx: DiffContext,
  o: readonly ResponseModel[],
  n: readonly ResponseModel[],
): Change[] {
  const before = new Map(o.map((r) => [r.status, r]));
  const after = new Map(n.map((r) => [r.status, r]));
  const { changes, add } = collector();
  for (const status of before.keys()) {
    if (after.has(status)) continue;
    if (isSuccess(status))
      add("breaking", "success-status-removed", `no longer answers with status ${name(status)}`);
    else add("patch", "error-status-removed", `no longer documents a ${name(status)} error`);
  }
  for (const [status, now] of after) {
    const success = isSuccess(status);
    const old = before.get(status);
    if (!old) {
      if (success) add("widening", "success-status-added", `may now answer with status ${name(status)}`);
      else add("additive", "error-status-added", `now documents a ${name(status)} error`);
      continue;
    }
    const root = success ? "response body" : `${name(status)} error body`;
    if (old.description !== now.description) {
      add("patch", "documentation-changed", `description of the ${name(status)} response updated`);
    }
    changes.push(...headers(ctx, old.headers, now.headers, success));
    changes.push(...content(ctx, media(old), media(now), "response", root, success));
  }
  return changes;
}

function media(response: ResponseModel): Media {
  if (response.mediaType === undefined) return { types: [] };
  return {
    types: [response.mediaType, ...(response.otherMediaTypes ?? [])],
    primary: response.mediaType,
    ...(response.schema ? { schema: response.schema } : {}),
  };
}

function headers(
  ctx: DiffContext,
  o: readonly HeaderModel[],
  n: readonly HeaderModel[],
  success: boolean,
): Change[] {
  const index = (list: readonly HeaderModel[]) => new Map(list.map((h) => [h.name.toLowerCase(), h]));
  const before = index(o);
  const after = index(n);
  const { changes, add } = collector();
  for (const [key, h] of before) {
    if (after.has(key)) continue;
    if (success) add("breaking", "response-header-removed", `response header ${name(h.name)} removed`);
    else
      add("patch", "response-header-removed", `error response header ${name(h.name)} no longer documented`);
  }
  for (const [key, h] of after) {
    const old = before.get(key);
    const root = `response header ${name(h.name)}`;
    if (!old) {
      add("additive", "response-header-added", `${root} added`);
      continue;
    }
    if (old.description !== h.description)
      add("patch", "documentation-changed", `description of ${root} updated`);
    if (success && old.required && !h.required)
      add("breaking", "response-header-optional", `${root} may now be absent`);
    changes.push(...diffSchema(ctx, old.schema, h.schema, { dir: "response", root, anchored: false }));
  }
  return changes;
}
