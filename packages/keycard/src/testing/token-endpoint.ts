/**
 * `POST /service-account-token`: HTTP Basic client credentials (RFC 6749 2.3.1) and the form body
 * `grant_type=client_credentials`. Errors are RFC 6749 bodies `{error, error_description}`.
 */
import {
  clientAuthentication,
  type FakeHandler,
  json,
  safeEqual,
  type TokenIssuer,
  tokenForm,
} from "@sso/core/testing";

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>) {
  return json(status, { error, error_description: description }, { "cache-control": "no-store", ...headers });
}

export function tokenEndpoint(
  tokens: TokenIssuer,
  credentials: { clientId: string; clientSecret: string },
): FakeHandler {
  return (request) => {
    const auth = clientAuthentication(request);
    const valid =
      auth.kind === "basic" &&
      safeEqual(auth.clientId, credentials.clientId) &&
      safeEqual(auth.clientSecret ?? "", credentials.clientSecret);
    if (!valid) {
      return oauthError(401, "invalid_client", "Client authentication failed", {
        "www-authenticate": 'Basic realm="keycard"',
      });
    }
    const form = tokenForm(request);
    if (!form)
      return oauthError(400, "invalid_request", "The request body must be application/x-www-form-urlencoded");
    if (!form.grant_type) return oauthError(400, "invalid_request", "Missing grant_type");
    if (form.grant_type !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `Unsupported grant_type: ${form.grant_type}`);
    }
    const issued = tokens.issue({ sub: credentials.clientId, clientId: credentials.clientId });
    return json(
      200,
      { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn },
      { "cache-control": "no-store", pragma: "no-cache" },
    );
  };
}
