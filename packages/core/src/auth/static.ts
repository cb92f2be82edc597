import { InvalidArgumentError } from "../errors.js";
import { checkHeader } from "../headers.js";
import type { AuthProvider } from "./types.js";

/** A provider that sends the same header on every request; a 401 is final since there is nothing to refresh. */
function staticHeader(name: string, value: string, secrets: string[]): AuthProvider {
  const headers = { [name]: value };
  return { headers: async () => headers, secrets: () => secrets };
}

/** The value, or an InvalidArgumentError when it is not a non-blank string. */
export function required(what: string, value: string | undefined): string {
  if (typeof value !== "string" || !value.trim()) throw new InvalidArgumentError(`${what} is empty`);
  return value;
}

/** A static token, sent as `Authorization: Bearer <token>`. */
export function bearerAuth(token: string): AuthProvider {
  required("bearerAuth: the token", token);
  return staticHeader("Authorization", checkHeader("Authorization", `Bearer ${token}`, "bearerAuth"), [
    token,
  ]);
}

/** HTTP Basic credentials, sent as `Authorization: Basic base64(username:password)`. */
export function basicAuth(username: string, password: string): AuthProvider {
  required("basicAuth: the username", username);
  required("basicAuth: the password", password);
  const encoded = base64(`${username}:${password}`);
  return staticHeader("Authorization", `Basic ${encoded}`, [password, encoded]);
}

/** An API key sent in a header of its own, e.g. `apiKeyAuth("X-API-Key", key)`. */
export function apiKeyAuth(header: string, key: string): AuthProvider {
  required("apiKeyAuth: the key", key);
  return staticHeader(header, checkHeader(header, key, "apiKeyAuth"), [key]);
}

/** UTF-8 safe base64, since `btoa` alone only takes Latin-1. */
export function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
