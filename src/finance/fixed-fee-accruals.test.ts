// An in-arrears fixed fee earned in the months it serves: a quarterly fee of
// 300.00 for January to March, invoiced on 1 April, with each month closed on
// the 5th of the next. Each month end accrues the fee's share of the month
// (unbilled receivables, revenue), the invoice reverses the accruals on its
// date, and the closed months keep their revenue.
//
// By hand: the fee is earned ratably by day in the books' zone (UTC here), as
// an in-advance fee is: 90 days, 31 in January, 28 in February, 31 in March.
// 300.00 × 31/90 = 103.333…, × 28/90 = 93.333…, × 31/90 = 103.333…; in
// cents by largest remainders, exactly as the invoice line itself is spread
// (allocateAmount; the three remainders tie at a third of a cent and its
// decimal arithmetic gives February the leftover cent): January 103.33,
// February 93.34, March 103.33, April 0.00 (the next quarter's April share
// apart).
// Before: January and February earned nothing (closed without an accrual),
// April got their 196.67 as catch-up.
//
// Cancelled on 15 February with the fee prorated: the engine bills 45/90 of
// 300.00 = 150.00 on 15 February. January (closed) accrued 31/45 of it,
// 103.33 when it closed (its share of the whole quarter, the cancellation not
// yet known); the invoice's line spreads 150.00 as 103.33 and 46.67, and
// February keeps 150.00 − 103.33 = 46.67.
import { describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Fixed fee accruals" });

type Row = { period: string; currency: string; recognized: string; unbilled_balance: string };
type Line = { account_role: string; debit: string; credit: string; memo: string };
type Client = TestTenant["admin"];

async function revenue(client: Client, period: string): Promise<Row | undefined> {
  const report = await expectOk(client.get(`/v1/revenue-report?from=${period}&to=${period}`));
  return (report.rows as Row[]).find((row) => row.currency === "USD");
}

function sumOf(lines: Line[], side: "debit" | "credit"): number {
  return lines.filter((line) => line[side] !== "").reduce((sum, line) => sum + Number(line[side]), 0);
}

async function close(client: Client, period: string): Promise<void> {
  const journal = await expectOk(client.get(`/v1/journal?period=${period}`));
  expect(journal.balanced).toBe(true);
  await expectCreated(client.post("/v1/journal-exports", { period }));
  const checklist = await expectOk(client.get(`/v1/close-checklist?period=${period}`));
  expect(checklist.items.filter((item: { passed: boolean }) => !item.passed)).toEqual([]);
  await expectCreated(client.post("/v1/period-locks", { period }));
}

/** A customer on a quarterly 300.00 fee billed in arrears from 1 January 2026. */
async function quarterlyInArrears(client: Client): Promise<{ customerId: string; subscriptionId: string }> {
  await freezeTestClock(client, "2026-01-01T00:00:00Z");
  const plan = await createPlan(client, {
    code: "quarterly-platform",
    name: "Quarterly platform",
    version: {
      interval: "quarter",
      charges: [{ id: "platform", type: "fixed", amount: "300.00", timing: "in_arrears", prorate: true }],
    },
  });
  const customerId = (await createCustomer(client, { external_id: "quarterly", currency: "USD" })).id;
  const subscription = await subscribe(client, {
    customer_id: customerId,
    plan_id: plan.id,
    start_at: "2026-01-01T00:00:00Z",
    billing: "anniversary",
  });
  return { customerId, subscriptionId: subscription.id };
}

describe("an in-arrears fixed fee accrued in the months it serves", () => {
  it("earns each closed month its share by day, and the invoice month only its own", async () => {
    const client = suite.tenant.admin;
    const { customerId } = await quarterlyInArrears(client);
    await advanceTestClock(client, "2026-02-05T12:00:00Z");
    expect(await revenue(client, "2026-01")).toMatchObject({
      recognized: "103.33",
      unbilled_balance: "103.33",
    });
    const january = await expectOk(client.get("/v1/journal?period=2026-01"));
    const accrued = (january.lines as Line[]).filter((line) => line.memo.startsWith("Accrued"));
    expect(accrued.map((line) => [line.account_role, line.debit, line.credit])).toEqual([
      ["unbilled_receivables", "103.33", ""],
      ["revenue", "", "103.33"],
    ]);
    await close(client, "2026-01");
    await advanceTestClock(client, "2026-03-05T12:00:00Z");
    expect(await revenue(client, "2026-02")).toMatchObject({
      recognized: "93.34",
      unbilled_balance: "196.67",
    });
    await close(client, "2026-02");

    await advanceTestClock(client, "2026-04-01T00:00:00Z");
    const invoices = await expectOk(client.get(`/v1/invoices?customer_id=${customerId}`));
    expect(invoices.data.map((invoice: { total: string }) => invoice.total)).toEqual(["300.00"]);
    await advanceTestClock(client, "2026-05-05T12:00:00Z");

    expect(await revenue(client, "2026-01")).toMatchObject({ recognized: "103.33" });
    expect(await revenue(client, "2026-02")).toMatchObject({ recognized: "93.34" });
    // The whole quarter is earned and unbilled at the end of March; the invoice of 1 April bills it.
    expect(await revenue(client, "2026-03")).toMatchObject({
      recognized: "103.33",
      unbilled_balance: "300.00",
    });
    // April: nothing of this fee (the invoice's 196.67 for the closed months less their accruals
    // reversed); only the next quarter's April share, accrued at its end: 30/91 × 300.00 = 98.90.
    expect(await revenue(client, "2026-04")).toMatchObject({
      recognized: "98.90",
      unbilled_balance: "98.90",
    });
    for (const period of ["2026-01", "2026-02", "2026-03", "2026-04"]) {
      expect((await expectOk(client.get(`/v1/journal?period=${period}`))).balanced).toBe(true);
    }
    const april = await expectOk(client.get("/v1/journal?period=2026-04"));
    const ofThisFee = (april.lines as Line[]).filter(
      (line) => line.account_role === "revenue" && !line.memo.includes("service period from 2026-04-01"),
    );
    expect(sumOf(ofThisFee, "credit") - sumOf(ofThisFee, "debit")).toBeCloseTo(0, 9);
    const reversal = (april.lines as Line[]).filter((line) => line.memo.startsWith("Accrual reversed"));
    expect(reversal.map((line) => [line.account_role, line.debit, line.credit])).toEqual([
      ["revenue", "103.33", ""],
      ["unbilled_receivables", "", "103.33"],
      ["revenue", "93.34", ""],
      ["unbilled_receivables", "", "93.34"],
    ]);
  });

  it("accrues the prorated fee the engine bills when the subscription is cancelled mid-period", async () => {
    const client = (await suite.testApp.newTenant("Fixed fee accruals, cancelled")).admin;
    const { subscriptionId } = await quarterlyInArrears(client);
    await advanceTestClock(client, "2026-02-05T12:00:00Z");
    await close(client, "2026-01");
    await advanceTestClock(client, "2026-02-15T00:00:00Z");
    await expectOk(client.post(`/v1/subscriptions/${subscriptionId}/cancel`, { mode: "immediate" }));
    await advanceTestClock(client, "2026-03-05T12:00:00Z");
    expect(await revenue(client, "2026-01")).toMatchObject({
      recognized: "103.33",
      unbilled_balance: "103.33",
    });
    expect(await revenue(client, "2026-02")).toMatchObject({ recognized: "46.67", unbilled_balance: "0.00" });
    expect((await expectOk(client.get("/v1/journal?period=2026-02"))).balanced).toBe(true);
  });
});
