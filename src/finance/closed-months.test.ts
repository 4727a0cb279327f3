// Closed months stay closed (issue #24, item 2): a payment recorded after
// January's lock with a received date in January, the void of an invoice
// issued in January, January's usage invoiced after the lock and an event of
// January received after it, change no report of January (reconciliation, KPIs with
// MRR movements and DSO, revenue report, journal): each answer is compared
// whole, before and after. Both show in February, the open month.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { closeMonthOverridingChecklist, recordPayment } from "../../test/support/finance-steps.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Closed months" });
const customers: Record<string, string> = {};
const januaryInvoice: Record<string, { id: string; amount_due: string }> = {};

const januaryReports = {
  reconciliation: "/v1/reconciliation?period=2026-01",
  kpis: "/v1/kpis?from=2026-01&to=2026-01",
  revenue: "/v1/revenue-report?from=2026-01&to=2026-01",
  revenueByCustomer: "/v1/revenue-report?from=2026-01&to=2026-01&group_by=customer",
  journal: "/v1/journal?period=2026-01",
};

/** Every January report, without the instant each was generated at. */
async function readJanuary(): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(januaryReports)) {
    const { generated_at: _generatedAt, ...answer } = await expectOk(suite.tenant.admin.get(path));
    answers[name] = answer;
  }
  return answers;
}

async function sendCalls(ids: string[], timestamp: string) {
  const batch = await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: ids.map((id) => ({ id, name: "api_call", timestamp, customer: "echo" })),
    }),
  );
  expect(batch.rejected).toEqual([]);
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-01T00:00:00Z");
  const monthly = async (code: string, amount: string) =>
    (
      await createPlan(suite.tenant.admin, {
        code,
        version: { interval: "month", charges: [{ id: "fee", type: "fixed", amount, timing: "in_advance" }] },
      })
    ).id;
  const plans = { pro: await monthly("pro", "400.00"), team: await monthly("team", "200.00") };
  const book = [
    ["cobalt", plans.pro],
    ["alpha", plans.team],
    ["delta", plans.team],
  ] as const;
  for (const [name, plan] of book) {
    customers[name] = (await createCustomer(suite.tenant.admin, { external_id: name, currency: "USD" })).id;
    await subscribe(suite.tenant.admin, {
      customer_id: customers[name] as string,
      plan_id: plan,
      start_at: "2026-01-01T00:00:00Z",
      billing: "calendar",
    });
    await expectOk(suite.tenant.admin.post(`/v1/customers/${customers[name]}/bill`, {}));
    const invoices = (await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customers[name]}`)))
      .data;
    januaryInvoice[name] = invoices[0];
  }
  // Echo pays for API calls by the month from 15 January: January's calls are invoiced on 15 February.
  await createMeter(suite.tenant.admin, { effective_from: "2025-12-01T00:00:00Z" });
  const calls = (
    await createPlan(suite.tenant.admin, {
      code: "calls",
      version: {
        interval: "month",
        charges: [{ id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "2.00" }],
      },
    })
  ).id;
  customers.echo = (await createCustomer(suite.tenant.admin, { external_id: "echo", currency: "USD" })).id;
  await advanceTestClock(suite.tenant.admin, "2026-01-15T00:00:00Z");
  await subscribe(suite.tenant.admin, {
    customer_id: customers.echo,
    plan_id: calls,
    start_at: "2026-01-15T00:00:00Z",
    billing: "anniversary",
  });
  // Cobalt pays 150.00 of its 400.00 on 20 January.
  await advanceTestClock(suite.tenant.admin, "2026-01-20T12:00:00Z");
  await recordPayment(suite.tenant.admin, januaryInvoice.cobalt!.id, "150.00");
  await sendCalls(["echo-1", "echo-2", "echo-3"], "2026-01-16T00:00:00Z");
  // January is closed on 5 February.
  await advanceTestClock(suite.tenant.admin, "2026-02-05T12:00:00Z");
  await closeMonthOverridingChecklist(suite.tenant.admin, "2026-01", "test book");
});

describe("a closed month", () => {
  it("reads as it did at the lock after a back-dated payment and a void, which show in the open month", async () => {
    const atLock = await readJanuary();
    // As closed: 800.00 invoiced, 150.00 paid, 650.00 owed (1,450.00 outstanding at the lock, with February's
    // invoices of 1 February); MRR 800.00, all new; DSO 650 / 800 × 31 = 25.2.
    const reconciliation = atLock.reconciliation as {
      locked_at: string;
      receivables: { totals: Record<string, string>[] };
    };
    expect(reconciliation.locked_at).toBe("2026-02-05T12:00:00.000Z");
    expect(reconciliation.receivables.totals).toEqual([
      expect.objectContaining({
        currency: "USD",
        invoiced: "800.00",
        payments: "150.00",
        voided: "0.00",
        closing_receivable: "650.00",
        outstanding_now: "1450.00",
      }),
    ]);
    const kpis = atLock.kpis as { mrr: Record<string, string>[]; dso: Record<string, string>[] };
    expect(kpis.mrr).toEqual([expect.objectContaining({ period: "2026-01", mrr: "800.00", new: "800.00" })]);
    expect(kpis.dso).toEqual([
      expect.objectContaining({ period: "2026-01", receivable: "650.00", days: "25.2" }),
    ]);

    // 6 February: Alpha's 200.00 is recorded as received on 30 January; 7 February: Delta's January invoice is voided.
    await advanceTestClock(suite.tenant.admin, "2026-02-06T10:00:00Z");
    await recordPayment(suite.tenant.admin, januaryInvoice.alpha!.id, "200.00", {
      reference: "ALPHA-0130",
      received_at: "2026-01-30T15:00:00Z",
    });
    await advanceTestClock(suite.tenant.admin, "2026-02-07T10:00:00Z");
    await expectOk(
      suite.tenant.admin.post(`/v1/invoices/${januaryInvoice.delta?.id}/void`, {
        reason: "billed by mistake",
      }),
    );
    // A call of 25 January arrives on 8 February; Echo's usage of 15 January to 15 February is invoiced
    // on 15 February.
    await advanceTestClock(suite.tenant.admin, "2026-02-08T10:00:00Z");
    await sendCalls(["echo-late"], "2026-01-25T00:00:00Z");
    await advanceTestClock(suite.tenant.admin, "2026-03-02T00:00:00Z");
    const echoInvoices = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customers.echo}`));
    expect(
      echoInvoices.data.map((invoice: { issued_at: string; total: string }) => [
        invoice.issued_at,
        invoice.total,
      ]),
    ).toContainEqual(["2026-02-15T00:00:00.000Z", "8.00"]);

    // Every January answer is what it was at the lock.
    expect(await readJanuary()).toEqual(atLock);

    // February: opening 650.00 (January's closing), invoiced 800.00 of fees (1 February) and Echo's 8.00 of
    // calls (15 February: four at 2.00, the late one included), Alpha's 200.00 paid, Delta's 200.00 voided:
    // 650 + 808 - 200 - 200 = 1,058.00.
    const february = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2026-02"));
    expect(february.locked_at).toBeNull();
    expect(february.receivables.totals).toEqual([
      expect.objectContaining({
        opening_receivable: "650.00",
        invoiced: "808.00",
        payments: "200.00",
        voided: "200.00",
        closing_receivable: "1058.00",
      }),
    ]);
    // The journal books the payment on 6 February, its own date kept in the memo; the void on 7 February.
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-02"));
    const cash = journal.lines.find((line: { account_key?: string; memo: string }) =>
      line.memo.startsWith("Payment ALPHA-0130"),
    );
    expect(cash).toMatchObject({
      date: "2026-02-06",
      memo: "Payment ALPHA-0130 (dated 2026-01-30, in a month closed before it was recorded)",
    });
    // The void takes Delta's January revenue back in February (its service was January's), and the late call
    // of closed January (2.00) is earned in February; Echo's three January calls (6.00) were accrued in
    // January: 800.00 of fees - 200.00 + 2.00 = 602.00.
    const revenue = await expectOk(suite.tenant.admin.get("/v1/revenue-report?from=2026-02&to=2026-02"));
    expect(revenue.rows).toEqual([expect.objectContaining({ period: "2026-02", recognized: "602.00" })]);
    // MRR keeps Delta: its subscription goes on and its February fee is invoiced; nothing churned in January.
    const kpisNow = await expectOk(suite.tenant.admin.get("/v1/kpis?from=2026-01&to=2026-02"));
    expect(
      kpisNow.mrr.map((row: Record<string, string>) => [row.period, row.mrr, row.new, row.churn]),
    ).toEqual([
      ["2026-01", "800.00", "800.00", "0.00"],
      ["2026-02", "800.00", "0.00", "0.00"],
    ]);
    // DSO of February from the February receivable: 1,058 / 808 × 28 = 36.7.
    expect(kpisNow.dso.at(-1)).toMatchObject({ period: "2026-02", receivable: "1058.00", days: "36.7" });
  });
});
