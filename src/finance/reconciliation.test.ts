// The reconciliation of a month seeded with deliberate leaks names each one
// with its cause and its amount at current prices; a clean month reconciles
// to zero difference. Time moves with the environment's test clock, whose
// advances run the bill run.

import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { invoiceIssuedAt } from "../../test/support/customer-invoices.ts";
import { recordPayment } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Reconciliation" });
let acme: string;
let globexSubscription: string;

let sent = 0;
async function send(customer: string, name: string, timestamp: string, count: number, properties = {}) {
  const result = await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: Array.from({ length: count }, () => {
        sent += 1;
        return { id: `event-${sent}`, name, timestamp, customer, properties };
      }),
    }),
  );
  expect(result.rejected).toEqual([]);
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-09-01T00:00:00Z");
  await createMeter(suite.tenant.admin, { effective_from: "2026-08-01T00:00:00Z" });
  // Counted, but no plan charges for it.
  await createMeter(suite.tenant.admin, {
    code: "storage",
    name: "Storage",
    event_name: "storage_used",
    aggregation: "sum",
    property: "gb",
    effective_from: "2026-08-01T00:00:00Z",
  });
  const plan = await createPlan(suite.tenant.admin, {
    code: "pro",
    name: "Pro",
    version: {
      charges: [{ id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.10" }],
    },
  });
  const subscribeNew = async (externalId: string) => {
    const customer = await createCustomer(suite.tenant.admin, { external_id: externalId, currency: "USD" });
    const subscription = await subscribe(suite.tenant.admin, {
      customer_id: customer.id,
      plan_id: plan.id,
      start_at: "2026-09-01T00:00:00Z",
      billing: "calendar",
    });
    return { customer: customer.id, subscription: subscription.id };
  };
  acme = (await subscribeNew("acme")).customer;
  globexSubscription = (await subscribeNew("globex")).subscription;

  // September: every event billed on the October 1 invoices.
  await advanceTestClock(suite.tenant.admin, "2026-09-15T00:00:00Z");
  await send("acme", "api_call", "2026-09-10T10:00:00Z", 40);
  await send("globex", "api_call", "2026-09-11T10:00:00Z", 15);

  // October, with the leaks.
  await advanceTestClock(suite.tenant.admin, "2026-10-10T12:00:00Z");
  await send("acme", "api_call", "2026-10-10T10:00:00Z", 100);
  await send("globex", "api_call", "2026-10-05T10:00:00Z", 20);
  await send("ghost", "api_call", "2026-10-10T11:00:00Z", 30);
  await send("acme", "storage_used", "2026-10-10T09:00:00Z", 5, { gb: 2 });
  await send("acme", "page_view", "2026-10-10T08:00:00Z", 1);
  await expectOk(
    suite.tenant.admin.post(`/v1/subscriptions/${globexSubscription}/cancel`, {
      mode: "immediate",
      reason: "churned",
    }),
  );
  await advanceTestClock(suite.tenant.admin, "2026-10-20T00:00:00Z");
  await send("globex", "api_call", "2026-10-15T10:00:00Z", 10);
  await advanceTestClock(suite.tenant.admin, "2026-11-01T00:00:00Z");
  await advanceTestClock(suite.tenant.admin, "2026-11-02T00:00:00Z");
  await send("acme", "api_call", "2026-10-25T10:00:00Z", 7);
});

describe("the reconciliation of a month", () => {
  it("names every leak with its cause and its amount at current prices", async () => {
    const report = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2026-10"));
    expect(report.clean).toBe(false);
    // 100 + 20 + 30 + 5 + 1 + 10 + 7 events occurred in October.
    expect(report.usage).toMatchObject({
      events_ingested: 173,
      events_attributed: 143,
      events_matched: 172,
      events_billed: 120,
    });
    const octoberInvoice = await invoiceIssuedAt(suite.tenant.admin, acme, "2026-11-01T00:00:00.000Z");
    const differences = report.usage.differences.map((difference: Record<string, unknown>) => ({
      cause: difference.cause,
      category: difference.category,
      customer: difference.customer_external_id,
      meter: difference.meter ?? difference.event_name,
      events: difference.events,
      quantity: difference.quantity,
      amount: difference.amount,
      invoice: difference.invoice_number,
    }));
    expect(differences).toEqual([
      // Globex's 10 calls after its cancellation on October 10, at its plan's 0.10 a call.
      {
        cause: "after_cancellation",
        category: "leakage",
        customer: "globex",
        meter: "calls",
        events: 10,
        quantity: "10",
        amount: "1.00",
        invoice: null,
      },
      // 7 calls of October 25 sent on November 2, after October's invoice was finalized: 107 × 0.10 − 10.00.
      {
        cause: "late_after_finalization",
        category: "leakage",
        customer: "acme",
        meter: "calls",
        events: 7,
        quantity: "7",
        amount: "0.70",
        invoice: octoberInvoice.number,
      },
      // 5 × 2 GB of storage: a meter nobody prices, so nothing puts an amount on it.
      {
        cause: "meter_not_priced",
        category: "leakage",
        customer: "acme",
        meter: "storage",
        events: 5,
        quantity: "10",
        amount: null,
        invoice: null,
      },
      {
        cause: "no_meter",
        category: "leakage",
        customer: "acme",
        meter: "page_view",
        events: 1,
        quantity: null,
        amount: null,
        invoice: null,
      },
      // 30 calls for a customer id nobody has, at the lowest list price that charges for calls (Pro's 0.10).
      {
        cause: "unknown_customer",
        category: "leakage",
        customer: "ghost",
        meter: "calls",
        events: 30,
        quantity: "30",
        amount: "3.00",
        invoice: null,
      },
    ]);
    // 10 + 7 + 5 + 1 + 30 = 53 of 173 events leaked: 306.36 per 1,000; 4.70 USD, 27.17 per 1,000 events.
    expect(report.leakage).toEqual({
      events: 53,
      per_thousand_events: "306.36",
      amounts: [{ currency: "USD", amount: "4.70" }],
      amounts_per_thousand_events: [{ currency: "USD", amount: "27.17" }],
      unpriced_events: 6,
    });
    const acmeCalls = report.usage.rows.find(
      (row: { customer_external_id: string; meter: string }) =>
        row.customer_external_id === "acme" && row.meter === "calls",
    );
    expect(acmeCalls).toMatchObject({ events_ingested: 107, events_billed: 100, events_unbilled: 7 });
    expect(
      acmeCalls.billed_lines.map((line: { quantity: string; amount: string }) => [
        line.quantity,
        line.amount,
      ]),
    ).toEqual([["100", "10.00"]]);
    expect(report.receivables.differences).toEqual([]);
  });

  it("reconciles a clean month to zero difference", async () => {
    const report = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2026-09"));
    expect(report.usage.differences).toEqual([]);
    expect(report.receivables.differences).toEqual([]);
    expect(report.clean).toBe(true);
    expect(report.usage).toMatchObject({ events_ingested: 55, events_billed: 55 });
    expect(report.leakage).toMatchObject({ events: 0, per_thousand_events: "0.00", amounts: [] });
    // Invoices against receivables: 4.00 and 1.50 invoiced on October 1 for September's usage, nothing paid.
    const october = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2026-10"));
    expect(october.receivables.totals).toEqual([
      expect.objectContaining({ currency: "USD", opening_receivable: "0.00", payments: "0.00" }),
    ]);
  });

  it("rolls receivables forward with payments and refunds, and books them in a balanced journal", async () => {
    const november = await invoiceIssuedAt(suite.tenant.admin, acme, "2026-11-01T00:00:00.000Z");
    const payment = await recordPayment(suite.tenant.admin, november.id, "6.00");
    await expectCreated(
      suite.tenant.admin.post(`/v1/payments/${payment.id}/refunds`, { amount: "1.00", reason: "goodwill" }),
    );
    const report = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2026-11"));
    expect(report.receivables.differences).toEqual([]);
    // Acme owed September's 4.00 on November 1, was invoiced 10.00 for October, paid 6.00 and got 1.00 back: 9.00.
    expect(
      report.receivables.customers.find((row: { customer_id: string }) => row.customer_id === acme),
    ).toEqual({
      customer_id: acme,
      currency: "USD",
      opening_receivable: "4.00",
      invoiced: "10.00",
      voided: "0.00",
      credit_notes: "0.00",
      payments: "6.00",
      refunds: "1.00",
      chargebacks: "0.00",
      closing_receivable: "9.00",
      outstanding_now: "9.00",
    });
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-11"));
    expect(journal.balanced).toBe(true);
    const cash = journal.lines.filter((line: { account_role: string }) => line.account_role === "cash");
    expect(cash.map((line: { debit: string; credit: string }) => [line.debit, line.credit])).toEqual([
      ["6.00", ""],
      ["", "1.00"],
    ]);
  });

  it("answers 400 naming the period when it is not a month", async () => {
    const response = await suite.tenant.admin.get("/v1/reconciliation?period=2026-13");
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toContain("period");
  });
  it("balances the journal export of every month of the test: debits equal credits", async () => {
    for (const period of ["2026-09", "2026-10", "2026-11"]) {
      const exported = await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period }));
      expect(exported.totals.length, period).toBeGreaterThan(0);
      for (const total of exported.totals) expect(total.debit, period).toBe(total.credit);
    }
  });
});
