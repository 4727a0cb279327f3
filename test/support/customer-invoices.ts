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
