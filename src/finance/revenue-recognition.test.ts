// Revenue recognition against figures worked out by hand: an annual
// subscription billed in advance (earned by day over its year), a usage
// charge (earned in its month of use, paid with prepaid credits), and prepaid
// credits that expire half used (deferred until used, breakage when lost).
// Every month's journal balances.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createMeter,
  createPlan,
  type PlanFields,
  subscribe,
} from "../../test/support/builders.ts";
import { openWallet, topUpWallet } from "../../test/support/credit-grants.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Revenue recognition" });
let annualCustomer: string;
let meteredCustomer: string;
let topUpInvoice: string;
let grantId: string;

async function sendCalls(customer: string, timestamp: string, count: number, prefix: string) {
  const result = await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: Array.from({ length: count }, (_, index) => ({
        id: `${prefix}-${index}`,
        name: "api_call",
        timestamp,
        customer,
      })),
    }),
  );
  expect(result.rejected).toEqual([]);
}

async function publishedPlan(fields: PlanFields): Promise<string> {
  return (await createPlan(suite.tenant.admin, fields)).id;
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-01T00:00:00Z");
  await expectCreated(suite.tenant.admin.post("/v1/products", { code: "platform", name: "Platform" }));
  await expectCreated(suite.tenant.admin.post("/v1/products", { code: "api", name: "API" }));
  await createMeter(suite.tenant.admin, { effective_from: "2025-12-01T00:00:00Z" });
  const annualPlan = await publishedPlan({
    code: "annual",
    name: "Annual",
    version: {
      currency: "USD",
      interval: "year",
      charges: [
        { id: "platform", type: "fixed", amount: "1200.00", timing: "in_advance", product: "platform" },
      ],
    },
  });
  const meteredPlan = await publishedPlan({
    code: "metered",
    name: "Metered",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.50", product: "api" },
      ],
    },
  });
  annualCustomer = (await createCustomer(suite.tenant.admin, { external_id: "annual", currency: "USD" })).id;
  meteredCustomer = (await createCustomer(suite.tenant.admin, { external_id: "metered", currency: "USD" }))
    .id;
  await subscribe(suite.tenant.admin, {
    customer_id: annualCustomer,
    plan_id: annualPlan,
    start_at: "2026-01-15T00:00:00Z",
    billing: "anniversary",
  });
  await subscribe(suite.tenant.admin, {
    customer_id: meteredCustomer,
    plan_id: meteredPlan,
    start_at: "2026-01-01T00:00:00Z",
    billing: "calendar",
  });

  await advanceTestClock(suite.tenant.admin, "2026-01-15T00:00:00Z");
  await advanceTestClock(suite.tenant.admin, "2026-02-05T00:00:00Z");
  const wallet = await openWallet(suite.tenant.admin, meteredCustomer);
  const topUp = await topUpWallet(suite.tenant.admin, wallet.id, {
    amount: "100",
    paid_amount: "80.00",
    expires_at: "2026-04-15T00:00:00Z",
    reason: "bought 100 credits for 80.00",
  });
  topUpInvoice = topUp.purchase?.invoice_id ?? "";
  grantId = topUp.grant.id;
  await advanceTestClock(suite.tenant.admin, "2026-02-20T00:00:00Z");
  await sendCalls("metered", "2026-02-10T12:00:00Z", 40, "february");
  await advanceTestClock(suite.tenant.admin, "2026-03-20T00:00:00Z");
  await sendCalls("metered", "2026-03-10T12:00:00Z", 60, "march");
  await advanceTestClock(suite.tenant.admin, "2026-05-01T00:00:00Z");
});

type Entry = { type: string; period: string; amount: string; reference: string };
const byPeriod = (entries: Entry[], type: string) =>
  entries.filter((entry) => entry.type === type).map((entry) => [entry.period, entry.amount]);

describe("revenue schedules", () => {
  it("earns an annual fee billed in advance by day over its year", async () => {
    const { data } = await expectOk(
      suite.tenant.admin.get(`/v1/revenue-schedules?customer_id=${annualCustomer}`),
    );
    expect(data).toHaveLength(1);
    const [schedule] = data;
    expect(schedule).toMatchObject({
      product: "platform",
      pattern: "ratable_by_day",
      amount: "1200.00",
      service_start: "2026-01-15T00:00:00.000Z",
      service_end: "2027-01-15T00:00:00.000Z",
      // By May 1: January to April.
      recognized_to_date: "348.49",
      recognized_later: "851.51",
    });
    // 1,200.00 × days / 365 (Jan 15 2026 to Jan 15 2027): 17 days of January, then whole months, 14 days of
    // the next January. In cents, rounded down: 5,589.04 → 5,589; 9,205.48 → 9,205; 10,191.78 → 10,191 in a
    // 31-day month; 9,863.01 → 9,863 in a 30-day one; 4,602.74 → 4,602. That leaves 6 cents, which go to the
    // six largest remainders: the six 31-day months (.78 each).
    expect(byPeriod(schedule.entries, "revenue")).toEqual([
      ["2026-01", "55.89"],
      ["2026-02", "92.05"],
      ["2026-03", "101.92"],
      ["2026-04", "98.63"],
      ["2026-05", "101.92"],
      ["2026-06", "98.63"],
      ["2026-07", "101.92"],
      ["2026-08", "101.92"],
      ["2026-09", "98.63"],
      ["2026-10", "101.92"],
      ["2026-11", "98.63"],
      ["2026-12", "101.92"],
      ["2027-01", "46.02"],
    ]);
  });

  it("earns usage in its month of use, at what the prepaid credits that paid it cost", async () => {
    const { data } = await expectOk(
      suite.tenant.admin.get(`/v1/revenue-schedules?customer_id=${meteredCustomer}`),
    );
    const usage = data.filter((schedule: { kind: string; amount: string }) => schedule.kind === "usage");
    // February: 40 calls × 0.50 = 20.00, paid with 20 credits bought at 80.00 for 100: 20 × 0.80 = 16.00.
    // March: 60 calls × 0.50 = 30.00, paid with 30 credits: 30 × 0.80 = 24.00. January and April: no calls.
    expect(
      usage.map((schedule: { entries: Entry[]; amount: string }) => [
        schedule.amount,
        byPeriod(schedule.entries, "revenue"),
      ]),
    ).toEqual([
      ["0.00", []],
      ["16.00", [["2026-02", "16.00"]]],
      ["24.00", [["2026-03", "24.00"]]],
      ["0.00", []],
    ]);
  });

  it("defers prepaid credits until used and recognizes what expires as breakage", async () => {
    const { data } = await expectOk(
      suite.tenant.admin.get(`/v1/revenue-schedules?invoice_id=${topUpInvoice}`),
    );
    expect(data).toHaveLength(1);
    const [credits] = data;
    expect(credits).toMatchObject({ pattern: "prepaid_credits", amount: "80.00", credit_grant_id: grantId });
    // 100 credits for 80.00: each credit carries 0.80 of deferred revenue. 20 used by the March 1 invoice
    // (16.00), 30 by the April 1 invoice (24.00), and the 50 left expire on April 15: 40.00 of breakage.
    expect(byPeriod(credits.entries, "credits_applied")).toEqual([
      ["2026-03", "16.00"],
      ["2026-04", "24.00"],
    ]);
    expect(byPeriod(credits.entries, "breakage")).toEqual([["2026-04", "40.00"]]);
    expect(credits.entries.find((entry: Entry) => entry.type === "breakage").date).toBe("2026-04-15");
    expect(credits).toMatchObject({
      recognized_to_date: "40.00",
      recognized_later: "0.00",
      credits_applied_to_date: "40.00",
    });
  });

  it("reports recognized, deferred and unbilled revenue by month and product", async () => {
    const report = await expectOk(
      suite.tenant.admin.get("/v1/revenue-report?from=2026-01&to=2026-04&group_by=product"),
    );
    const rows = report.rows.map((row: Record<string, string>) => [
      row.period,
      row.group,
      row.recognized,
      row.breakage,
      row.deferred_balance,
      row.unbilled_balance,
    ]);
    expect(rows).toEqual([
      // The annual fee is deferred when invoiced and earned month by month: 1,200.00 − 55.89 = 1,144.11 left.
      ["2026-01", "platform", "55.89", "0.00", "1144.11", "0.00"],
      // February's usage is earned in February but invoiced on March 1: unbilled at the end of February.
      ["2026-02", null, "0.00", "0.00", "80.00", "0.00"],
      ["2026-02", "api", "16.00", "0.00", "0.00", "16.00"],
      ["2026-02", "platform", "92.05", "0.00", "1052.06", "0.00"],
      // The March 1 invoice uses 16.00 of the prepaid credits' deferred revenue.
      ["2026-03", null, "0.00", "0.00", "64.00", "0.00"],
      ["2026-03", "api", "24.00", "0.00", "0.00", "24.00"],
      ["2026-03", "platform", "101.92", "0.00", "950.14", "0.00"],
      // April: 24.00 used by the April 1 invoice, 40.00 expired.
      ["2026-04", null, "0.00", "40.00", "0.00", "0.00"],
      ["2026-04", "platform", "98.63", "0.00", "851.51", "0.00"],
    ]);
  });
});

describe("the journal", () => {
  it("balances in every month, with the accounts of the chart", async () => {
    for (const period of ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-12", "2027-01"]) {
      const journal = await expectOk(suite.tenant.admin.get(`/v1/journal?period=${period}`));
      expect(journal.balanced, period).toBe(true);
      for (const total of journal.totals) expect(total.debit, period).toBe(total.credit);
      expect(journal.lines.length, period).toBeGreaterThan(0);
    }
  });

  it("books the top-up as deferred revenue and the expiry as breakage", async () => {
    const february = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-02"));
    const topUp = february.lines.filter((line: { document_id: string }) => line.document_id === topUpInvoice);
    expect(topUp.map((line: Record<string, string>) => [line.account, line.debit, line.credit])).toEqual([
      ["1200", "80.00", ""],
      ["2400", "", "80.00"],
    ]);
    const april = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-04"));
    const breakage = april.lines.filter((line: { document_id: string }) => line.document_id === grantId);
    expect(
      breakage.map((line: Record<string, string>) => [line.date, line.account, line.debit, line.credit]),
    ).toEqual([
      ["2026-04-15", "2400", "40.00", ""],
      ["2026-04-15", "4100", "", "40.00"],
    ]);
  });

  it("exports every month of the test balanced, in JSON and in CSV", async () => {
    const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"];
    for (const period of [...months, "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]) {
      const exported = await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period }));
      expect(exported.totals, period).toHaveLength(1);
      expect(exported.totals[0].debit, period).toBe(exported.totals[0].credit);
      const csv = await suite.tenant.admin.get(`/v1/journal-exports/${exported.id}/csv`);
      const [header, ...rows] = csv.body.trim().split("\r\n");
      const columns = header.split(",");
      const sum = (column: string) =>
        rows
          .map((row: string) => row.split(",")[columns.indexOf(column)] || "0")
          .reduce((total: number, amount: string) => total + Math.round(Number(amount) * 100), 0);
      expect(sum("debit"), period).toBe(sum("credit"));
      expect((await expectOk(suite.tenant.admin.get(`/v1/journal-exports/${exported.id}`))).up_to_date).toBe(
        true,
      );
    }
  });

  it("follows the chart of accounts of the settings, as CSV too", async () => {
    await expectOk(
      suite.tenant.admin.put("/v1/finance-settings", {
        accounts: { revenue: { code: "7000", name: "Sales" } },
      }),
    );
    const csv = await suite.tenant.admin.get("/v1/journal/csv?period=2026-02");
    expect(csv.status).toBe(200);
    expect(String(csv.headers["content-type"])).toContain("text/csv");
    const [header, ...rows] = csv.body.trim().split("\r\n");
    expect(header.split(",").slice(0, 7)).toEqual([
      "date",
      "account",
      "account_name",
      "debit",
      "credit",
      "currency",
      "reference",
    ]);
    expect(rows.some((row: string) => row.includes(",7000,Sales,"))).toBe(true);
  });
});
