// Usage accrued in its month: a customer billed on the 15th for the month of
// usage before it has January's usage in January's revenue (unbilled
// receivables at the month end), priced as the invoice will price it, with
// tiers across the whole billing period; January closes on 5 February without
// an override, stays as it was closed, and the invoice of 15 February reverses
// the accrual. The journal, the revenue report and the reconciliation agree.
//
// By hand: graduated tokens, 1-1,000 free then 0.10 each, billing period
// 15 January to 15 February. 1,200 tokens by 31 January: period to date
// 200 x 0.10 = 20.00, accrued in January (a split by quantity would say
// 1,200/1,700 of 70.00 = 49.41, ignoring that the first 1,000 are free over the
// whole period). 500 more by 14 February: the invoice bills 1,700 tokens =
// 70.00, and February earns 70.00 - 20.00 = 50.00. 300 tokens of the next
// period by 28 February are still in the free tier: nothing accrued.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Usage accruals" });
let customerId: string;

type Row = { period: string; currency: string; recognized: string; unbilled_balance: string };
type Line = { account_role: string; debit: string; credit: string; memo: string };

async function tokens(id: string, timestamp: string, value: number, client = suite.tenant.admin) {
  const result = await expectOk(
    client.post("/v1/events/batch", {
      events: [{ id, name: "tokens_used", timestamp, customer: "acme", properties: { tokens: value } }],
    }),
  );
  expect(result.rejected).toEqual([]);
}

async function revenue(period: string, client = suite.tenant.admin): Promise<Row | undefined> {
  const report = await expectOk(client.get(`/v1/revenue-report?from=${period}&to=${period}`));
  return (report.rows as Row[]).find((row) => row.currency === "USD");
}

function sumOf(lines: Line[], role: string, side: "debit" | "credit"): number {
  return lines
    .filter((line) => line.account_role === role && line[side] !== "")
    .reduce((sum, line) => sum + Number(line[side]), 0);
}

/** The metered plan, and acme subscribed from 15 January with 1,200 tokens by 31 January. */
async function meteredCustomer(client: TestTenant["admin"]): Promise<string> {
  await freezeTestClock(client, "2026-01-01T00:00:00Z");
  await createMeter(client, {
    code: "tokens",
    name: "Tokens",
    event_name: "tokens_used",
    aggregation: "sum",
    property: "tokens",
  });
  const plan = await createPlan(client, {
    code: "metered",
    name: "Metered",
    version: {
      charges: [
        {
          id: "tokens",
          type: "usage",
          meter: "tokens",
          model: "graduated",
          tiers: [
            { up_to: 1000, unit_price: "0" },
            { up_to: null, unit_price: "0.10" },
          ],
        },
      ],
    },
  });
  const customer = (await createCustomer(client, { external_id: "acme", currency: "USD" })).id;
  await advanceTestClock(client, "2026-01-15T00:00:00Z");
  await subscribe(client, {
    customer_id: customer,
    plan_id: plan.id,
    start_at: "2026-01-15T00:00:00Z",
    billing: "anniversary",
  });
  await advanceTestClock(client, "2026-01-31T12:00:00Z");
  await tokens("jan-1", "2026-01-20T10:00:00Z", 700, client);
  await tokens("jan-2", "2026-01-31T11:00:00Z", 500, client);
  return customer;
}

beforeAll(async () => {
  customerId = await meteredCustomer(suite.tenant.admin);
  await advanceTestClock(suite.tenant.admin, "2026-02-05T12:00:00Z");
});

describe("usage accrued in its month", () => {
  it("accrues January's usage at the period-to-date price, and the close comes clean without an override", async () => {
    expect(await revenue("2026-01")).toMatchObject({ recognized: "20.00", unbilled_balance: "20.00" });
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
    expect(journal.balanced).toBe(true);
    expect(sumOf(journal.lines, "unbilled_receivables", "debit")).toBe(20);
    expect(sumOf(journal.lines, "revenue", "credit")).toBe(20);

    const reconciliation = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2026-01"));
    expect(reconciliation.clean).toBe(true);
    expect(reconciliation.usage.differences).toMatchObject([
      { cause: "not_yet_billed", events: 2, amount: "20.00", currency: "USD" },
    ]);

    await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period: "2026-01" }));
    const checklist = await expectOk(suite.tenant.admin.get("/v1/close-checklist?period=2026-01"));
    expect(checklist.items.filter((item: { passed: boolean }) => !item.passed)).toEqual([]);
    const lock = await expectCreated(suite.tenant.admin.post("/v1/period-locks", { period: "2026-01" }));
    expect(lock.reason).toBeNull();
  });

  it("keeps the closed month as it was, and the invoice reverses the accrual on its date", async () => {
    const januaryBefore = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
    // A late January event after the lock changes neither January nor its accrual.
    await tokens("jan-late", "2026-01-30T09:00:00Z", 100);
    await advanceTestClock(suite.tenant.admin, "2026-02-14T12:00:00Z");
    await tokens("feb-1", "2026-02-10T10:00:00Z", 400);
    await advanceTestClock(suite.tenant.admin, "2026-02-15T00:00:00Z");
    const invoices = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}`));
    expect(invoices.data.map((invoice: { total: string }) => invoice.total)).toEqual(["70.00"]);

    await advanceTestClock(suite.tenant.admin, "2026-02-28T12:00:00Z");
    await tokens("feb-2", "2026-02-27T10:00:00Z", 300);
    await advanceTestClock(suite.tenant.admin, "2026-03-02T00:00:00Z");

    const januaryAfter = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
    expect(januaryAfter.digest).toBe(januaryBefore.digest);
    expect(await revenue("2026-01")).toMatchObject({ recognized: "20.00", unbilled_balance: "20.00" });
    // February: the invoice's 70.00 less January's accrual reversed; the new period is still in its free tier.
    expect(await revenue("2026-02")).toMatchObject({ recognized: "50.00", unbilled_balance: "0.00" });
    const february = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-02"));
    expect(february.balanced).toBe(true);
    const reversal = (february.lines as Line[]).filter((line) => line.memo.startsWith("Accrual reversed"));
    expect(reversal.map((line) => [line.account_role, line.debit, line.credit])).toEqual([
      ["revenue", "20.00", ""],
      ["unbilled_receivables", "", "20.00"],
    ]);
  });
});

describe("usage invoiced before its month is closed", () => {
  it("splits the invoice over the months as it was accrued, by period-to-date amounts, not by events counted", async () => {
    const open = await suite.testApp.newTenant("Usage invoiced before the close");
    await meteredCustomer(open.admin);
    await advanceTestClock(open.admin, "2026-02-14T12:00:00Z");
    await tokens("feb-1", "2026-02-10T10:00:00Z", 500, open.admin);
    // Invoiced on 15 February, January still open: 1,700 tokens, 70.00.
    await advanceTestClock(open.admin, "2026-02-15T00:00:00Z");
    await advanceTestClock(open.admin, "2026-03-02T00:00:00Z");
    // January keeps 20.00 (1,200 tokens to date), not a share by events counted (2 of 3: 46.67); February 50.00.
    expect(await revenue("2026-01", open.admin)).toMatchObject({
      recognized: "20.00",
      unbilled_balance: "20.00",
    });
    expect(await revenue("2026-02", open.admin)).toMatchObject({
      recognized: "50.00",
      unbilled_balance: "0.00",
    });
  });
});
