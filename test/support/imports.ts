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

/**
 * Runs a parallel run of the customer's imported invoices (the old system's history) to completion, checks it
 * compared `invoiceCount` invoices, and answers each compared invoice's old number and old total.
 */
export async function compareImportedInvoices(
  testApp: TestApp,
  client: ApiClient,
  customerExternalId: string,
  invoiceCount: number,
): Promise<[string, string][]> {
  const created = await client.post("/v1/parallel-runs", {
    old_invoices: "imported",
    customer_external_ids: [customerExternalId],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  await testApp.runJobs();
  const run = (await client.get(`/v1/parallel-runs/${created.body.id}`)).body;
  expect(run.status, run.failure).toBe("completed");
  expect(run.invoices).toBe(invoiceCount);
  const invoices: { old_invoice_number: string; old_total: string }[] = (
    await client.get(`/v1/parallel-runs/${created.body.id}/invoices`)
  ).body.data;
  return invoices.map((invoice) => [invoice.old_invoice_number, invoice.old_total]);
}
