// Overdue invoices and receivables by age on the test clock, worked by hand.
// Payment terms are 30 days, so an invoice finalized at T is due at T + 30 days:
//   A 100.00 on 1 January      due 31 January
//   B  50.00 on 1 March        due 31 March
//   C  20.00 on 10 April       due 10 May
//   D  30.00 on 10 April       due 10 May, paid in full (left out)
//   E  80.00 on 10 April       due 10 May, 30.00 paid (50.00 left, partly paid)
//   F  10.00 on 11 May noon    due 10 June
// On 1 May at midnight A is 90 days overdue (61–90); a second later 91 (over
// 90). On 11 May at noon: A 101 days (over 90), B 42 (31–60), C and E 2
// (1–30), F current. Ageing in USD: current 1 invoice 10.00, 1–30 two 70.00,
// 31–60 one 50.00, 61–90 none, over 90 one 100.00; 5 invoices, 230.00 owed.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { recordPayment } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile();
let customerId: string;
const invoices: Record<string, string> = {};

type InvoiceRead = { id: string; status: string; overdue: boolean; days_overdue: number; due_at: string };

beforeAll(async () => {
  await expectOk(suite.tenant.admin.put("/v1/invoicing-settings", { net_payment_terms_days: 30 }));
  customerId = (await createCustomer(suite.tenant.admin, { external_id: "late-payer", currency: "USD" })).id;
});

async function invoice(name: string, amount: string, at: string): Promise<void> {
  await freezeTestClock(suite.tenant.admin, at);
  const created = await expectCreated(
    suite.tenant.admin.post<{ id: string }>("/v1/invoices", {
      customer_id: customerId,
      currency: "USD",
      lines: [{ description: `Invoice ${name}`, quantity: "1", unit_amount: amount }],
      finalize: true,
    }),
  );
  invoices[name] = created.id;
}

async function pay(name: string, amount: string): Promise<void> {
  await recordPayment(suite.tenant.admin, invoices[name]!, amount);
}

async function read(name: string): Promise<InvoiceRead> {
  return expectOk(suite.tenant.admin.get<InvoiceRead>(`/v1/invoices/${invoices[name]}`));
}

async function listed(query: string): Promise<string[]> {
  const page = await expectOk(
    suite.tenant.admin.get<{ data: { id: string }[] }>(
      `/v1/invoices?customer_id=${customerId}&limit=50&${query}`,
    ),
  );
  const names = Object.fromEntries(Object.entries(invoices).map(([name, id]) => [id, name]));
  return page.data.map((entry) => names[entry.id] ?? entry.id).sort();
}

describe("overdue invoices and receivables by age", () => {
  it("counts days overdue from the due date and moves buckets at their edges", async () => {
    await invoice("A", "100.00", "2030-01-01T00:00:00Z");
    expect(await read("A")).toMatchObject({
      status: "open",
      due_at: "2030-01-31T00:00:00.000Z",
      overdue: false,
      days_overdue: 0,
    });
    await invoice("B", "50.00", "2030-03-01T00:00:00Z");
    await invoice("C", "20.00", "2030-04-10T00:00:00Z");
    await invoice("D", "30.00", "2030-04-10T00:00:00Z");
    await pay("D", "30.00");
    await invoice("E", "80.00", "2030-04-10T00:00:00Z");
    await pay("E", "30.00");

    await freezeTestClock(suite.tenant.admin, "2030-05-01T00:00:00Z");
    expect(await read("A")).toMatchObject({ overdue: true, days_overdue: 90 });
    expect(await listed("ageing=61_90")).toEqual(["A"]);
    await freezeTestClock(suite.tenant.admin, "2030-05-01T00:00:01Z");
    expect(await read("A")).toMatchObject({ overdue: true, days_overdue: 91 });
    expect(await listed("ageing=61_90")).toEqual([]);
    expect(await listed("ageing=over_90")).toEqual(["A"]);
  });

  it("lists overdue invoices and each bucket, and sums the ageing per currency", async () => {
    await invoice("F", "10.00", "2030-05-11T12:00:00Z");
    const expectedDays = { A: 101, B: 42, C: 2, D: 0, E: 2, F: 0 };
    for (const [name, days] of Object.entries(expectedDays)) {
      expect(await read(name), name).toMatchObject({ overdue: days > 0, days_overdue: days });
    }
    expect(await read("D")).toMatchObject({ status: "paid" });
    expect(await read("E")).toMatchObject({ status: "partially_paid" });

    expect(await listed("status=overdue")).toEqual(["A", "B", "C", "E"]);
    expect(await listed("status=open")).toEqual(["A", "B", "C", "F"]);
    expect(await listed("ageing=current")).toEqual(["F"]);
    expect(await listed("ageing=1_30")).toEqual(["C", "E"]);
    expect(await listed("ageing=31_60")).toEqual(["B"]);
    expect(await listed("ageing=61_90")).toEqual([]);
    expect(await listed("ageing=over_90")).toEqual(["A"]);
    expect(await listed("status=overdue&ageing=1_30")).toEqual(["C", "E"]);

    const ageing = await expectOk(suite.tenant.admin.get("/v1/receivables/ageing?currency=USD"));
    expect(ageing).toEqual({
      at: "2030-05-11T12:00:00.000Z",
      currencies: [
        {
          currency: "USD",
          invoices: 5,
          total: "230.00",
          buckets: [
            { bucket: "current", invoices: 1, amount: "10.00" },
            { bucket: "1_30", invoices: 2, amount: "70.00" },
            { bucket: "31_60", invoices: 1, amount: "50.00" },
            { bucket: "61_90", invoices: 0, amount: "0.00" },
            { bucket: "over_90", invoices: 1, amount: "100.00" },
          ],
        },
      ],
    });
    const euros = await expectOk(suite.tenant.admin.get("/v1/receivables/ageing?currency=EUR"));
    expect(euros).toEqual({ at: "2030-05-11T12:00:00.000Z", currencies: [] });
  });

  it("shows an invoice's dunning state, not a 404, when no payment has failed", async () => {
    const dunning = await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoices.A}/dunning`));
    expect(dunning).toMatchObject({
      id: null,
      invoice_id: invoices.A,
      customer_id: customerId,
      status: "none",
      campaign_id: null,
      steps: [],
    });
  });

  it("names a bad filter by its path", async () => {
    const bucket = await suite.tenant.admin.get("/v1/invoices?ageing=2_days");
    expect(bucket.status).toBe(400);
    expect(JSON.stringify(bucket.body)).toContain("ageing");
    const status = await suite.tenant.admin.get("/v1/invoices?status=late");
    expect(status.status).toBe(400);
    const currency = await suite.tenant.admin.get("/v1/receivables/ageing?currency=dollars");
    expect(currency.status).toBe(400);
    expect(JSON.stringify(currency.body)).toContain("currency");
  });
});
