// One error type for everything Fairbill refuses on purpose. Each carries a
// stable `code` that clients can branch on, an HTTP status, a sentence a
// billing operator understands, and, for bad input, the path of each bad field.
// The HTTP layer turns it into RFC 9457 problem+json in one place.

export type FieldError = {
  /** JSON path of the field, `$.billing_address.country`, or `query.limit`. */
  path: string;
  message: string;
};

export type FairbillErrorOptions = {
  code: string;
  status: number;
  detail: string;
  errors?: FieldError[];
};

export class FairbillError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(options: FairbillErrorOptions) {
    super(options.detail);
    this.name = "FairbillError";
    this.code = options.code;
    this.status = options.status;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
  }
}

export function validationFailed(errors: FieldError[], detail?: string): FairbillError {
  const first = errors[0];
  return new FairbillError({
    code: "validation_failed",
    status: 400,
    detail:
      detail ??
      (errors.length === 1 && first
        ? `${first.path} ${first.message}.`
        : `The request has ${errors.length} invalid fields; see errors.`),
    errors,
  });
}

export function notFound(objectName: string, id: string): FairbillError {
  return new FairbillError({ code: "not_found", status: 404, detail: `No ${objectName} with id "${id}".` });
}

export function conflict(code: string, detail: string, errors?: FieldError[]): FairbillError {
  return new FairbillError({ code, status: 409, detail, ...(errors ? { errors } : {}) });
}

export function unauthorized(detail: string): FairbillError {
  return new FairbillError({ code: "unauthorized", status: 401, detail });
}

export function forbidden(detail: string): FairbillError {
  return new FairbillError({ code: "forbidden", status: 403, detail });
}

/** What a thrown value says: an error's message, or anything else thrown as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
