// Billing KPIs over four months of a small book of business, checked
// against figures worked out by hand: MRR with its movements (new,
// expansion, contraction, churn, reactivation), net revenue retention, DSO,
// the time to resolve disputes, leakage per 1,000 events and the usage-trend
// forecast of the next month.
import { beforeAll, describe, expect, it } from "vitest";
import type { Charge, PlanVersionBody } from "../../test/support/api-types.ts";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { recordPayment } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "KPIs" });
const customers: Record<string, string> = {};
const plans: Record<string, string> = {};
let sent = 0;

async function calls(customer: string, timestamp: string, count: number) {
  const result = await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: Array.from({ length: count }, () => {
        sent += 1;
        return { id: `call-${sent}`, name: "api_call", timestamp, customer };
      }),
    }),
  );
  expect(result.rejected).toEqual([]);
}

async function plan(code: string, version: Partial<PlanVersionBody>) {
  plans[code] = (await createPlan(suite.tenant.admin, { code, version })).id;
}

async function subscribeFrom(customer: string, planCode: string, startAt: string): Promise<string> {
  const subscription = await subscribe(suite.tenant.admin, {
    customer_id: customers[customer]!,
    plan_id: plans[planCode]!,
    start_at: startAt,
    billing: "calendar",
  });
  return subscription.id;
}

async function invoicesOf(customer: string) {
  return (await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customers[customer]}&limit=100`)))
    .data;
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2025-12-31T12:00:00Z");
  await createMeter(suite.tenant.admin, { effective_from: "2025-12-01T00:00:00Z" });
  const fee = (amount: string): Charge => ({ id: "fee", type: "fixed", amount, timing: "in_advance" });
  await plan("starter", { interval: "month", charges: [fee("100.00")] });
  await plan("growth", {
    interval: "month",
    charges: [
      fee("300.00"),
      { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "1.00" },
    ],
  });
  await plan("annual", { interval: "year", charges: [fee("1200.00")] });
  for (const name of ["ada", "bob", "cyd", "dee"]) {
    customers[name] = (await createCustomer(suite.tenant.admin, { external_id: name, currency: "USD" })).id;
  }
  const ada = await subscribeFrom("ada", "starter", "2026-01-01T00:00:00Z");
  await subscribeFrom("bob", "annual", "2026-01-01T00:00:00Z");
  const cyd = await subscribeFrom("cyd", "starter", "2026-01-01T00:00:00Z");
  const dee = await subscribeFrom("dee", "starter", "2026-01-01T00:00:00Z");

  // January: every invoice paid on the 10th; Dee leaves at the end of the month.
  await advanceTestClock(suite.tenant.admin, "2026-01-10T00:00:00Z");
  for (const name of ["ada", "bob", "cyd", "dee"]) {
    for (const invoice of await invoicesOf(name)) {
      await recordPayment(suite.tenant.admin, invoice.id, invoice.amount_due);
    }
  }
  await expectOk(
    suite.tenant.admin.post(`/v1/subscriptions/${dee}/cancel`, { mode: "period_end", reason: "budget" }),
  );

  // February: Cyd leaves at the end of the month; Ada disputes her invoice for two days and moves to Growth on March 1.
  await advanceTestClock(suite.tenant.admin, "2026-02-10T00:00:00Z");
  await expectOk(
    suite.tenant.admin.post(`/v1/subscriptions/${cyd}/cancel`, { mode: "period_end", reason: "moved away" }),
  );
  const [february] = (await invoicesOf("ada")).filter(
    (invoice: { issued_at: string }) => invoice.issued_at === "2026-02-01T00:00:00.000Z",
  );
  const dispute = await expectCreated(
    suite.tenant.admin.post(`/v1/invoices/${february.id}/disputes`, { reason: "why 100?" }),
  );
  await expectOk(
    suite.tenant.admin.post(`/v1/subscriptions/${ada}/change-plan`, {
      plan_id: plans.growth,
      timing: "at",
      at: "2026-03-01T00:00:00Z",
    }),
  );
  await freezeTestClock(suite.tenant.admin, "2026-02-12T00:00:00Z");
  await expectOk(
    suite.tenant.admin.post(`/v1/disputes/${dispute.id}/resolve`, {
      resolution: "rejected",
      note: "as agreed",
    }),
  );

  // March: Ada makes 50 calls; Dee signs up again from April 1.
  await advanceTestClock(suite.tenant.admin, "2026-03-15T00:00:00Z");
  await calls("ada", "2026-03-10T00:00:00Z", 50);
  await subscribeFrom("dee", "starter", "2026-04-01T00:00:00Z");
  // April: Ada makes 70 calls, and 2 calls come for a customer nobody has.
  await advanceTestClock(suite.tenant.admin, "2026-04-15T00:00:00Z");
  await calls("ada", "2026-04-10T00:00:00Z", 70);
  await calls("nobody", "2026-04-10T00:00:00Z", 2);
  await advanceTestClock(suite.tenant.admin, "2026-05-02T00:00:00Z");
});

describe("billing KPIs", () => {
  it("works out MRR with its movements, NRR, DSO, disputes, leakage and the forecast", async () => {
    const kpis = await expectOk(suite.tenant.admin.get("/v1/kpis?from=2026-02&to=2026-04"));
    const months = kpis.mrr.map((month: Record<string, string | number>) => [
      month.period,
      month.starting_mrr,
      month.new,
      month.expansion,
      month.contraction,
      month.churn,
      month.reactivation,
      month.mrr,
      month.customers,
      month.usage_mrr,
    ]);
    // MRR is committed recurring fees (usage apart, as usage MRR: the usage revenue of the month and the
    // two before, averaged). January (before the range): Ada, Cyd and Dee at 100.00, Bob's 1,200.00 a year
    // at 100.00 a month: 400.00.
    expect(months).toEqual([
      // Dee's last month was January.
      ["2026-02", "400.00", "0.00", "0.00", "0.00", "-100.00", "0.00", "300.00", 3, "0.00"],
      // Ada: 300.00 on Growth (+200.00), her 50 calls at 1.00 are usage (50.00 / 3 = 16.67); Cyd's last
      // month was February.
      ["2026-03", "300.00", "0.00", "200.00", "0.00", "-100.00", "0.00", "400.00", 2, "16.67"],
      // Ada still 300.00 (70 calls: usage MRR (0 + 50 + 70) / 3 = 40.00); Dee is back (100.00): a
      // reactivation, not new business.
      ["2026-04", "400.00", "0.00", "0.00", "0.00", "0.00", "100.00", "500.00", 3, "40.00"],
    ]);
    expect(kpis.mrr.at(-1).arr).toBe("6000.00");
    // January's customers had 400.00; in April the same customers have 300.00 + 100.00 + 0.00 + 100.00 = 500.00.
    expect(kpis.net_revenue_retention).toEqual([
      {
        currency: "USD",
        cohort_period: "2026-01",
        starting_mrr: "400.00",
        retained_mrr: "500.00",
        percent: "125.00",
      },
    ]);
    // January's invoices were paid; nothing since. February: 200.00 owed of 200.00 invoiced over 28 days;
    // March: 500.00 owed of 300.00 invoiced over 31 days = 51.7; April: 950.00 of 450.00 over 30 days = 63.3.
    expect(
      kpis.dso.map((row: Record<string, string>) => [row.period, row.receivable, row.invoiced, row.days]),
    ).toEqual([
      ["2026-02", "200.00", "200.00", "28.0"],
      ["2026-03", "500.00", "300.00", "51.7"],
      ["2026-04", "950.00", "450.00", "63.3"],
    ]);
    // Opened February 10, rejected February 12.
    expect(kpis.disputes).toMatchObject({
      opened: 1,
      resolved: 1,
      open_now: 0,
      median_hours_to_resolve: "48.00",
      average_hours_to_resolve: "48.00",
    });
    // 2 of the range's 122 events are for nobody, at Growth's 1.00 a call: 2 × 1,000 / 122 = 16.39 per 1,000.
    expect(kpis.leakage).toEqual({
      events_ingested: 122,
      leaking_events: 2,
      per_thousand_events: "16.39",
      amounts: [{ currency: "USD", amount: "2.00" }],
      amounts_per_thousand_events: [{ currency: "USD", amount: "16.39" }],
    });
    expect(kpis.billing_failure_rate).toMatchObject({ payment_attempts: 0, attempt_failure_percent: null });
    expect(kpis.billing_failure_rate.bill_run_customer_errors).toBe(0);
    // May: Ada's calls went 50 then 70, so the trend says 90 (90.00) on top of 300.00.
    expect(kpis.forecast.period).toBe("2026-05");
    const forecast = Object.fromEntries(
      kpis.forecast.customers.map((row: { customer_id: string; total: string }) => [row.customer_id, row]),
    );
    expect(forecast[customers.ada as string]).toMatchObject({
      recurring: "300.00",
      total: "390.00",
      usage: [
        {
          meter: "calls",
          history: [
            { period: "2026-03", quantity: "50" },
            { period: "2026-04", quantity: "70" },
          ],
          forecast_quantity: "90",
          forecast_amount: "90.00",
        },
      ],
    });
    expect(forecast[customers.bob as string]).toMatchObject({ recurring: "100.00", total: "100.00" });
    expect(forecast[customers.dee as string]).toMatchObject({ recurring: "100.00", total: "100.00" });
    expect(forecast[customers.cyd as string]).toBeUndefined();
  });

  it("refuses a range that ends before it starts, naming the field", async () => {
    const response = await suite.tenant.admin.get("/v1/kpis?from=2026-05&to=2026-04");
    expectRefusedAt(response, "query.to");
  });
  it("balances the journal export of every month of the test: debits equal credits", async () => {
    for (const period of ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]) {
      const exported = await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period }));
      expect(exported.totals.length, period).toBeGreaterThan(0);
      for (const total of exported.totals) expect(total.debit, period).toBe(total.credit);
    }
  });
});
