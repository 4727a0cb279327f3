// The four-month book of issue #24 (../shared/finance/four-month-book.md),
// replayed through the API on the test clock in clock order: three customers
// in USD and EUR, an annual fee, graduated usage, an upgrade with proration,
// a coupon, promotional and purchased credits with breakage, partial, late and
// back-dated payments, a credit note, a refund and German VAT. Each month is
// closed on the 5th of the next (April on 2 May) WITHOUT an override: the
// checklist comes clean because usage not yet invoiced is accrued. Then every
// month's figures are read back (closed months read as at their lock) and
// compared with the hand figures written below.
//
// The book keeps its accounting months in UTC, as it was written (configured
// in the finance settings here; a German seller's default is Europe/Berlin,
// tested in src/finance/accounting-time-zone.test.ts, where the invoice of
// 1 April 00:00 Berlin and its VAT are April's).
//
// Hand figures: ../shared/finance/hand.py (its output is in the book), with
// the corrected policies:
//
// USD, Alpha (A) and Cobalt (C).
//   A's annual fee 1,200.00 from 15 January, ratably by day over 365 days:
//     Jan 17/365 = 55.89, Feb 28/365 = 92.05, Mar 31/365 = 101.92, Apr 30/365 = 98.63.
//   A's usage, 0.01 a call, billed on the 15th for the month before; accrued
//   at each month end at the period-to-date price (item 1):
//     Jan: accrue 1,500 calls (16-30 Jan) = 15.00                         -> usage 15.00, unbilled 15.00
//     Feb: invoice 15 Feb 25.00 (2,500 calls) - Jan accrual reversed 15.00
//          + accrue 2,000 calls (16-27 Feb) = 20.00                        -> usage 30.00, unbilled 20.00
//     Mar: invoice 32.00 - 20.00 + accrue 1,800 (16-30 Mar) = 18.00       -> usage 30.00, unbilled 18.00
//     Apr: invoice 27.00 - 18.00 + accrue 2,100 (16-29 Apr) = 21.00       -> usage 30.00, unbilled 21.00
//   C: 400.00 a month; the credit note of 10 February (100.00 on January's
//   invoice, January closed) reverses in February.
//   Revenue: Jan 55.89 + 15 + 400 = 470.89; Feb 92.05 + 30 + 400 - 100 = 422.05;
//            Mar 101.92 + 30 + 400 = 531.92; Apr 98.63 + 30 + 400 = 528.63.
//   Deferred (the annual fee not yet earned): 1,144.11, 1,052.06, 950.14, 851.51.
//   Receivables roll-forward (a payment recorded after its month's lock counts
//   on the day it was recorded, item 2):
//     Jan 0 + 1,600 invoiced - 150 paid = 1,450
//     Feb 1,450 + 425 - 1,600 paid (1,200 received 30 Jan, recorded 6 Feb) - 100 credited = 175
//     Mar 175 + 432 - 607 paid + 400 refunded = 400
//     Apr 400 + 427 - 427 = 400
//   DSO = closing receivable / invoiced x days: Jan 1,450/1,600 x 31 = 28.1;
//   Feb 175/425 x 28 = 11.5; Mar 400/432 x 31 = 28.7; Apr 400/427 x 30 = 28.1.
//   No tax. MRR (committed recurring fees, item 3): A 1,200/12 + C 400 = 500.00
//   every month, new 500.00 in January.
//
// EUR, Berliner Werkstatt (B), calendar months in Berlin, invoices at 23:00 or
// 22:00 UTC. Its invoices, credits, coupon and VAT are the book's (section 2).
//   Revenue of an invoice = amount due + purchased credits used at cost (0.80)
//   - tax, spread over its lines by amount (hand.py): B-2 9.99 usage + 33.29
//   base; B-3 10.80 usage, -36.00 credit, 54.00 base; B-4 6.40 usage, 120.00
//   base; B-5 14.00 + 150.00; B-6 5.00 + 150.00.
//   Fees are earned ratably by day of the accounting zone (UTC), a partly
//   served day weighing the hours served (Fairbill's rule; hand.py gives whole
//   Berlin days to their month, a defensible alternative the book calls
//   immaterial): a period starting at 23:00 UTC puts 1/24 of a day in the
//   month before.
//     B-2 base Feb (31 Jan 23:00 - 28 Feb 23:00, 28 days): Jan 33.29 x (1/24)/28 = 0.05, Feb 33.24
//     B-4 base Mar (28 Feb 23:00 - 31 Mar 22:00, 30 23/24 days): Feb 120 x (1/24)/(30 23/24) = 0.16, Mar 119.84
//     B-5 base Apr (31 Mar 22:00 - 30 Apr 22:00, 30 days): Mar 150 x (2/24)/30 = 0.42, Apr 149.58
//     B-6 base May (30 Apr 22:00 - 31 May 22:00, 31 days): Apr 150 x (2/24)/31 = 0.40
//   Usage: the 50 tasks of 31 January 23:30 UTC belong to B-3's billing period
//   (1 February in Berlin); at January's end they are period-to-date usage
//   within the 200 free tasks, so January accrues 0.00 for them (hand.py gave
//   January 50/500 of B-3's 10.80 = 1.08 by quantity; priced as the invoice
//   prices them they cost nothing by 31 January). B-3's usage is February's.
//   Revenue: Jan 9.99 + 0.05 = 10.04;
//            Feb 33.24 + 10.80 - 36.00 + 54.00 + 6.40 + 0.16 = 68.60;
//            Mar 119.84 + 14.00 + 0.42 = 134.26, breakage 51.90 credits x 0.80 = 41.52;
//            Apr 149.58 + 5.00 + 0.40 = 154.98.
//   Deferred: Jan 196.72 credits at cost + 33.24 = 229.96; Feb 41.52 + 119.84 = 161.36;
//             Mar 149.58; Apr 149.60. Unbilled: 0.00 at every month end.
//   Receivables: Mar 0 + 195.16 = 195.16; Apr 195.16 + 184.45 - 195.16 = 184.45.
//   Tax payable: Mar 31.16, Apr 29.45. DSO: Mar 195.16/195.16 x 31 = 31.0; Apr 184.45/184.45 x 30 = 30.0.
//   MRR: 100.00 in January (Team), 150.00 from February (Team Plus, +50.00 expansion).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../support/builders.ts";
import { expectCreated, expectOk } from "../support/responses.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../support/test-clock-api.ts";

let testApp: TestApp;
let tenant: TestTenant;
const ids: Record<string, string> = {};
/** The id recorded under `key`. */
function id(key: string): string {
  const found = ids[key];
  if (found === undefined) throw new Error(`no id recorded for ${key}`);
  return found;
}
const closes: Record<string, { ready: boolean; open: string[]; reason: string | null }> = {};

const months = ["2026-01", "2026-02", "2026-03", "2026-04"] as const;

async function at(instant: string) {
  await advanceTestClock(tenant.admin, instant);
}

/** `count` events of `name` for `customer`, spread evenly over [from, to]. */
async function events(
  prefix: string,
  customer: string,
  name: string,
  count: number,
  from: string,
  to: string,
) {
  const start = Date.parse(from);
  const step = count === 1 ? 0 : (Date.parse(to) - start) / (count - 1);
  for (let first = 0; first < count; first += 1000) {
    const batch = [];
    for (let index = first; index < Math.min(count, first + 1000); index += 1) {
      batch.push({
        id: `${prefix}-${index}`,
        name,
        customer,
        timestamp: new Date(Math.round(start + index * step)).toISOString(),
      });
    }
    const result = await expectOk(tenant.admin.post("/v1/events/batch", { events: batch }));
    expect(result.rejected).toEqual([]);
  }
}

async function pay(invoice: string, amount: string, reference: string, receivedAt?: string) {
  return expectCreated(
    tenant.admin.post(`/v1/invoices/${ids[invoice]}/payments`, {
      amount,
      method: "bank_transfer",
      reference,
      ...(receivedAt === undefined ? {} : { received_at: receivedAt }),
    }),
  );
}

async function bill(customer: string) {
  await expectOk(tenant.admin.post(`/v1/customers/${ids[customer]}/bill`, {}));
}

/** The invoice of `customer` issued at `issuedAt`. */
async function invoiceAt(
  customer: string,
  issuedAt: string,
): Promise<{ id: string; lines: { id: string }[] }> {
  const list = await expectOk(tenant.admin.get(`/v1/invoices?customer_id=${ids[customer]}&limit=100`));
  const found = list.data.find((invoice: { issued_at: string }) => invoice.issued_at === issuedAt);
  expect(found, `${customer}'s invoice of ${issuedAt}`).toBeDefined();
  return expectOk(tenant.admin.get(`/v1/invoices/${found.id}`));
}

/** The month-end close: journal exported, checklist read, month locked without an override. */
async function close(period: string) {
  await expectCreated(tenant.admin.post("/v1/journal-exports", { period }));
  const checklist = await expectOk(tenant.admin.get(`/v1/close-checklist?period=${period}`));
  const open = checklist.items
    .filter((item: { passed: boolean }) => !item.passed)
    .map((item: { key: string; detail: string }) => `${item.key}: ${item.detail}`);
  const lock = await tenant.admin.post("/v1/period-locks", { period });
  expect(lock.status, JSON.stringify(lock.body)).toBe(201);
  closes[period] = { ready: checklist.ready, open, reason: (lock.body as { reason: string | null }).reason };
}

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Audit Cloud GmbH" }));
  const admin = tenant.admin;
  await freezeTestClock(admin, "2026-01-01T00:00:00Z");
  await expectOk(
    admin.put("/v1/invoicing-settings", {
      seller: { name: "Audit Cloud GmbH", country: "DE", email: "billing@auditcloud.example" },
      net_payment_terms_days: 30,
    }),
  );
  await expectOk(admin.put("/v1/finance-settings", { timezone: "UTC" }));
  for (const [code, name] of [
    ["platform", "Platform licence"],
    ["api", "API calls"],
    ["workspace", "Team workspace"],
    ["tasks", "Workflow tasks"],
    ["pro", "Pro seat bundle"],
  ]) {
    await expectCreated(admin.post("/v1/products", { code, name }));
  }
  await createMeter(admin, { code: "api_calls", name: "API calls", event_name: "api_call" });
  await createMeter(admin, { code: "tasks", name: "Tasks run", event_name: "task_run" });
  const plan = async (code: string, name: string, currency: string, interval: string, charges: unknown[]) =>
    (await createPlan(admin, { code, name, version: { currency, interval, charges } as never })).id;
  const fixed = (id: string, product: string, amount: string) => ({
    id,
    type: "fixed",
    product,
    amount,
    timing: "in_advance",
  });
  const tasks = (tiers: { up_to: number | null; unit_price: string }[]) => ({
    id: "tasks",
    type: "usage",
    product: "tasks",
    meter: "tasks",
    model: "graduated",
    tiers,
  });
  ids.annual = await plan("annual", "Platform annual", "USD", "year", [
    fixed("platform_fee", "platform", "1200.00"),
  ]);
  ids.apiusage = await plan("apiusage", "API usage monthly", "USD", "month", [
    { id: "calls", type: "usage", product: "api", meter: "api_calls", model: "per_unit", unit_price: "0.01" },
  ]);
  ids.team = await plan("team", "Team", "EUR", "month", [
    fixed("base", "workspace", "100.00"),
    tasks([
      { up_to: 200, unit_price: "0" },
      { up_to: 1000, unit_price: "0.05" },
      { up_to: null, unit_price: "0.02" },
    ]),
  ]);
  ids.teamplus = await plan("teamplus", "Team Plus", "EUR", "month", [
    fixed("base", "workspace", "150.00"),
    tasks([
      { up_to: 1000, unit_price: "0" },
      { up_to: null, unit_price: "0.02" },
    ]),
  ]);
  ids.proc = await plan("proc", "Pro", "USD", "month", [fixed("seats", "pro", "400.00")]);
  await expectCreated(
    admin.post("/v1/tax-rates", {
      country: "DE",
      name: "USt 19%",
      percent: "19",
      valid_from: "2025-01-01T00:00:00Z",
    }),
  );
  await expectCreated(
    admin.post("/v1/coupons", {
      code: "WELCOME10",
      name: "10% off two invoices",
      type: "percentage",
      percent: "10",
      duration: "repeating",
      duration_invoices: 2,
    }),
  );
  const customer = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await createCustomer(admin, body)).id;
  };
  await customer("A", {
    external_id: "cust-a",
    name: "Alpha Analytics Inc",
    currency: "USD",
    timezone: "UTC",
    country: "US",
  });
  await customer("B", {
    external_id: "cust-b",
    name: "Berliner Werkstatt GmbH",
    currency: "EUR",
    timezone: "Europe/Berlin",
    country: "DE",
  });
  await customer("C", {
    external_id: "cust-c",
    name: "Cobalt Logistics LLC",
    currency: "USD",
    timezone: "UTC",
    country: "US",
  });

  // 1 January: C subscribes to Pro.
  await subscribe(admin, {
    customer_id: id("C"),
    plan_id: id("proc"),
    billing: "calendar",
    start_at: "2026-01-01T00:00:00Z",
  });
  await bill("C");
  // 4 January 23:00 UTC (5 January in Berlin): B's credits and its Team subscription.
  await at("2026-01-04T23:00:00Z");
  await expectCreated(
    admin.post(`/v1/customers/${ids.B}/credit-grants`, {
      name: "Welcome credit",
      amount: "150.00",
      currency: "EUR",
      type: "promotional",
      priority: 10,
    }),
  );
  await expectCreated(
    admin.post(`/v1/customers/${ids.B}/credit-grants`, {
      name: "Prepaid pack Q1",
      amount: "300.00",
      currency: "EUR",
      type: "purchased",
      cost_basis: "240.00",
      priority: 100,
      expires_at: "2026-03-31T22:00:00Z",
    }),
  );
  ids.subB = (
    await subscribe(admin, {
      customer_id: id("B"),
      plan_id: id("team"),
      billing: "calendar",
      start_at: "2026-01-04T23:00:00Z",
    })
  ).id;
  await bill("B");
  // 15 January: A subscribes to the annual licence and to API usage.
  await at("2026-01-15T00:00:00Z");
  for (const planId of [id("annual"), id("apiusage")]) {
    await subscribe(admin, {
      customer_id: id("A"),
      plan_id: planId,
      billing: "anniversary",
      start_at: "2026-01-15T00:00:00Z",
    });
  }
  await bill("A");
  await at("2026-01-20T12:00:00Z");
  await expectCreated(admin.post(`/v1/customers/${ids.B}/coupons`, { coupon_code: "WELCOME10" }));
  ids.C1 = (await invoiceAt("C", "2026-01-01T00:00:00.000Z")).id;
  await pay("C1", "150.00", "COBALT-0120");
  await at("2026-01-31T12:00:00Z");
  await events("A1", "cust-a", "api_call", 1500, "2026-01-16T00:00:00Z", "2026-01-30T23:45:36Z");
  await events("B1", "cust-b", "task_run", 800, "2026-01-06T00:00:00Z", "2026-01-30T23:15:00Z");
  await at("2026-01-31T23:45:00Z");
  await events("B2a", "cust-b", "task_run", 50, "2026-01-31T23:30:00Z", "2026-01-31T23:30:00Z");
  await at("2026-02-01T00:00:00Z");
  await at("2026-02-05T12:00:00Z");
  await close("2026-01");

  await at("2026-02-06T10:00:00Z");
  ids.A1 = (await invoiceAt("A", "2026-01-15T00:00:00.000Z")).id;
  await pay("A1", "1200.00", "ALPHA-WIRE-0130", "2026-01-30T15:00:00Z");
  await at("2026-02-10T10:00:00Z");
  const c1 = await invoiceAt("C", "2026-01-01T00:00:00.000Z");
  await expectCreated(
    admin.post(`/v1/invoices/${ids.C1}/credit-notes`, {
      reason: "billing_error",
      memo: "Two seats billed that were not provisioned in January",
      lines: [{ invoice_line_id: c1.lines[0]?.id, amount: "100.00" }],
    }),
  );
  await at("2026-02-14T22:00:00Z");
  await events("A2", "cust-a", "api_call", 1000, "2026-02-02T00:00:00Z", "2026-02-13T23:42:43Z");
  await events("B2b", "cust-b", "task_run", 450, "2026-02-02T00:00:00Z", "2026-02-13T23:21:36Z");
  await at("2026-02-14T23:00:00Z");
  await expectOk(
    admin.post(`/v1/subscriptions/${ids.subB}/change-plan`, {
      plan_id: ids.teamplus,
      timing: "immediate",
      reason: "Customer upgrade to Team Plus",
    }),
  );
  await bill("B");
  await at("2026-02-15T00:00:00Z");
  await at("2026-02-20T10:00:00Z");
  ids.C2 = (await invoiceAt("C", "2026-02-01T00:00:00.000Z")).id;
  await pay("C2", "400.00", "COBALT-0220");
  await at("2026-02-28T12:00:00Z");
  await events("A3", "cust-a", "api_call", 2000, "2026-02-16T00:00:00Z", "2026-02-27T23:51:21Z");
  await events("B3", "cust-b", "task_run", 1400, "2026-02-16T00:00:00Z", "2026-02-27T23:47:39Z");
  await at("2026-02-28T23:00:00Z");
  await at("2026-03-01T00:00:00Z");
  await at("2026-03-02T10:00:00Z");
  ids.A2 = (await invoiceAt("A", "2026-02-15T00:00:00.000Z")).id;
  await pay("A2", "25.00", "ALPHA-0302");
  await at("2026-03-05T10:00:00Z");
  ids.C3 = (await invoiceAt("C", "2026-03-01T00:00:00.000Z")).id;
  const marchPayment = await pay("C3", "400.00", "COBALT-0305");
  await close("2026-02");

  await at("2026-03-10T10:00:00Z");
  await pay("C1", "150.00", "COBALT-0310");
  await at("2026-03-14T22:00:00Z");
  await events("A4", "cust-a", "api_call", 1200, "2026-03-02T00:00:00Z", "2026-03-13T23:45:36Z");
  await at("2026-03-15T00:00:00Z");
  await at("2026-03-20T10:00:00Z");
  await expectCreated(
    admin.post(`/v1/payments/${marchPayment.id}/refunds`, {
      reason: "Paid from the wrong (personal) account; returned, customer will pay from the company account",
    }),
  );
  await at("2026-03-25T10:00:00Z");
  ids.A3 = (await invoiceAt("A", "2026-03-15T00:00:00.000Z")).id;
  await pay("A3", "32.00", "ALPHA-0325");
  await at("2026-03-31T12:00:00Z");
  await events("A5", "cust-a", "api_call", 1800, "2026-03-16T00:00:00Z", "2026-03-30T23:48:00Z");
  await events("B4", "cust-b", "task_run", 1700, "2026-03-02T00:00:00Z", "2026-03-30T23:35:26Z");
  await at("2026-03-31T22:00:00Z");
  await at("2026-04-01T00:00:00Z");
  await at("2026-04-05T10:00:00Z");
  await close("2026-03");

  await at("2026-04-08T10:00:00Z");
  await pay("C3", "400.00", "COBALT-0408");
  await at("2026-04-10T10:00:00Z");
  ids.B5 = (await invoiceAt("B", "2026-03-31T22:00:00.000Z")).id;
  await pay("B5", "195.16", "BW-0410");
  await at("2026-04-14T22:00:00Z");
  await events("A6", "cust-a", "api_call", 900, "2026-04-02T00:00:00Z", "2026-04-13T23:40:48Z");
  await at("2026-04-15T00:00:00Z");
  await at("2026-04-20T10:00:00Z");
  ids.A4 = (await invoiceAt("A", "2026-04-15T00:00:00.000Z")).id;
  await pay("A4", "27.00", "ALPHA-0420");
  await at("2026-04-30T12:00:00Z");
  await events("A7", "cust-a", "api_call", 2100, "2026-04-16T00:00:00Z", "2026-04-29T23:50:24Z");
  await events("B5", "cust-b", "task_run", 1250, "2026-04-02T00:00:00Z", "2026-04-29T23:27:44Z");
  await at("2026-04-30T22:00:00Z");
  await at("2026-05-01T00:00:00Z");
  await at("2026-05-02T10:00:00Z");
  await close("2026-04");
}, 1_200_000);
afterAll(async () => testApp?.close());

type RevenueRow = {
  period: string;
  currency: string;
  recognized: string;
  breakage: string;
  deferred_balance: string;
  unbilled_balance: string;
};

describe("the four-month book, replayed", () => {
  it("closes every month on time without an override", () => {
    for (const month of months) {
      expect(closes[month], month).toEqual({ ready: true, open: [], reason: null });
    }
  });

  it("bills the book's fifteen invoices", async () => {
    const totals: string[] = [];
    for (const customer of ["A", "B", "C"]) {
      const list = await expectOk(tenant.admin.get(`/v1/invoices?customer_id=${ids[customer]}&limit=100`));
      for (const invoice of [...list.data].sort((left, right) =>
        left.issued_at.localeCompare(right.issued_at),
      )) {
        totals.push(`${customer} ${invoice.issued_at.slice(0, 16)} ${invoice.total}`);
      }
    }
    expect(totals).toEqual([
      "A 2026-01-15T00:00 1200.00",
      "A 2026-02-15T00:00 25.00",
      "A 2026-03-15T00:00 32.00",
      "A 2026-04-15T00:00 27.00",
      "B 2026-01-04T23:00 0.00",
      "B 2026-01-31T23:00 0.00",
      "B 2026-02-14T23:00 0.00",
      "B 2026-02-28T23:00 0.00",
      "B 2026-03-31T22:00 195.16",
      "B 2026-04-30T22:00 184.45",
      "C 2026-01-01T00:00 400.00",
      "C 2026-02-01T00:00 400.00",
      "C 2026-03-01T00:00 400.00",
      "C 2026-04-01T00:00 400.00",
      "C 2026-05-01T00:00 400.00",
    ]);
  });

  it("recognizes revenue, defers and accrues as the hand figures say", async () => {
    const report = await expectOk(tenant.admin.get("/v1/revenue-report?from=2026-01&to=2026-04"));
    const figures = (report.rows as RevenueRow[]).map((row) => [
      row.period,
      row.currency,
      row.recognized,
      row.breakage,
      row.deferred_balance,
      row.unbilled_balance,
    ]);
    // month, currency, revenue, breakage, deferred revenue, unbilled receivables
    expect(figures).toEqual([
      ["2026-01", "EUR", "10.04", "0.00", "229.96", "0.00"],
      ["2026-01", "USD", "470.89", "0.00", "1144.11", "15.00"],
      ["2026-02", "EUR", "68.60", "0.00", "161.36", "0.00"],
      ["2026-02", "USD", "422.05", "0.00", "1052.06", "20.00"],
      ["2026-03", "EUR", "134.26", "41.52", "149.58", "0.00"],
      ["2026-03", "USD", "531.92", "0.00", "950.14", "18.00"],
      ["2026-04", "EUR", "154.98", "0.00", "149.60", "0.00"],
      ["2026-04", "USD", "528.63", "0.00", "851.51", "21.00"],
    ]);
  });

  it("rolls receivables forward, books tax payable and a balanced journal each month", async () => {
    const rollForward: string[] = [];
    const tax: string[] = [];
    for (const month of months) {
      const reconciliation = await expectOk(tenant.admin.get(`/v1/reconciliation?period=${month}`));
      for (const total of reconciliation.receivables.totals) {
        rollForward.push(
          `${month} ${total.currency} ${total.opening_receivable} +${total.invoiced} -${total.payments} -${total.credit_notes} +${total.refunds} = ${total.closing_receivable}`,
        );
      }
      const journal = await expectOk(tenant.admin.get(`/v1/journal?period=${month}`));
      expect(journal.balanced, month).toBe(true);
      for (const currency of ["EUR", "USD"]) {
        const credited = journal.lines
          .filter(
            (line: { account_role: string; currency: string; credit: string }) =>
              line.account_role === "tax_payable" && line.currency === currency && line.credit !== "",
          )
          .reduce((sum: number, line: { credit: string }) => sum + Number(line.credit), 0);
        tax.push(`${month} ${currency} ${credited.toFixed(2)}`);
      }
    }
    // EUR owes nothing before March (B's invoices are paid by its credits): no EUR row in January and February.
    expect(rollForward).toEqual([
      "2026-01 USD 0.00 +1600.00 -150.00 -0.00 +0.00 = 1450.00",
      "2026-02 USD 1450.00 +425.00 -1600.00 -100.00 +0.00 = 175.00",
      "2026-03 EUR 0.00 +195.16 -0.00 -0.00 +0.00 = 195.16",
      "2026-03 USD 175.00 +432.00 -607.00 -0.00 +400.00 = 400.00",
      "2026-04 EUR 195.16 +184.45 -195.16 -0.00 +0.00 = 184.45",
      "2026-04 USD 400.00 +427.00 -427.00 -0.00 +0.00 = 400.00",
    ]);
    expect(tax).toEqual([
      "2026-01 EUR 0.00",
      "2026-01 USD 0.00",
      "2026-02 EUR 0.00",
      "2026-02 USD 0.00",
      "2026-03 EUR 31.16",
      "2026-03 USD 0.00",
      "2026-04 EUR 29.45",
      "2026-04 USD 0.00",
    ]);
  });

  it("reports DSO and MRR with its movements as the hand figures say", async () => {
    const kpis = await expectOk(tenant.admin.get("/v1/kpis?from=2026-01&to=2026-04"));
    const dso = kpis.dso.map(
      (row: {
        period: string;
        currency: string;
        receivable: string;
        invoiced: string;
        days: string | null;
      }) => `${row.period} ${row.currency} ${row.receivable}/${row.invoiced} ${row.days}`,
    );
    expect(dso).toEqual([
      "2026-01 USD 1450.00/1600.00 28.1",
      "2026-02 USD 175.00/425.00 11.5",
      "2026-03 EUR 195.16/195.16 31.0",
      "2026-03 USD 400.00/432.00 28.7",
      "2026-04 EUR 184.45/184.45 30.0",
      "2026-04 USD 400.00/427.00 28.1",
    ]);
    // MRR movements: month, currency, starting, new, expansion, contraction, churn, reactivation, MRR,
    // and usage MRR apart: the usage revenue recognized (accruals included) in the month and the two
    // before, averaged. USD usage revenue 15.00, 30.00, 30.00, 30.00: 5.00, 15.00, 25.00, 30.00.
    // EUR 9.99, 10.80 + 6.40 = 17.20, 14.00, 5.00: 3.33, 9.06, 13.73, 12.07.
    const mrr = kpis.mrr.map((row: Record<string, string>) =>
      [
        row.period,
        row.currency,
        row.starting_mrr,
        row.new,
        row.expansion,
        row.contraction,
        row.churn,
        row.reactivation,
        row.mrr,
        row.usage_mrr,
      ].join(" "),
    );
    expect(mrr).toEqual([
      "2026-01 EUR 0.00 100.00 0.00 0.00 0.00 0.00 100.00 3.33",
      "2026-01 USD 0.00 500.00 0.00 0.00 0.00 0.00 500.00 5.00",
      "2026-02 EUR 100.00 0.00 50.00 0.00 0.00 0.00 150.00 9.06",
      "2026-02 USD 500.00 0.00 0.00 0.00 0.00 0.00 500.00 15.00",
      "2026-03 EUR 150.00 0.00 0.00 0.00 0.00 0.00 150.00 13.73",
      "2026-03 USD 500.00 0.00 0.00 0.00 0.00 0.00 500.00 25.00",
      "2026-04 EUR 150.00 0.00 0.00 0.00 0.00 0.00 150.00 12.07",
      "2026-04 USD 500.00 0.00 0.00 0.00 0.00 0.00 500.00 30.00",
    ]);
  });
});
