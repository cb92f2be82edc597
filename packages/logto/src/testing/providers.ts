/** The SSO connector providers the fake knows, in Logto's factory order. */
import type { ProviderDetail, ProviderName, ProviderType } from "./types.js";

function svgLogo(letter: string, fill: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><rect width="24" height="24" rx="4" fill="${fill}"/><text x="12" y="16" font-size="11" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

function provider(
  providerName: ProviderName,
  providerType: ProviderType,
  name: string,
  letter: string,
  color: string,
): ProviderDetail {
  return {
    providerName,
    providerType,
    logo: svgLogo(letter, color),
    logoDark: svgLogo(letter, "#2d2d2d"),
    description: `This connector is used to connect with ${name} single sign-on identity provider.`,
    name,
  };
}

export const PROVIDERS: readonly ProviderDetail[] = [
  provider("OIDC", "oidc", "OIDC", "O", "#5d34f2"),
  provider("SAML", "saml", "SAML", "S", "#c00000"),
  provider("AzureAD", "saml", "Microsoft Entra ID (SAML)", "E", "#0078d4"),
  provider("GoogleWorkspace", "oidc", "Google Workspace", "G", "#34a853"),
  provider("Okta", "oidc", "Okta", "K", "#007dc1"),
  provider("AzureAdOidc", "oidc", "Microsoft Entra ID (OIDC)", "E", "#0078d4"),
];

export function findProvider(name: unknown): ProviderDetail | undefined {
  return PROVIDERS.find((p) => p.providerName === name);
}

/** Logto's list of public email domains (`singleSignOnDomainBlackList`). */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "icloud.com",
  "aol.com",
  "yandex.com",
  "mail.com",
  "protonmail.com",
  "yanex.com",
  "gmx.com",
  "mail.ru",
  "zoho.com",
  "qq.com",
  "163.com",
  "126.com",
  "sina.com",
  "sohu.com",
]);

/** What the fake "fetches" from an OIDC IdP: the config plus discovery endpoints derived from the issuer. */
export function oidcProviderConfig(
  providerName: ProviderName,
  config: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const issuer =
    providerName === "GoogleWorkspace"
      ? "https://accounts.google.com"
      : typeof config.issuer === "string"
        ? config.issuer
        : undefined;
  if (!issuer || typeof config.clientId !== "string") return undefined;
  const base = issuer.replace(/\/+$/, "");
  const scopes = new Set([
    "openid",
    "profile",
    "email",
    ...String(config.scope ?? "")
      .split(/\s+/)
      .filter(Boolean),
  ]);
  return {
    ...config,
    issuer,
    scope: [...scopes].join(" "),
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    userinfoEndpoint: `${base}/userinfo`,
    jwksUri: `${base}/jwks`,
  };
}
