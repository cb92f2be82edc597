/**
 * The synthetic spec of the generator's scale benchmark (issue: "800 operations generate in under 5 s cold and
 * the output passes tsc"). A deterministic OpenAPI 3.1 document shaped like a large real API: about a hundred
 * resources under twelve product areas, each with CRUD operations, actions and a `notes` sub-resource; page-number
 * and cursor pagination, path, query (arrays with explicit style/explode) and header parameters; component
 * schemas with `$ref`s, enums, nested objects, `allOf`, `oneOf` with a discriminator, nullable and readOnly
 * fields; one error schema on every 4xx response; bearer security. Most operations are named by the generator's
 * naming rule (docs/spec-extensions.md); one resource in four and every batch operation use `x-sdk-*` instead.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Product areas and their resources (singular); each pair is one resource of the client. */
const AREAS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "billing",
    [
      "invoice",
      "payment",
      "refund",
      "coupon",
      "subscription",
      "plan",
      "price",
      "credit",
      "dispute",
      "payout",
    ],
  ],
  [
    "catalog",
    [
      "product",
      "variant",
      "category",
      "brand",
      "collection",
      "bundle",
      "listing",
      "review",
      "attribute",
      "feed",
    ],
  ],
  [
    "identity",
    ["user", "group", "role", "session", "device", "passkey", "factor", "invitation", "domain", "connection"],
  ],
  [
    "inventory",
    [
      "warehouse",
      "location",
      "shipment",
      "parcel",
      "pallet",
      "supplier",
      "transfer",
      "adjustment",
      "hold",
      "lot",
    ],
  ],
  [
    "messaging",
    [
      "message",
      "thread",
      "template",
      "campaign",
      "contact",
      "segment",
      "audience",
      "webhook",
      "sender",
      "broadcast",
    ],
  ],
  [
    "analytics",
    ["report", "dashboard", "metric", "chart", "funnel", "cohort", "export", "query", "alert", "annotation"],
  ],
  [
    "storage",
    ["bucket", "blob", "volume", "snapshot", "backup", "archive", "mount", "policy", "replica", "quota"],
  ],
  [
    "compute",
    [
      "instance",
      "image",
      "cluster",
      "node",
      "job",
      "pipeline",
      "worker",
      "function",
      "deployment",
      "release",
    ],
  ],
  [
    "network",
    [
      "zone",
      "record",
      "route",
      "firewall",
      "gateway",
      "tunnel",
      "certificate",
      "peering",
      "address",
      "endpoint",
    ],
  ],
  [
    "support",
    ["ticket", "agent", "macro", "article", "survey", "escalation", "queue", "view", "reply", "schedule"],
  ],
  [
    "commerce",
    [
      "cart",
      "order",
      "checkout",
      "fulfillment",
      "store",
      "merchant",
      "discount",
      "gift-card",
      "tax-rate",
      "claim",
    ],
  ],
  [
    "workspace",
    ["project", "folder", "document", "comment", "board", "card", "label", "milestone", "sprint", "member"],
  ],
];

/** Per area: the lifecycle states of its resources (a shared enum component). */
const STATUSES = ["pending", "active", "suspended", "archived"];

/** The operation kinds of one resource, in the order a resource takes them (a resource has 4 to 12). */
const KINDS = [
  "list",
  "get",
  "create",
  "update",
  "delete",
  "archive",
  "listNotes",
  "batchDelete",
  "replace",
  "restore",
  "getNote",
  "createNote",
] as const;
type Kind = (typeof KINDS)[number];

interface Resource {
  index: number;
  area: string;
  singular: string;
  plural: string;
  /** `/v1/billing/invoices` */
  path: string;
  /** `BillingInvoice` */
  schema: string;
  /** `Billing invoices` */
  tag: string;
  /** named by `x-sdk-resource` / `x-sdk-method` instead of the naming rule */
  explicit: boolean;
  pagination: "page-number" | "cursor";
  /** integer ids instead of string ids */
  integerId: boolean;
  /** has a `settings` property: a oneOf with a discriminator, per resource */
  settings: boolean;
  kinds: Kind[];
}

function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function camel(text: string): string {
  const p = pascal(text);
  return p[0]!.toLowerCase() + p.slice(1);
}

/** Resources with 4 to 12 operations each (a fixed pattern, averaging 8) until `operations` are placed. */
function resources(operations: number): Resource[] {
  const all = AREAS.flatMap(([area, nouns]) => nouns.map((noun) => [area, noun] as const));
  const out: Resource[] = [];
  let left = operations;
  for (let index = 0; left > 0; index++) {
    const [baseArea, singular] = all[(index * 7) % all.length]!;
    // Past the 120 pairs, a second generation of areas (`billing2`) keeps every name unique.
    const round = Math.floor(index / all.length);
    const area = round === 0 ? baseArea : `${baseArea}${round + 1}`;
    const count = Math.min(left, 4 + ((index * 5) % 9));
    left -= count;
    out.push({
      index,
      area,
      singular,
      plural: plural(singular),
      path: `/v1/${area}/${plural(singular)}`,
      schema: `${pascal(area)}${pascal(singular)}`,
      tag: `${pascal(area)} ${plural(singular).replaceAll("-", " ")}`,
      explicit: index % 4 === 3,
      pagination: index % 2 === 0 ? "page-number" : "cursor",
      integerId: index % 3 === 2,
      settings: index % 2 === 1,
      kinds: KINDS.slice(0, count),
    });
  }
  return out;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string): JsonObject => ({
  description,
  content: { "application/json": { schema } },
});
const problem = { $ref: "#/components/responses/Problem" };

function idSchema(r: Resource): JsonObject {
  return r.integerId ? { type: "integer", minimum: 1 } : { type: "string", pattern: "^[a-z0-9_]+$" };
}

/** The schemas of one resource: the resource (allOf timestamps + own fields), its patch body, its page, settings. */
function resourceSchemas(r: Resource): Record<string, Json> {
  const s = r.schema;
  const statusEnum = `${pascal(r.area)}Status`;
  const out: Record<string, Json> = {
    [s]: {
      description: `A ${r.singular.replaceAll("-", " ")} in ${r.area}.`,
      allOf: [
        ref("Timestamps"),
        {
          type: "object",
          required: ["id", "name", "status", "owner"],
          properties: {
            id: { ...idSchema(r), readOnly: true, description: "Unique identifier, assigned by the server." },
            name: { type: "string", minLength: 1, maxLength: 200, description: "Display name." },
            status: ref(statusEnum),
            description: { type: ["string", "null"], maxLength: 2000, description: "Free text, or null." },
            owner: ref("Owner"),
            labels: { type: "array", items: { type: "string" }, maxItems: 20 },
            metadata: {
              type: "object",
              additionalProperties: { type: "string" },
              description: "Up to 50 keys of your own.",
            },
            limits: {
              type: "object",
              description: "Usage limits.",
              properties: {
                max_items: { type: "integer", minimum: 0 },
                window: {
                  type: "object",
                  required: ["unit", "size"],
                  properties: {
                    unit: { type: "string", enum: ["minute", "hour", "day"] },
                    size: { type: "integer", minimum: 1 },
                  },
                },
              },
            },
            revision: { type: "integer", readOnly: true, description: "Incremented on every change." },
            ...(r.settings ? { settings: ref(`${s}Settings`) } : {}),
          },
        },
      ],
    },
    [`${s}Update`]: {
      type: "object",
      description: `The fields of a ${r.singular.replaceAll("-", " ")} that can change; absent ones stay.`,
      additionalProperties: false,
      properties: {
        name: { type: "string", minLength: 1, maxLength: 200 },
        status: ref(statusEnum),
        description: { type: ["string", "null"], maxLength: 2000 },
        labels: { type: "array", items: { type: "string" } },
        metadata: { type: ["object", "null"], additionalProperties: { type: "string" } },
      },
    },
  };
  if (r.pagination === "cursor") {
    out[`${s}Page`] = {
      type: "object",
      required: ["items", "page_info"],
      properties: { items: { type: "array", items: ref(s) }, page_info: ref("PageInfo") },
    };
  }
  if (r.settings) {
    out[`${s}Settings`] = {
      oneOf: [ref(`${s}ManualSettings`), ref(`${s}ScheduledSettings`)],
      discriminator: {
        propertyName: "mode",
        mapping: {
          manual: `#/components/schemas/${s}ManualSettings`,
          scheduled: `#/components/schemas/${s}ScheduledSettings`,
        },
      },
    };
    out[`${s}ManualSettings`] = {
      type: "object",
      required: ["mode"],
      properties: { mode: { type: "string", enum: ["manual"] }, approver: { type: ["string", "null"] } },
    };
    out[`${s}ScheduledSettings`] = {
      type: "object",
      required: ["mode", "cron"],
      properties: {
        mode: { type: "string", enum: ["scheduled"] },
        cron: { type: "string", minLength: 9 },
        timezone: { type: "string", default: "UTC" },
      },
    };
  }
  return out;
}

/** Schemas every resource shares. */
function sharedSchemas(areas: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {
    Timestamps: {
      type: "object",
      required: ["created_at", "updated_at"],
      properties: {
        created_at: { type: "string", format: "date-time", readOnly: true },
        updated_at: { type: "string", format: "date-time", readOnly: true },
      },
    },
    PageInfo: {
      type: "object",
      required: ["has_next_page"],
      properties: {
        has_next_page: { type: "boolean" },
        end_cursor: { type: ["string", "null"], description: "Pass as `cursor` for the next page." },
      },
    },
    Owner: {
      oneOf: [ref("UserOwner"), ref("TeamOwner")],
      discriminator: {
        propertyName: "kind",
        mapping: { user: "#/components/schemas/UserOwner", team: "#/components/schemas/TeamOwner" },
      },
    },
    UserOwner: {
      type: "object",
      required: ["kind", "user_id"],
      properties: { kind: { type: "string", enum: ["user"] }, user_id: { type: "string" } },
    },
    TeamOwner: {
      type: "object",
      required: ["kind", "team_id"],
      properties: {
        kind: { type: "string", enum: ["team"] },
        team_id: { type: "string" },
        role: { type: "string", enum: ["owner", "editor", "viewer"], default: "owner" },
      },
    },
    Note: {
      type: "object",
      required: ["id", "content", "created_at"],
      properties: {
        id: { type: "string", readOnly: true },
        content: ref("NoteContent"),
        pinned: { type: "boolean", default: false },
        created_at: { type: "string", format: "date-time", readOnly: true },
      },
    },
    NotePage: {
      type: "object",
      required: ["items", "page_info"],
      properties: { items: { type: "array", items: ref("Note") }, page_info: ref("PageInfo") },
    },
    NoteContent: {
      oneOf: [ref("TextContent"), ref("LinkContent")],
      discriminator: {
        propertyName: "type",
        mapping: { text: "#/components/schemas/TextContent", link: "#/components/schemas/LinkContent" },
      },
    },
    TextContent: {
      type: "object",
      required: ["type", "text"],
      properties: { type: { type: "string", enum: ["text"] }, text: { type: "string", maxLength: 10000 } },
    },
    LinkContent: {
      type: "object",
      required: ["type", "url"],
      properties: {
        type: { type: "string", enum: ["link"] },
        url: { type: "string", format: "uri" },
        title: { type: ["string", "null"] },
      },
    },
    BatchDeleteResult: {
      type: "object",
      required: ["deleted"],
      properties: {
        deleted: { type: "integer", minimum: 0 },
        failed: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "reason"],
            properties: { id: { type: "string" }, reason: { type: "string" } },
          },
        },
      },
    },
    Error: {
      "x-sdk-name": "ProblemDetails",
      type: "object",
      description: "The body of every 4xx response.",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Machine-readable error code." },
        message: { type: "string" },
        details: {
          type: "array",
          items: {
            type: "object",
            required: ["field", "issue"],
            properties: { field: { type: "string" }, issue: { type: "string" } },
          },
        },
        request_id: { type: ["string", "null"] },
      },
    },
  };
  for (const area of areas) {
    out[`${pascal(area)}Status`] = { type: "string", enum: STATUSES, description: `Lifecycle of ${area}.` };
  }
  return out;
}

function query(name: string, schema: JsonObject, description: string, extra: JsonObject = {}): JsonObject {
  return { name, in: "query", required: false, description, schema, ...extra };
}

function pathParam(name: string, schema: JsonObject): JsonObject {
  return { name, in: "path", required: true, description: `The ${name.replaceAll("_", " ")}.`, schema };
}

/** The explicit `x-sdk-method` of each kind, on the resources named by extensions. */
const EXPLICIT_METHOD: Record<Kind, string> = {
  list: "list",
  get: "retrieve",
  create: "create",
  update: "update",
  delete: "remove",
  archive: "archive",
  listNotes: "list",
  batchDelete: "batchDelete",
  replace: "replace",
  restore: "restore",
  getNote: "retrieve",
  createNote: "create",
};

/** One operation: where it goes (path, HTTP method) and its object. */
function operation(r: Resource, kind: Kind): { path: string; method: string; op: JsonObject } {
  const s = r.schema;
  const words = r.singular.replaceAll("-", " ");
  const id = pathParam("id", idSchema(r));
  const item = `${r.path}/{id}`;
  const note = kind === "listNotes" || kind === "getNote" || kind === "createNote";
  const common = (operationId: string, summary: string): JsonObject => ({
    operationId: `${operationId}${pascal(r.area)}${pascal(r.plural)}`,
    summary,
    description: `${summary}. Part of the ${r.area} API.`,
    tags: [r.tag],
    ...(r.explicit || kind === "batchDelete"
      ? {
          "x-sdk-resource": `${r.area}.${camel(r.plural)}${note ? ".notes" : ""}`,
          "x-sdk-method": EXPLICIT_METHOD[kind],
        }
      : {}),
  });
  const item404 = { "404": problem, "4XX": problem };
  switch (kind) {
    case "list":
      return {
        path: r.path,
        method: "get",
        op: {
          ...common("list", `List ${r.plural.replaceAll("-", " ")}`),
          ...(r.pagination === "page-number"
            ? {
                "x-sdk-pagination": {
                  style: "page-number",
                  page: "page",
                  pageSize: "per_page",
                  maxPageSize: 100,
                },
                parameters: [
                  query("page", { type: "integer", minimum: 1, default: 1 }, "Page number, from 1."),
                  query("per_page", { type: "integer", minimum: 1, maximum: 100, default: 20 }, "Page size."),
                  query("status", ref(`${pascal(r.area)}Status`), "Only items in this state."),
                  query("ids", { type: "array", items: idSchema(r), maxItems: 50 }, "Only these ids.", {
                    style: "form",
                    explode: false,
                  }),
                  query("sort", { type: "string", enum: ["created_at", "-created_at", "name"] }, "Order."),
                ],
                responses: { "200": json({ type: "array", items: ref(s) }, "One page."), "4XX": problem },
              }
            : {
                "x-sdk-pagination": { style: "cursor", cursorParam: "cursor", limitParam: "limit" },
                parameters: [
                  query("cursor", { type: "string" }, "`end_cursor` of the previous page."),
                  query("limit", { type: "integer", minimum: 1, maximum: 100 }, "Page size."),
                  query("label", { type: "array", items: { type: "string" } }, "Items with every label.", {
                    style: "form",
                    explode: true,
                  }),
                  query("created_after", { type: "string", format: "date-time" }, "Created after this time."),
                ],
                responses: { "200": json(ref(`${s}Page`), "One page."), "4XX": problem },
              }),
        },
      };
    case "get":
      return {
        path: item,
        method: "get",
        op: {
          ...common("get", `Get a ${words}`),
          parameters: [
            id,
            query(
              "expand",
              { type: "array", items: { type: "string", enum: ["owner", "settings", "limits"] } },
              "Related objects to include.",
              { style: "form", explode: false },
            ),
          ],
          responses: { "200": json(ref(s), `The ${words}.`), ...item404 },
        },
      };
    case "create":
      return {
        path: r.path,
        method: "post",
        op: {
          ...common("create", `Create a ${words}`),
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Makes a retried create safe.",
              schema: { type: "string", maxLength: 64 },
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref(s) } } },
          responses: { "201": json(ref(s), `The new ${words}.`), "409": problem, "4XX": problem },
        },
      };
    case "update":
      return {
        path: item,
        method: "patch",
        op: {
          ...common("update", `Update a ${words}`),
          parameters: [id],
          requestBody: { required: true, content: { "application/json": { schema: ref(`${s}Update`) } } },
          responses: { "200": json(ref(s), `The updated ${words}.`), ...item404 },
        },
      };
    case "replace":
      return {
        path: item,
        method: "put",
        op: {
          ...common("replace", `Replace a ${words}`),
          parameters: [id],
          requestBody: { required: true, content: { "application/json": { schema: ref(s) } } },
          responses: { "200": json(ref(s), `The ${words} as stored.`), ...item404 },
        },
      };
    case "delete":
      return {
        path: item,
        method: "delete",
        op: {
          ...common("delete", `Delete a ${words}`),
          parameters: [id],
          responses: { "204": { description: "Deleted." }, ...item404 },
        },
      };
    case "archive":
    case "restore":
      return {
        path: `${item}/${kind}`,
        method: "post",
        op: {
          ...common(kind, `${pascal(kind)} a ${words}`),
          ...(kind === "restore" ? { "x-sdk-idempotent": true } : {}),
          parameters: [id],
          requestBody: {
            required: false,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { reason: { type: ["string", "null"], maxLength: 500 } },
                },
              },
            },
          },
          responses: { "200": json(ref(s), `The ${words}.`), ...item404 },
        },
      };
    case "batchDelete":
      return {
        path: `${r.path}/batch-delete`,
        method: "post",
        op: {
          ...common("batchDelete", `Delete several ${r.plural.replaceAll("-", " ")}`),
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["ids"],
                  properties: { ids: { type: "array", items: idSchema(r), minItems: 1, maxItems: 100 } },
                },
              },
            },
          },
          responses: { "200": json(ref("BatchDeleteResult"), "What was deleted."), "4XX": problem },
        },
      };
    case "listNotes":
      return {
        path: `${item}/notes`,
        method: "get",
        op: {
          ...common("listNotes", `List the notes of a ${words}`),
          "x-sdk-pagination": { style: "cursor", cursorParam: "cursor" },
          parameters: [
            id,
            query("cursor", { type: "string" }, "`end_cursor` of the previous page."),
            query("pinned", { type: "boolean" }, "Only pinned (or unpinned) notes."),
          ],
          responses: { "200": json(ref("NotePage"), "One page of notes."), ...item404 },
        },
      };
    case "getNote":
      return {
        path: `${item}/notes/{note_id}`,
        method: "get",
        op: {
          ...common("getNote", `Get a note of a ${words}`),
          ...(r.explicit ? { "x-sdk-positional": false } : {}),
          parameters: [id, pathParam("note_id", { type: "string" })],
          responses: { "200": json(ref("Note"), "The note."), ...item404 },
        },
      };
    case "createNote":
      return {
        path: `${item}/notes`,
        method: "post",
        op: {
          ...common("createNote", `Add a note to a ${words}`),
          parameters: [id],
          requestBody: { required: true, content: { "application/json": { schema: ref("Note") } } },
          responses: { "201": json(ref("Note"), "The new note."), ...item404 },
        },
      };
  }
}

/** The synthetic spec as JSON text (also valid YAML), deterministic for a given number of operations. */
export function syntheticSpec(operations = 800): string {
  if (!Number.isInteger(operations) || operations < 1) {
    throw new RangeError(`operations must be a positive integer, got ${operations}`);
  }
  const list = resources(operations);
  const paths: Record<string, Record<string, Json>> = {};
  const schemas: Record<string, Json> = {};
  for (const r of list) {
    for (const kind of r.kinds) {
      const { path, method, op } = operation(r, kind);
      paths[path] = { ...paths[path], [method]: op };
    }
    Object.assign(schemas, resourceSchemas(r));
  }
  const usesNotes = list.some((r) => r.kinds.some((k) => k.endsWith("Note") || k === "listNotes"));
  const usesBatch = list.some((r) => r.kinds.includes("batchDelete"));
  const usesPageInfo = usesNotes || list.some((r) => r.pagination === "cursor" && r.kinds.includes("list"));
  const shared = sharedSchemas([...new Set(list.map((r) => r.area))]);
  const unused = [
    ...(usesNotes ? [] : ["Note", "NotePage", "NoteContent", "TextContent", "LinkContent"]),
    ...(usesBatch ? [] : ["BatchDeleteResult"]),
    ...(usesPageInfo ? [] : ["PageInfo"]),
  ];
  for (const name of unused) delete shared[name];
  const document: JsonObject = {
    openapi: "3.1.0",
    info: {
      title: "Synthetic API",
      version: "1.0.0",
      summary: `A synthetic API of ${operations} operations: the generator's scale benchmark.`,
      license: { name: "MIT", identifier: "MIT" },
    },
    "x-sdk-client": { name: "Synthetic", package: "@sso/synthetic" },
    servers: [{ url: "https://api.synthetic.example" }],
    security: [{ bearer: [] }],
    tags: list.map((r) => ({ name: r.tag, description: `${r.tag} of the ${r.area} API.` })),
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Problem: json(ref("Error"), "The request was refused."),
      },
      schemas: { ...shared, ...schemas },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** How many operations a spec text holds (every HTTP method of every path item). */
export function countOperations(text: string): number {
  const doc = JSON.parse(text) as { paths?: Record<string, Record<string, unknown>> };
  const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
  return Object.values(doc.paths ?? {}).reduce(
    (n, item) => n + Object.keys(item).filter((k) => methods.has(k)).length,
    0,
  );
}

/** The package the synthetic spec generates into (`x-sdk-client.package`), and its spec name. */
export const SYNTHETIC_PACKAGE = { name: "synthetic", packageName: "@sso/synthetic" } as const;

/**
 * The hand-written `src/lib/config.ts` the generated client imports (as tools/codegen's FIXTURE_CONFIG): a
 * bearer token for every scheme, so the generated package compiles on its own.
 */
export const SYNTHETIC_CONFIG = `import { bearerAuth, type ClientConfig, type ClientOptions } from "@sso/core/internal";
import type { clientSpec } from "../generated/client.js";

export interface SyntheticOptions extends ClientOptions {}

export function resolveClientConfig(options: SyntheticOptions, spec: typeof clientSpec): ClientConfig {
  const auth = Object.fromEntries(Object.keys(spec.auth).map((name) => [name, bearerAuth("token")]));
  return { options, defaultBaseURL: spec.defaultBaseURL, userAgent: \`\${spec.packageName}/0.0.0\`, auth };
}
`;
