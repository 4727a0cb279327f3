// Response checks for API tests: the status a call must answer, with the
// body in the failure message (a refusal says why), and the body returned
// typed for the assertions that follow.
import { expect } from "vitest";
import type { ApiResponse } from "./test-app.ts";

type Answer<Body> = ApiResponse<Body> | Promise<ApiResponse<Body>>;

/** The body of a response that must have the given status (200 unless told). */
async function expectStatus<Body>(response: Answer<Body>, status = 200): Promise<Body> {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

/** The body of a successful read or change (200). */
export function expectOk<Body>(response: Answer<Body>): Promise<Body> {
  return expectStatus(response, 200);
}

/** The body of a create (201). */
export function expectCreated<Body>(response: Answer<Body>): Promise<Body> {
  return expectStatus(response, 201);
}

/** Checks that a refused call answered `status` with the problem `code` (its body in the failure message). */
export function expectProblem(
  response: Pick<ApiResponse, "status" | "body">,
  status: number,
  code: string,
): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.code).toBe(code);
}

/** Checks that a request was refused (400) naming `path` as its first bad field (its body in the failure message). */
export function expectRefusedAt(response: Pick<ApiResponse, "status" | "body">, path: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.errors[0].path).toBe(path);
}

/**
 * Checks that a refused request answered `status` (400 unless told), with the problem `code` when told,
 * naming `path` among its bad fields; `label` (the request's case in a table) heads each failure message.
 */
export function expectRefusedNaming(
  response: Pick<ApiResponse, "status" | "body">,
  path: string,
  options: { status?: number; code?: string; label?: string } = {},
): void {
  const label = options.label ?? JSON.stringify(response.body);
  expect(response.status, label).toBe(options.status ?? 400);
  if (options.code !== undefined) expect(response.body.code, label).toBe(options.code);
  expect(
    response.body.errors.map((error: { path: string }) => error.path),
    label,
  ).toContain(path);
}

/** The paths of the fields a refused request (400) named, in the order the problem lists them. */
export async function expectRefusedFields(response: Answer<unknown>): Promise<string[]> {
  const problem = (await expectStatus(response, 400)) as { errors: { path: string }[] };
  return problem.errors.map((error) => error.path);
}
