// Overdue invoices and receivables by age in a real Chromium, on the test
// clock. Payment terms are the default 30 days: invoice A (100.00, 1 January)
// is due on 31 January, invoice B (20.00, 10 April) on 10 May. On 11 May at
// noon A is 101 days overdue and B 2 days. A finance user reads the ageing
// (USD: 1–30 days 20.00, over 90 days 100.00), opens the over-90 bucket (only
// A, shown overdue), filters the list by status Overdue (A and B), and opens
// A: overdue 101 days, and its dunning says it is not in dunning.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let finance: Page;
const invoiceNumbers: string[] = [];

beforeAll(async () => {
  harness = await startConsoleHarness();
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "late-payer",
    name: "Late Payer",
    currency: "USD",
  })) as { id: string };
  for (const [amount, at] of [
    ["100.00", `${year}-01-01T00:00:00Z`],
    ["20.00", `${year}-04-10T00:00:00Z`],
  ] as const) {
    await harness.api("POST", "/v1/test-clock", { frozen_at: at });
    const invoice = (await harness.api("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "USD",
      lines: [{ description: "Consulting", quantity: "1", unit_amount: amount }],
      finalize: true,
    })) as { number: string };
    invoiceNumbers.push(invoice.number);
  }
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-05-11T12:00:00Z` });
  const financeKey = await harness.newKey("finance", "Finance");
  finance = await harness.newPage(laptop);
  await signIn(finance, harness.baseUrl, financeKey.secret, "/invoices");
});
afterAll(async () => harness?.close());

describe("overdue invoices and receivables by age", () => {
  it("shows the ageing, the invoices of a bucket, the overdue filter and an invoice's dunning", async () => {
    const [late, recent] = invoiceNumbers as [string, string];
    await finance.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
    const ageing = finance.getByRole("region", { name: "Receivables by age table" });
    await ageing.getByRole("link", { name: "1–30 days overdue in USD: $20.00 1 invoice" }).waitFor();
    await harness.screenshot(finance, "receivables-ageing");
    await ageing.getByRole("link", { name: "Over 90 days overdue in USD: $100.00 1 invoice" }).click();

    const table = finance.getByRole("region", { name: "Invoices table" });
    await table
      .getByRole("row", { name: new RegExp(late) })
      .getByText("Overdue 101 days")
      .waitFor();
    await table.getByRole("row", { name: new RegExp(recent) }).waitFor({ state: "detached" });
    expect(finance.url()).toContain("ageing=over_90");

    await finance.goto(`${harness.baseUrl}/invoices?status=overdue`);
    await table
      .getByRole("row", { name: new RegExp(recent) })
      .getByText("Overdue 2 days")
      .waitFor();
    await table
      .getByRole("row", { name: new RegExp(late) })
      .getByText("Overdue 101 days")
      .waitFor();

    await table.getByRole("link", { name: late }).click();
    await finance.getByRole("heading", { level: 1, name: `Invoice ${late}` }).waitFor();
    await finance.getByText("Overdue 101 days").first().waitFor();
    const dunning = finance.getByRole("region", { name: "Dunning" });
    await dunning.getByText("Not in dunning: no payment of this invoice has failed.").waitFor();
    await harness.screenshot(finance, "overdue-invoice");
    expect(harness.consoleErrors).toEqual([]);
  }, 180_000);
});
