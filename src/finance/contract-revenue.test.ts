// A live contract's revenue (ASC 606 steps 4 and 5) on the test clock, every
// figure worked by hand below. The contract, 1 January to 1 April 2030 (UTC),
// on a monthly calendar plan billed in advance:
// - platform: 2,000.00 a month at list, standalone selling price 2,500.00 a month;
// - support: 1,000.00 a month at list, 50% off on the contract's rate card (500.00),
//   standalone selling price 900.00 a month;
// - a prepaid commit of 6,000.00 invoiced up front, drawn down by usage (1.00 a token);
// - tokens used: January 2,500, February 3,000, March 1,500 (7,000.00: 1,000.00 beyond the commit).
// A second contract whose commit is mostly left unused shows breakage at its expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

let testApp: TestApp;
let tenant: TestTenant;
let planId: string;

const start = "2030-01-01T00:00:00Z";
const end = "2030-04-01T00:00:00Z";

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Contract revenue" }));
  await expectOk(tenant.admin.put("/v1/finance-settings", { timezone: "UTC" }));
  await expectCreated(tenant.admin.post("/v1/products", { code: "platform", name: "Platform" }));
  await expectCreated(tenant.admin.post("/v1/products", { code: "support", name: "Premium support" }));
  await createSumMeter(tenant.admin, "tokens", "tokens");
  planId = (
    await createPlan(tenant.admin, {
      code: "enterprise",
      version: {
        currency: "USD",
        interval: "month",
        charges: [
          { id: "platform", type: "fixed", amount: "2000.00", timing: "in_advance", product: "platform" },
          { id: "support", type: "fixed", amount: "1000.00", timing: "in_advance", product: "support" },
          { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "1.00" },
        ],
      },
    })
  ).id;
  for (const [product, amount] of [
    ["platform", "2500.00"],
    ["support", "900.00"],
  ]) {
    await expectOk(tenant.admin.put("/v1/standalone-selling-prices", { product, currency: "USD", amount }));
  }
  // Plans are published in real time: the test clock runs in a year to come.
  await freezeTestClock(tenant.admin, start);
});
afterAll(async () => testApp?.close());

/** A customer on the plan from 1 January under a contract with a prepaid commit of `commit`: its external id and the contract's id. */
async function contractCustomer(commit: string): Promise<{ externalId: string; contractId: string }> {
  const { customer, subscription } = await subscribeNewCustomer(tenant.admin, planId, {
    customer: { currency: "USD" },
    subscription: { start_at: start, billing: "calendar" },
  });
  const contract = await expectCreated(
    tenant.admin.post("/v1/contracts", {
      customer_id: customer.id,
      subscription_id: subscription.id,
      start,
      end,
      rate_card: [{ plan: "enterprise", charge: "support", discount_percent: "50" }],
      commits: [{ id: "prepaid", type: "prepaid", amount: commit, applies_to: ["usage"] }],
    }),
  );
  return { externalId: customer.external_id, contractId: contract.id };
}

const revenueOf = (contractId: string) =>
  expectOk(tenant.admin.get(`/v1/contracts/${contractId}/revenue-schedule`));

describe("GET /v1/contracts/{id}/revenue-schedule", () => {
  let main: { externalId: string; contractId: string };
  let unused: { externalId: string; contractId: string };

  beforeAll(async () => {
    main = await contractCustomer("6000.00");
    unused = await contractCustomer("3000.00");
    for (const [month, tokens, unusedTokens] of [
      ["01", 2500, 400],
      ["02", 3000, 300],
      ["03", 1500, 300],
    ] as const) {
      await advanceTestClock(tenant.admin, `2030-${month}-10T00:00:00Z`);
      await ingestEvents(tenant.admin, [
        {
          id: `main-${month}`,
          customer: main.externalId,
          name: "tokens",
          timestamp: `2030-${month}-10T00:00:00Z`,
          properties: { n: tokens },
        },
        {
          id: `unused-${month}`,
          customer: unused.externalId,
          name: "tokens",
          timestamp: `2030-${month}-10T00:00:00Z`,
          properties: { n: unusedTokens },
        },
      ]);
    }
    await advanceTestClock(tenant.admin, "2030-04-01T00:00:01Z");
  });

  it("allocates the fixed price by relative standalone selling price and earns it month by month", async () => {
    const revenue = await revenueOf(main.contractId);
    // Invoiced: 1 January 2,000.00 + 500.00 + the commit 6,000.00 = 8,500.00; 1 February and 1 March
    // 2,500.00 of fees, the month's usage paid by the commit (2,500.00, then 3,000.00); 1 April March's
    // 1,500.00 of usage, 500.00 of it paid by the commit (all that is left): 1,000.00.
    // Fixed price: platform 3 × 2,000.00 = 6,000.00, support 3 × 500.00 = 1,500.00, the commit 6,000.00:
    // 13,500.00. Standalone selling prices: 3 × 2,500.00 = 7,500.00, 3 × 900.00 = 2,700.00 and the
    // commit's face 6,000.00 (none set: its list price): 16,200.00.
    // Platform 13,500 × 7,500 / 16,200 = 6,250.00; support 13,500 × 2,700 / 16,200 = 2,250.00;
    // the commit 13,500 × 6,000 / 16,200 = 5,000.00.
    expect(revenue).toMatchObject({ currency: "USD", timezone: "UTC", transaction_price: "13500.00" });
    expect(revenue.variable_consideration).toBe("1000.00");
    expect(revenue.obligations).toEqual([
      {
        id: "platform",
        kind: "fee",
        contract_price: "6000.00",
        standalone_selling_price: "7500.00",
        standalone_selling_price_source: "configured",
        allocated: "6250.00",
        reallocated: "250.00",
      },
      {
        id: "support",
        kind: "fee",
        contract_price: "1500.00",
        standalone_selling_price: "2700.00",
        standalone_selling_price_source: "configured",
        allocated: "2250.00",
        reallocated: "750.00",
      },
      {
        id: "commit:prepaid:2030-01-01",
        kind: "commit",
        contract_price: "6000.00",
        standalone_selling_price: "6000.00",
        standalone_selling_price_source: "list_price",
        allocated: "5000.00",
        reallocated: "-1000.00",
      },
    ]);
    // Platform: 625,000 cents over its three monthly lines by amount: 208,333.33 each, the cent left to the
    // first: 2,083.34, 2,083.33, 2,083.33. Support: 750.00 a month.
    // The commit releases 5,000 / 6,000 of each draw, rounded on the running total: January's usage
    // (drawn 1 February) 2,500 × 5/6 = 2,083.33; February's 5,500 × 5/6 = 4,583.33, less 2,083.33 = 2,500.00;
    // March's 6,000 × 5/6 = 5,000.00, less 4,583.33 = 416.67. Nothing left: no breakage.
    // March's usage beyond the commit, 1,000.00, is earned as used, in March.
    expect(
      revenue.schedule.map(
        (entry: { month: string; obligation_id: string; kind: string; amount: string }) =>
          `${entry.month} ${entry.obligation_id} ${entry.kind} ${entry.amount}`,
      ),
    ).toEqual([
      "2030-01 platform revenue 2083.34",
      "2030-01 support revenue 750.00",
      "2030-01 commit:prepaid:2030-01-01 revenue 2083.33",
      "2030-02 platform revenue 2083.33",
      "2030-02 support revenue 750.00",
      "2030-02 commit:prepaid:2030-01-01 revenue 2500.00",
      "2030-03 platform revenue 2083.33",
      "2030-03 support revenue 750.00",
      "2030-03 commit:prepaid:2030-01-01 revenue 416.67",
      "2030-03 usage variable 1000.00",
    ]);
  });

  it("journals it month by month through deferred revenue and unbilled receivables, every month balanced", async () => {
    const revenue = await revenueOf(main.contractId);
    // January: invoiced 8,500.00, earned 2,083.34 + 750.00 + 2,083.33 = 4,916.67: deferred 3,583.33.
    // February: invoiced 2,500.00, earned 2,083.33 + 750.00 + 2,500.00 = 5,333.33: deferred 750.00.
    // March: invoiced 2,500.00, earned 2,083.33 + 750.00 + 416.67 + 1,000.00 = 4,250.00: 750.00 + 2,500.00
    // − 4,250.00 = −1,000.00, earned ahead of billing: unbilled 1,000.00, deferred 0.00.
    // April: invoiced 1,000.00 (March's overage), nothing earned: unbilled back to 0.00.
    expect(revenue.journal).toEqual([
      {
        month: "2030-01",
        invoiced: "8500.00",
        recognized: "4916.67",
        deferred_revenue: "3583.33",
        unbilled_receivables: "0.00",
        balanced: true,
        lines: [
          { account: "accounts_receivable", debit: "8500.00", credit: "0.00" },
          { account: "deferred_revenue", debit: "0.00", credit: "3583.33" },
          { account: "revenue", debit: "0.00", credit: "4916.67" },
        ],
      },
      {
        month: "2030-02",
        invoiced: "2500.00",
        recognized: "5333.33",
        deferred_revenue: "750.00",
        unbilled_receivables: "0.00",
        balanced: true,
        lines: [
          { account: "accounts_receivable", debit: "2500.00", credit: "0.00" },
          { account: "deferred_revenue", debit: "2833.33", credit: "0.00" },
          { account: "revenue", debit: "0.00", credit: "5333.33" },
        ],
      },
      {
        month: "2030-03",
        invoiced: "2500.00",
        recognized: "4250.00",
        deferred_revenue: "0.00",
        unbilled_receivables: "1000.00",
        balanced: true,
        lines: [
          { account: "accounts_receivable", debit: "2500.00", credit: "0.00" },
          { account: "unbilled_receivables", debit: "1000.00", credit: "0.00" },
          { account: "deferred_revenue", debit: "750.00", credit: "0.00" },
          { account: "revenue", debit: "0.00", credit: "4250.00" },
        ],
      },
      {
        month: "2030-04",
        invoiced: "1000.00",
        recognized: "0.00",
        deferred_revenue: "0.00",
        unbilled_receivables: "0.00",
        balanced: true,
        lines: [
          { account: "accounts_receivable", debit: "1000.00", credit: "0.00" },
          { account: "unbilled_receivables", debit: "0.00", credit: "1000.00" },
        ],
      },
    ]);
  });

  it("releases an unused commit as breakage at its expiry", async () => {
    const revenue = await revenueOf(unused.contractId);
    // Fixed price 6,000.00 + 1,500.00 + 3,000.00 = 10,500.00 over standalone 7,500 + 2,700 + 3,000 = 13,200:
    // platform 10,500 × 7,500 / 13,200 = 5,965.909… → 5,965.90 (remainder .9), support × 2,700 = 2,147.727…
    // → 2,147.72 (.73), the commit × 3,000 = 2,386.363… → 2,386.36 (.36): the two cents left go to the
    // platform and support, the largest remainders: 5,965.91 and 2,147.73.
    expect(
      revenue.obligations.map((obligation: { id: string; allocated: string }) => [
        obligation.id,
        obligation.allocated,
      ]),
    ).toEqual([
      ["platform", "5965.91"],
      ["support", "2147.73"],
      ["commit:prepaid:2030-01-01", "2386.36"],
    ]);
    // Draws 400, 300 and 300 of 3,000.00 at 2,386.36 / 3,000: running totals 400 → 318.18, 700 → 556.82
    // (238.64), 1,000 → 795.45 (238.63); the 2,000.00 left unused expires on 1 April: 2,386.36 − 795.45 =
    // 1,590.91 of breakage, in March (the month the term ends in).
    const commit = revenue.schedule.filter(
      (entry: { obligation_id: string }) => entry.obligation_id === "commit:prepaid:2030-01-01",
    );
    expect(
      commit.map((entry: { month: string; kind: string; amount: string }) => [
        entry.month,
        entry.kind,
        entry.amount,
      ]),
    ).toEqual([
      ["2030-01", "revenue", "318.18"],
      ["2030-02", "revenue", "238.64"],
      ["2030-03", "revenue", "238.63"],
      ["2030-03", "breakage", "1590.91"],
    ]);
    expect(revenue.variable_consideration).toBe("0.00");
    expect(revenue.journal.at(-1)).toMatchObject({ deferred_revenue: "0.00", balanced: true });
    expect(
      revenue.journal.every((month: { balanced: boolean }) => month.balanced),
      JSON.stringify(revenue.journal),
    ).toBe(true);
  });

  it("is a 404 for a contract that does not exist", async () => {
    const response = await tenant.admin.get("/v1/contracts/ctr_unknown/revenue-schedule");
    expect(response.status).toBe(404);
  });
});
