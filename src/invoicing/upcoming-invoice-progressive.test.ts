// The upcoming invoice of a subscription billed progressively is the
// period's own invoice the bill run will issue: it gives back what the
// period's progressive invoices already billed with the same
// progressive_billing_credit line, and takes off the coupons what is left of
// their share of the period (billing rule 28). Every figure is worked by
// hand. The plan bills compute units on a summing meter at 1.00 each, in
// arrears, by calendar month from 1 January 2026; the threshold is 800.00.
import { describe, expect, it } from "vitest";
import {
  createCustomer,
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribe,
} from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = appForFile();

type Line = Record<string, unknown> & { kind: string; amount: string };
type Invoice = Record<string, unknown> & { origin: string; issued_at: string; lines: Line[] };

let sequence = 0;

/** A customer in France (10% VAT added) on compute units from 1 January 2026, billed early from 800.00. */
async function progressiveCustomer(): Promise<{ tenant: TestTenant; customerId: string }> {
  sequence += 1;
  const tenant = await suite.testApp.newTenant(`upcoming-progressive-${sequence}`);
  await freezeTestClock(tenant.admin, "2026-01-01T00:00:00Z");
  await createSumMeter(tenant.admin, "compute", "compute", { effective_from: "2025-12-01T00:00:00Z" });
  const plan = await createPlan(tenant.admin, {
    code: "compute",
    version: {
      charges: [{ id: "compute", type: "usage", meter: "compute", model: "per_unit", unit_price: "1.00" }],
    },
  });
  await expectCreated(
    tenant.admin.post("/v1/tax-rates", { country: "FR", name: "TVA", percent: "10", inclusive: false }),
  );
  const customer = await createCustomer(tenant.admin, {
    external_id: "lab",
    currency: "USD",
    timezone: "UTC",
    country: "FR",
  });
  await subscribe(tenant.admin, {
    customer_id: customer.id,
    plan_id: plan.id,
    start_at: "2026-01-01T00:00:00Z",
    billing: "calendar",
    progressive_billing_threshold: "800.00",
  });
  return { tenant, customerId: customer.id };
}

async function recordCompute(tenant: TestTenant, id: string, timestamp: string, units: number) {
  await ingestEvents(tenant.admin, [
    { id, name: "compute", timestamp, customer: "lab", properties: { n: units } },
  ]);
}

async function invoicesOf(tenant: TestTenant, customerId: string): Promise<Invoice[]> {
  const page = await expectOk(tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`));
  return [...(page.data as Invoice[])].sort((left, right) => left.issued_at.localeCompare(right.issued_at));
}

/** 800 units by 10 January, billed early by the bill run of 11 January; 200 more on 20 January. */
async function billedEarlyThenMore(tenant: TestTenant): Promise<void> {
  await advanceTestClock(tenant.admin, "2026-01-10T12:00:00Z");
  await recordCompute(tenant, "jan-a", "2026-01-10T00:00:00Z", 800);
  await advanceTestClock(tenant.admin, "2026-01-11T00:00:00Z");
  await advanceTestClock(tenant.admin, "2026-01-20T12:00:00Z");
  await recordCompute(tenant, "jan-b", "2026-01-20T00:00:00Z", 200);
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

describe("the upcoming invoice of a subscription billed progressively", () => {
  it("gives back the 800.00 billed early, as the period's invoice does: 200.00, tax 20.00, total 220.00", async () => {
    const { tenant, customerId } = await progressiveCustomer();
    await billedEarlyThenMore(tenant);

    const upcoming = await expectOk(
      tenant.admin.get<Invoice>(`/v1/customers/${customerId}/upcoming-invoice`),
    );
    // 1,000 units: 1,000.00 of usage less the 800.00 of the progressive invoice of 11 January.
    expect(upcoming.lines.map((line) => `${line.kind} ${line.amount}`)).toEqual([
      "usage 1000.00",
      "progressive_billing_credit -800.00",
    ]);
    expect([upcoming.subtotal, upcoming.discount, upcoming.tax, upcoming.total]).toEqual([
      "200.00",
      "0.00",
      "20.00",
      "220.00",
    ]);

    await advanceTestClock(tenant.admin, "2026-02-01T00:00:00Z");
    const invoices = await invoicesOf(tenant, customerId);
    expect(invoices.map((invoice) => invoice.origin)).toEqual(["progressive", "subscription"]);
    const periodEnd = invoices[1] as Invoice;
    expect(previewFieldsOf(upcoming)(periodEnd)).toEqual(upcoming);
  });

  it("takes off 20% of the period less the 160.00 the progressive invoice took, as the period's invoice does: 40.00", async () => {
    const { tenant, customerId } = await progressiveCustomer();
    await expectCreated(
      tenant.admin.post("/v1/coupons", {
        code: "LAUNCH20",
        name: "20% off two invoices",
        type: "percentage",
        percent: "20",
        duration: "repeating",
        duration_invoices: 2,
      }),
    );
    await expectCreated(
      tenant.admin.post(`/v1/customers/${customerId}/coupons`, { coupon_code: "LAUNCH20" }),
    );
    await billedEarlyThenMore(tenant);

    const upcoming = await expectOk(
      tenant.admin.get<Invoice>(`/v1/customers/${customerId}/upcoming-invoice`),
    );
    // 1,000.00 less the 800.00 billed early = 200.00; 20% of the period (200.00) less the 160.00
    // taken on the progressive invoice = 40.00; 160.00, tax 16.00, total 176.00.
    expect(upcoming.lines.map((line) => `${line.kind} ${line.amount}`)).toEqual([
      "usage 1000.00",
      "progressive_billing_credit -800.00",
    ]);
    expect([upcoming.subtotal, upcoming.discount, upcoming.tax, upcoming.total]).toEqual([
      "200.00",
      "40.00",
      "16.00",
      "176.00",
    ]);

    await advanceTestClock(tenant.admin, "2026-02-01T00:00:00Z");
    const invoices = await invoicesOf(tenant, customerId);
    expect(invoices.map((invoice) => [invoice.origin, invoice.discount, invoice.total])).toEqual([
      ["progressive", "160.00", "704.00"],
      ["subscription", "40.00", "176.00"],
    ]);
    const periodEnd = invoices[1] as Invoice;
    expect(previewFieldsOf(upcoming)(periodEnd)).toEqual(upcoming);
  });
});
