/** Root of every error the SDK throws, so one `instanceof SSOError` catches them all. */
export class SSOError extends Error {}

/** A bad argument caught before any request is sent (missing parameter, relative baseURL, bad header, ...). */
export class InvalidArgumentError extends SSOError {}

/** An HTTP exchange that failed: a status the API calls an error, or a body the spec does not promise. */
export class APIError<TBody = unknown> extends SSOError {
  /** The HTTP status; undefined when no response arrived (connection errors, timeouts, aborts). */
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  /** The parsed error body (typed from the spec by generated code); undefined when it was not JSON. */
  readonly error: TBody;

  constructor(
    status: number | undefined,
    error: TBody,
    message: string,
    headers?: Headers,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }

  /** Picks the class for a status, so callers can branch with `instanceof NotFoundError`. */
  static from<TBody>(status: number, error: TBody, message: string, headers?: Headers): APIError<TBody> {
    const Class = status >= 500 ? InternalServerError : (byStatus[status] ?? APIError);
    return new Class(status, error, message, headers);
  }
}

export class BadRequestError<TBody = unknown> extends APIError<TBody> {}
export class AuthenticationError<TBody = unknown> extends APIError<TBody> {}
export class PermissionDeniedError<TBody = unknown> extends APIError<TBody> {}
export class NotFoundError<TBody = unknown> extends APIError<TBody> {}
export class ConflictError<TBody = unknown> extends APIError<TBody> {}
export class UnprocessableEntityError<TBody = unknown> extends APIError<TBody> {}
export class RateLimitError<TBody = unknown> extends APIError<TBody> {}
export class InternalServerError<TBody = unknown> extends APIError<TBody> {}

/** No response arrived: DNS, refused or dropped connection, or a body cut off mid-read. */
export class APIConnectionError extends APIError<undefined> {
  constructor(message: string, cause?: unknown) {
    super(undefined, undefined, message, undefined, { cause });
  }
}

/** One attempt ran past its `timeout`; told apart from a caller's own abort. */
export class APIConnectionTimeoutError extends APIConnectionError {}

/** The caller's `signal` aborted the call; never retried. */
export class APIUserAbortError extends APIError<undefined> {
  constructor(message: string) {
    super(undefined, undefined, message);
  }
}

/** A paginated list that stopped advancing, repeats itself or never ends; thrown instead of looping. */
export class PaginationError extends APIError<undefined> {
  constructor(message: string, status?: number, headers?: Headers) {
    super(status, undefined, message, headers);
  }
}

/** A verification that failed or did not finish in time; `connector` is the last state read. */
export class VerificationError<TConnector = unknown> extends SSOError {
  readonly connector: TConnector;

  constructor(message: string, connector: TConnector) {
    super(message);
    this.connector = connector;
  }
}

/** A caller's mistake caught before any request: `GET /path/{id}: why; no request was sent`. */
export const unsent = (label: string, why: string): InvalidArgumentError =>
  new InvalidArgumentError(`${label}: ${why}; no request was sent`);

/** The error of a response whose body is not the API's own error (a redirect, the size cap, a body off-spec). */
export const responseError = (response: Response, message: string): APIError =>
  new APIError(response.status, undefined, message, response.headers);

/** The caller's signal fired. */
export const userAbort = (label: string): APIUserAbortError =>
  new APIUserAbortError(`${label}: aborted by the caller`);

/** The error class of each status that has its own; every other 4xx is a plain APIError. */
export const byStatus: Record<number, typeof APIError | undefined> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

// Names on the prototypes survive minification (object keys are kept), so stack traces say `NotFoundError: ...`.
for (const [name, Class] of Object.entries({
  SSOError,
  InvalidArgumentError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  PaginationError,
  VerificationError,
})) {
  Object.defineProperty(Class.prototype, "name", { value: name, configurable: true, writable: true });
}
