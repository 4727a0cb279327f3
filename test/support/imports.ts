// Imports through the API as an operator runs them: the import is queued
// (202), the job worker runs it, and the import is read back with its
// outcome (completed or failed, which the test checks).
import { expect } from "vitest";
import type { ImportRun } from "./api-types.ts";
import { expectOk } from "./responses.ts";
import type { ApiClient, TestApp } from "./test-app.ts";

/** Queues an import of `body` (POST /v1/imports), runs the due jobs and reads the import back. */
export async function runImportJob(testApp: TestApp, client: ApiClient, body: object): Promise<ImportRun> {
  const created = await client.post<ImportRun>("/v1/imports", body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  expect(created.body.status).toBe("queued");
  await testApp.runJobs();
  return expectOk(client.get<ImportRun>(`/v1/imports/${created.body.id}`));
}
