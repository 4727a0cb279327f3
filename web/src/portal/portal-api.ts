// The portal's calls to /v1/portal: the link's token as "Authorization:
// Portal <token>", JSON in and out, and every refusal an ApiError carrying
// the API's problem document, as in the console.
import { ApiError } from "../api/api-client.ts";
import type { FieldError } from "../api/resources.ts";

let portalToken: string | undefined;

export function setPortalToken(token: string): void {
  portalToken = token;
}

const networkError = () =>
  new ApiError({
    status: 0,
    code: "network_error",
    detail: "The billing portal could not reach the server. Check your connection and try again.",
  });

async function refusal(response: Response): Promise<ApiError> {
  let body: { code?: unknown; detail?: unknown; errors?: FieldError[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  return new ApiError({
    status: response.status,
    code: typeof body?.code === "string" ? body.code : "unexpected_response",
    detail:
      typeof body?.detail === "string"
        ? body.detail
        : `The server answered ${response.status} ${response.statusText} without an explanation.`,
    ...(body?.errors ? { errors: body.errors } : {}),
  });
}

async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (portalToken !== undefined) headers.authorization = `Portal ${portalToken}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  try {
    return await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError();
  }
}

export async function portalRequest<Result>(
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<Result> {
  const response = await send(method, path, options.body, options.signal);
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as Result;
}

/** A document (an invoice PDF) as a Blob: the token goes in a header, so a plain link cannot fetch it. */
export async function portalDownload(path: string): Promise<Blob> {
  const response = await send("GET", path);
  if (!response.ok) throw await refusal(response);
  return response.blob();
}
