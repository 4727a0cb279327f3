// Imports through the API as an operator runs them: the import is queued
// (202), the job worker runs it, and the import is read back with its
// outcome (completed or failed, which the test checks); its records are
// read back by outcome, and what every import from another billing system
// must keep (no source key after the run, a dry run that tells the same
// story, a second run that creates nothing) is checked in one place.
import { expect } from "vitest";
import type { ImportRun } from "./api-types.ts";
import { readEveryPage } from "./paged-lists.ts";
import { expectOk } from "./responses.ts";
import type { ApiClient, LooseJson, TestApp } from "./test-app.ts";

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

/** Every record of an import, or only those of one outcome (`created`, `skipped`, `refused`). */
export function importRecordsOf(client: ApiClient, importId: string, outcome?: string): Promise<LooseJson[]> {
  return readEveryPage(
    client,
    `/v1/imports/${importId}/records?limit=100${outcome ? `&outcome=${outcome}` : ""}`,
  );
}

/** The reason of each record, keyed by its source type and id (`plan seats`). */
export function reasonsBySourceRecord(records: LooseJson[]): Record<string, string> {
  return Object.fromEntries(
    records.map((record) => [`${record.source_type} ${record.source_id}`, record.reason]),
  );
}

/** Checks that no import keeps the source system's key once it has run. */
export async function expectNoSourceKeyKept(testApp: TestApp): Promise<void> {
  const stored = await testApp.handle.database.selectFrom("imports").select("source_secret").execute();
  expect(stored.map((row) => row.source_secret)).toEqual([null]);
}

/** Checks that a dry run counted what the import then did: as many created, skipped and refused. */
export function expectDryRunToldTheSameStory(dryRun: ImportRun, run: ImportRun): void {
  expect([dryRun.created, dryRun.skipped, dryRun.refused]).toEqual([run.created, run.skipped, run.refused]);
}

/** Checks that a second run created nothing: what the first created or skipped is skipped, what it refused is refused again. */
export function expectSecondRunCreatedNothing(second: ImportRun, first: ImportRun): void {
  expect(second.created).toBe(0);
  expect(second.refused).toBe(first.refused);
  expect(second.skipped).toBe(first.created + first.skipped);
}
