/**
 * The request side of an OAuth2 client-credentials token endpoint (RFC 6749 4.4), shared by the fakes that
 * have one: the form body, and how the client authenticated (HTTP Basic or form fields, never both).
 * Each fake words its own errors (Logto's `oidc.*` bodies, Keycard's RFC 6749 bodies).
 */
import { basicCredentials, type FakeRequest, isRecord } from "./http.js";

/** How the client authenticated a token request. */
export type ClientAuthentication =
  | { kind: "basic" | "form"; clientId: string; clientSecret: string | undefined }
  /** No credentials at all. */
  | { kind: "none" }
  /** An `Authorization: Basic` header that does not decode to `id:secret`. */
  | { kind: "malformed" }
  /** Basic and form credentials in one request, which RFC 6749 2.3 forbids. */
  | { kind: "both" };

/** The form fields of an `application/x-www-form-urlencoded` body; undefined for any other body. */
export function tokenForm(request: FakeRequest): Record<string, string> | undefined {
  const type = (request.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" || !isRecord(request.body)) return undefined;
  return request.body as Record<string, string>;
}

/** Reads the client's credentials from the Basic header and, when given, the form fields. */
export function clientAuthentication(
  request: FakeRequest,
  form?: Record<string, string>,
): ClientAuthentication {
  const basic = basicCredentials(request.header("authorization"));
  if (basic === null) return { kind: "malformed" };
  if (basic) {
    const other =
      form?.client_secret !== undefined || (form?.client_id !== undefined && form.client_id !== basic.id);
    return other ? { kind: "both" } : { kind: "basic", clientId: basic.id, clientSecret: basic.secret };
  }
  if (form?.client_id === undefined) return { kind: "none" };
  return { kind: "form", clientId: form.client_id, clientSecret: form.client_secret };
}
