// Every call the console makes to the API goes through here: the stored key as
// a Bearer token, JSON in and out, an Idempotency-Key on each POST, and every
// refusal turned into an ApiError that carries the API's problem document. A
// 401 signs the console out (the key was revoked or expired) and says why.
import { forgetApiKey, storedApiKey } from "../session/session-storage.ts";
import type { FieldError, Problem } from "./api-types.ts";
import { newIdempotencyKey } from "./idempotency-key.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];

  constructor(problem: Pick<Problem, "status" | "code" | "detail"> & { errors?: FieldError[] }) {
    super(problem.detail);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
  }
}

type UnauthorizedListener = (detail: string) => void;
let unauthorizedListener: UnauthorizedListener = () => {};

/** The session registers itself here to go back to the sign-in page on a 401. */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorizedListener = listener;
}

export type RequestOptions = {
  body?: unknown;
  /** Why the change is made; kept in the audit log (the Fairbill-Reason header). */
  reason?: string;
  /** A key other than the stored one, to check it before signing in. */
  apiKey?: string;
  signal?: AbortSignal;
};

export async function apiRequest<Result>(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  options: RequestOptions = {},
): Promise<Result> {
  const apiKey = options.apiKey ?? storedApiKey();
  const headers: Record<string, string> = { accept: "application/json" };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method === "POST") headers["idempotency-key"] = newIdempotencyKey();
  if (options.reason !== undefined && options.reason.trim() !== "") {
    headers["fairbill-reason"] = options.reason.trim();
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      status: 0,
      code: "network_error",
      detail: "The console could not reach the Fairbill server. Check that it is running and try again.",
    });
  }

  const text = await response.text();
  const parsed = parseJson(text);
  if (response.ok) return parsed as Result;

  const problem = asProblem(parsed, response);
  if (response.status === 401 && options.apiKey === undefined) {
    forgetApiKey();
    unauthorizedListener(problem.detail);
  }
  throw new ApiError(problem);
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asProblem(body: unknown, response: Response): Problem {
  const candidate = body as Partial<Problem> | undefined;
  if (candidate && typeof candidate.detail === "string" && typeof candidate.code === "string") {
    return { ...candidate, status: response.status } as Problem;
  }
  return {
    type: "about:blank",
    title: response.statusText,
    status: response.status,
    code: "unexpected_response",
    detail: `The server answered ${response.status} ${response.statusText} without an explanation.`,
  };
}

/**
 * A document the API serves (an invoice PDF) as a Blob: the key goes in the
 * Authorization header, so a plain link cannot fetch it. Refusals become an
 * ApiError like any other call's.
 */
export async function apiDownload(path: string): Promise<Blob> {
  const apiKey = storedApiKey();
  let response: Response;
  try {
    response = await fetch(path, {
      headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: "network_error",
      detail: "The console could not reach the Fairbill server. Check that it is running and try again.",
    });
  }
  if (response.ok) return response.blob();
  const problem = asProblem(parseJson(await response.text()), response);
  if (response.status === 401) {
    forgetApiKey();
    unauthorizedListener(problem.detail);
  }
  throw new ApiError(problem);
}
