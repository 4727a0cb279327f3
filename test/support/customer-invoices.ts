// A customer's invoices as the API lists them, for tests that find the one
// the bill run issued on a given day.
import { expect } from "vitest";
import { expectOk } from "./responses.ts";
import type { ApiClient, LooseJson } from "./test-app.ts";

/** The customer's invoice issued at `issuedAt` (written as the API writes it: `2026-03-01T00:00:00.000Z`); the test fails when there is none. */
export async function invoiceIssuedAt(
  client: ApiClient,
  customerId: string,
  issuedAt: string,
): Promise<LooseJson> {
  const invoices: LooseJson[] = (
    await expectOk(client.get(`/v1/invoices?customer_id=${customerId}&limit=100`))
  ).data;
  const invoice = invoices.find((candidate) => candidate.issued_at === issuedAt);
  expect(invoice, `an invoice issued at ${issuedAt}`).toBeDefined();
  return invoice;
}

/** The customer's invoices (up to 100), in the order they were issued. */
export async function invoicesInIssueOrder<Invoice extends { issued_at: string }>(
  client: ApiClient,
  customerId: string,
): Promise<Invoice[]> {
  const page = await expectOk(client.get(`/v1/invoices?customer_id=${customerId}&limit=100`));
  return [...(page.data as Invoice[])].sort((left, right) => left.issued_at.localeCompare(right.issued_at));
}
