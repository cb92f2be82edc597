/** The document-level facts of the client: its class and package, base URL, envelope. */
import { child, type Document, isRecord } from "./document.js";
import type { ClientModel, SecuritySchemeModel } from "./model.js";
import { isIdentifier } from "./names.js";
import type { Problems } from "./problems.js";

/** What the ir stage needs besides the spec: the package the output lands in. */
export interface PackageInfo {
  readonly name: string;
}

export function readClient(
  doc: Document,
  problems: Problems,
  pkg: PackageInfo,
  specName: string,
  securitySchemes: readonly SecuritySchemeModel[],
): ClientModel {
  const root = doc.root;
  const ext = root["x-sdk-client"];
  let className = "Client";
  let packageName = pkg.name;
  if (!isRecord(ext) || typeof ext.name !== "string" || typeof ext.package !== "string") {
    problems.add("#/x-sdk-client", "expected `x-sdk-client: { name: <ClientClass>, package: <npm name> }`");
  } else {
    className = ext.name;
    packageName = ext.package;
    if (!isIdentifier(className) || !/^[A-Z]/.test(className)) {
      problems.add("#/x-sdk-client/name", `\`${className}\` is not a class name`);
    }
    if (packageName !== pkg.name) {
      problems.add(
        "#/x-sdk-client/package",
        `\`${packageName}\` does not match the package name \`${pkg.name}\` in packages/${specName}/package.json`,
      );
    }
  }
  const envelope = root["x-sdk-envelope"];
  if (envelope !== undefined && envelope !== "cloudflare") {
    problems.add("#/x-sdk-envelope", `unsupported envelope \`${String(envelope)}\` (supported: cloudflare)`);
  }
  const info = isRecord(root.info) ? root.info : {};
  const summary = typeof info.summary === "string" ? info.summary.trim() : "";
  return {
    className,
    packageName,
    title: typeof info.title === "string" ? info.title : specName,
    apiVersion: typeof info.version === "string" ? info.version : "",
    ...(summary ? { description: summary } : {}),
    defaultBaseURL: baseURL(doc, problems),
    ...(envelope === "cloudflare" ? { envelope } : {}),
    securitySchemes,
  };
}

function baseURL(doc: Document, problems: Problems): string {
  const servers = doc.root.servers;
  const server = Array.isArray(servers) && isRecord(servers[0]) ? servers[0] : undefined;
  if (!server || typeof server.url !== "string") {
    problems.add("#/servers", "expected a `servers` entry: its url is the client's default base URL");
    return "";
  }
  const variables = isRecord(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (match, name: string) => {
    const variable = variables[name];
    return isRecord(variable) && typeof variable.default === "string" ? variable.default : match;
  });
  if (!/^https?:\/\/[^/{}]+/.test(url)) {
    problems.add(
      child("#/servers", 0, "url"),
      `the default base URL must be absolute http(s), got \`${url}\``,
    );
  }
  return url.replace(/\/+$/, "");
}
