/**
 * `POST /oidc/token`, the client-credentials grant as Logto's oidc-provider answers it: credentials as form
 * fields or HTTP Basic (both: 400 `invalid_request`), `resource` must be the API indicator, and an unknown or
 * missing `scope` still gets a token, without `scope` (the API then answers 403).
 */
import {
  clientAuthentication,
  type FakeHandler,
  type FakeReply,
  type FakeRequest,
  json,
  safeEqual,
  type TokenIssuer,
  tokenForm,
} from "@sso/core/testing";
import { oidcError } from "./errors.js";
import type { LogtoState } from "./state.js";
import type { FakeApplication } from "./types.js";

/** The authenticated client, or the oidc error reply that refuses it. */
function authenticate(
  state: LogtoState,
  request: FakeRequest,
  form: Record<string, string>,
): FakeApplication | FakeReply {
  const auth = clientAuthentication(request, form);
  if (auth.kind === "malformed")
    return oidcError(400, "invalid_request", "invalid authorization header value format");
  if (auth.kind === "both") {
    return oidcError(
      400,
      "invalid_request",
      "client authentication must only be provided using one mechanism",
    );
  }
  if (auth.kind === "none")
    return oidcError(400, "invalid_request", "no client authentication mechanism provided");
  const app = state.application(auth.clientId);
  if (!app || auth.clientSecret === undefined || !safeEqual(auth.clientSecret, app.clientSecret)) {
    return oidcError(401, "invalid_client", "client authentication failed", {
      "www-authenticate":
        'Basic realm="logto", error="invalid_client", error_description="client authentication failed"',
    });
  }
  return app;
}

function grantProblem(
  form: Record<string, string>,
  app: FakeApplication,
  resource: string,
): FakeReply | undefined {
  if (!form.grant_type) return oidcError(400, "invalid_request", "missing required parameter 'grant_type'");
  if (form.grant_type !== "client_credentials") {
    return oidcError(400, "unsupported_grant_type", "unsupported grant_type requested");
  }
  if (app.type !== "MachineToMachine") {
    return oidcError(400, "unauthorized_client", "requested grant type is not allowed for this client");
  }
  if (form.resource !== resource)
    return oidcError(400, "invalid_target", "resource indicator is missing, or unknown");
  return undefined;
}

export function tokenEndpoint(state: LogtoState, tokens: TokenIssuer, resource: string): FakeHandler {
  return (request) => {
    const form = tokenForm(request);
    if (!form) {
      return oidcError(
        400,
        "invalid_request",
        "only application/x-www-form-urlencoded content-type bodies are supported on POST /token",
      );
    }
    const app = authenticate(state, request, form);
    if ("status" in app) return app;
    const problem = grantProblem(form, app, resource);
    if (problem) return problem;
    const granted = (form.scope ?? "").split(/\s+/).filter((s) => s && app.scopes.includes(s));
    const scope = granted.length > 0 ? granted.join(" ") : undefined;
    const issued = tokens.issue({
      sub: app.clientId,
      clientId: app.clientId,
      aud: resource,
      ...(scope ? { scope } : {}),
    });
    return json(
      200,
      {
        access_token: issued.accessToken,
        expires_in: issued.expiresIn,
        token_type: "Bearer",
        ...(scope ? { scope } : {}),
      },
      { "cache-control": "no-store", pragma: "no-cache" },
    );
  };
}
