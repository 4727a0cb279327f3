// A backtest of a contract change (issue #15 item 1): a contract's invoices
// priced again with another rate card, nothing written to them. The
// contract, from 1 January 2030 on a monthly calendar plan billed in advance,
// has platform at 2,000.00 a month and support at 1,000.00 a month with 50%
// off on its rate card (500.00). The candidate gives support 20% off
// instead (800.00): each of the three invoices (1 January, 1 February,
// 1 March) billed 2,500.00 and would be 2,800.00, +300.00, driven by support.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectCreated, expectRefusedNaming } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Contract backtest" });
let contractId: string;
let customerId: string;

const from = "2030-01-01T00:00:00Z";
const to = "2030-03-01T00:00:01Z";

beforeAll(async () => {
  const plan = await createPlan(suite.tenant.admin, {
    code: "enterprise",
    version: {
      charges: [
        { id: "platform", type: "fixed", amount: "2000.00", timing: "in_advance" },
        { id: "support", type: "fixed", amount: "1000.00", timing: "in_advance" },
      ],
    },
  });
  // Plans are published in real time: the test clock runs in a year to come.
  await freezeTestClock(suite.tenant.admin, from);
  customerId = (await createCustomer(suite.tenant.admin, { currency: "USD" })).id;
  const subscription = await subscribe(suite.tenant.admin, {
    customer_id: customerId,
    plan_id: plan.id,
    start_at: from,
    billing: "calendar",
  });
  contractId = (
    await expectCreated(
      suite.tenant.admin.post("/v1/contracts", {
        customer_id: customerId,
        subscription_id: subscription.id,
        start: from,
        end: "2031-01-01T00:00:00Z",
        rate_card: [{ plan: "enterprise", charge: "support", discount_percent: "50" }],
      }),
    )
  ).id;
  await advanceTestClock(suite.tenant.admin, to);
});

describe("a backtest of a contract change", () => {
  it("refuses a rate card naming a plan the contract does not bill, or a contract that does not exist", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          contract_id: contractId,
          rate_card: [{ plan: "starter", charge: "support", discount_percent: "20" }],
        },
        "$.rate_card[0].plan",
      ],
      [{ contract_id: "ctr_unknown", rate_card: [] }, "$.contract_id"],
      [{ contract_id: contractId }, "$.rate_card"],
      [{ contract_id: contractId, rate_card: [], plan_id: "pln_x" }, "$.plan_id"],
    ];
    for (const [body, path] of cases) {
      const response = await suite.tenant.admin.post("/v1/backtests", { ...body, from, to });
      expectRefusedNaming(response, path);
    }
  });

  it("prices the contract's invoices with the new rate card, as billed against as it would be", async () => {
    const created = await suite.tenant.admin.post("/v1/backtests", {
      contract_id: contractId,
      rate_card: [{ plan: "enterprise", charge: "support", discount_percent: "20" }],
      from,
      to,
      reason: "Support at 20% off at renewal",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body).toMatchObject({
      contract_id: contractId,
      rate_card: [{ plan: "enterprise", charge: "support", discount_percent: "20" }],
      population: { customer_ids: [customerId] },
    });
    await suite.testApp.runJobs();
    const result = (await suite.tenant.admin.get(`/v1/backtests/${created.body.id}`)).body;
    expect(result.status, JSON.stringify(result)).toBe("completed");
    expect(result.invoices_compared).toBe(3);
    const invoices = (await suite.tenant.admin.get(`/v1/backtests/${created.body.id}/invoices?limit=10`)).body
      .data;
    expect(
      invoices.map((invoice: Record<string, string>) => [
        invoice.issued_at,
        invoice.billed_subtotal,
        invoice.would_be_subtotal,
        invoice.difference,
      ]),
    ).toEqual([
      ["2030-01-01T00:00:00.000Z", "2500.00", "2800.00", "300.00"],
      ["2030-02-01T00:00:00.000Z", "2500.00", "2800.00", "300.00"],
      ["2030-03-01T00:00:00.000Z", "2500.00", "2800.00", "300.00"],
    ]);
    for (const invoice of invoices) {
      const support = invoice.lines.find((line: { charge_id: string }) => line.charge_id === "support");
      expect([support.billed.amount, support.would_be.amount, support.difference]).toEqual([
        "500.00",
        "800.00",
        "300.00",
      ]);
      const platform = invoice.lines.find((line: { charge_id: string }) => line.charge_id === "platform");
      expect(platform.difference).toBe("0.00");
    }
    // Nothing touched the real invoices.
    const billed = (await suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=10`)).body
      .data;
    expect(billed.map((invoice: { subtotal: string }) => invoice.subtotal)).toEqual([
      "2500.00",
      "2500.00",
      "2500.00",
    ]);
  });
});
