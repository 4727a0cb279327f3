// The upcoming invoice of a subscription billed progressively is the
// period's own invoice the bill run will issue: it gives back what the
// period's progressive invoices already billed with the same
// progressive_billing_credit line, and takes off the coupons what is left of
// their share of the period (billing rule 28). Every figure is worked by
// hand. The plan bills compute units on a summing meter at 1.00 each, in
// arrears, by calendar month from 1 January 2026; the threshold is 800.00.
import { describe, expect, it } from "vitest";
import { invoicesInIssueOrder } from "../../test/support/customer-invoices.ts";
import {
  progressiveComputeCustomer,
  redeemTwentyPercentForTwoInvoices,
  sendComputeUsage,
} from "../../test/support/progressive-compute.ts";
import { expectOk } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { advanceTestClock } from "../../test/support/test-clock-api.ts";

const suite = appForFile();

type Line = Record<string, unknown> & { kind: string; amount: string };
type Invoice = Record<string, unknown> & { origin: string; issued_at: string; lines: Line[] };

let sequence = 0;

/** A customer in France (10% VAT added) on compute units from 1 January 2026, billed early from 800.00. */
async function progressiveCustomer() {
  sequence += 1;
  return progressiveComputeCustomer(suite.testApp, {
    tenantName: `upcoming-progressive-${sequence}`,
    threshold: "800.00",
    frenchVat: true,
  });
}

/** 800 units by 10 January, billed early by the bill run of 11 January; 200 more on 20 January. */
async function billedEarlyThenMore(tenant: TestTenant): Promise<void> {
  await advanceTestClock(tenant.admin, "2026-01-10T12:00:00Z");
  await sendComputeUsage(tenant, "jan-a", "2026-01-10T00:00:00Z", 800);
  await advanceTestClock(tenant.admin, "2026-01-11T00:00:00Z");
  await advanceTestClock(tenant.admin, "2026-01-20T12:00:00Z");
  await sendComputeUsage(tenant, "jan-b", "2026-01-20T00:00:00Z", 200);
  await advanceTestClock(tenant.admin, "2026-01-25T00:00:00Z");
}

/** The fields a preview shares with an issued invoice (its lines without their ids). */
const previewFieldsOf = (preview: Record<string, unknown>) => (invoice: Invoice) =>
  Object.fromEntries(
    Object.keys(preview).map((key) => [
      key,
      key === "lines"
        ? invoice.lines.map((line) => {
            const { id: _id, billed_customer: _billedCustomer, ...fields } = line;
            return fields;
          })
        : invoice[key],
    ]),
  );

const upcomingInvoiceOf = (tenant: TestTenant, customerId: string) =>
  expectOk(tenant.admin.get<Invoice>(`/v1/customers/${customerId}/upcoming-invoice`));

const linesOf = (invoice: Invoice) => invoice.lines.map((line) => `${line.kind} ${line.amount}`);

const totalsOf = (invoice: Invoice) => [invoice.subtotal, invoice.discount, invoice.tax, invoice.total];

describe("the upcoming invoice of a subscription billed progressively", () => {
  it("gives back the 800.00 billed early, as the period's invoice does: 200.00, tax 20.00, total 220.00", async () => {
    const { tenant, customerId } = await progressiveCustomer();
    await billedEarlyThenMore(tenant);

    const upcoming = await upcomingInvoiceOf(tenant, customerId);
    // 1,000 units: 1,000.00 of usage less the 800.00 of the progressive invoice of 11 January.
    expect(linesOf(upcoming)).toEqual(["usage 1000.00", "progressive_billing_credit -800.00"]);
    expect(totalsOf(upcoming)).toEqual(["200.00", "0.00", "20.00", "220.00"]);

    await advanceTestClock(tenant.admin, "2026-02-01T00:00:00Z");
    const invoices = await invoicesInIssueOrder<Invoice>(tenant.admin, customerId);
    expect(invoices.map((invoice) => invoice.origin)).toEqual(["progressive", "subscription"]);
    const periodEnd = invoices[1] as Invoice;
    expect(previewFieldsOf(upcoming)(periodEnd)).toEqual(upcoming);
  });

  it("takes off 20% of the period less the 160.00 the progressive invoice took, as the period's invoice does: 40.00", async () => {
    const { tenant, customerId } = await progressiveCustomer();
    await redeemTwentyPercentForTwoInvoices(tenant, customerId);
    await billedEarlyThenMore(tenant);

    const upcoming = await upcomingInvoiceOf(tenant, customerId);
    // 1,000.00 less the 800.00 billed early = 200.00; 20% of the period (200.00) less the 160.00
    // taken on the progressive invoice = 40.00; 160.00, tax 16.00, total 176.00.
    expect(linesOf(upcoming)).toEqual(["usage 1000.00", "progressive_billing_credit -800.00"]);
    expect(totalsOf(upcoming)).toEqual(["200.00", "40.00", "16.00", "176.00"]);

    await advanceTestClock(tenant.admin, "2026-02-01T00:00:00Z");
    const invoices = await invoicesInIssueOrder<Invoice>(tenant.admin, customerId);
    expect(invoices.map((invoice) => [invoice.origin, invoice.discount, invoice.total])).toEqual([
      ["progressive", "160.00", "704.00"],
      ["subscription", "40.00", "176.00"],
    ]);
    const periodEnd = invoices[1] as Invoice;
    expect(previewFieldsOf(upcoming)(periodEnd)).toEqual(upcoming);
  });
});
