// A refusal or failure of an API call, as the console shows it: the API's
// problem document (RFC 9457) with its stable code, its sentence for a person
// and each bad field by JSON path. Network failures and answers without a
// problem document become one too, so that every page handles one error type.
import type { components } from "./generated/openapi.ts";

export type Problem = components["schemas"]["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];

  constructor(problem: Pick<Problem, "status" | "code" | "detail"> & { errors?: FieldError[] | undefined }) {
    super(problem.detail);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
  }
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    code: "console_error",
    detail: error instanceof Error ? error.message : String(error),
  });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

export function networkError(detail: string): ApiError {
  return new ApiError({ status: 0, code: "network_error", detail });
}

/** The ApiError of a response that is not a success, from its problem document if it has one. */
export async function refusalOf(response: Response): Promise<ApiError> {
  let body: Partial<Problem> | undefined;
  try {
    body = JSON.parse(await response.text()) as Partial<Problem>;
  } catch {
    body = undefined;
  }
  if (typeof body?.code === "string" && typeof body.detail === "string") {
    return new ApiError({
      status: response.status,
      code: body.code,
      detail: body.detail,
      errors: body.errors,
    });
  }
  return new ApiError({
    status: response.status,
    code: "unexpected_response",
    detail: `The server answered ${response.status} ${response.statusText} without an explanation.`,
  });
}
