// A postpaid commit is a minimum spend over the contract's term (V32): the
// invoice at the term's end trues it up, also when the subscription was
// cancelled before the term ended, as `fairbill simulate` bills the same
// contract. Every figure worked by hand: a monthly calendar plan (platform
// 100.00 in advance, tokens at 1.00), a contract from 1 January to 1 April
// 2030 without renewal and a postpaid commit of 1,000.00; 150 tokens in
// January; the subscription cancelled at once on 10 February.
import { describe, expect, it } from "vitest";
import {
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Commit true-up after cancellation" });

type Invoice = {
  issued_at: string;
  total: string;
  amount_due: string;
  lines: { kind: string; amount: string }[];
};

describe("a postpaid commit whose subscription was cancelled before the term's end", () => {
  it("is trued up on an invoice of its own at the term's end, against what the term billed", async () => {
    const client = suite.tenant.admin;
    await createSumMeter(client, "tokens", "tokens");
    const plan = await createPlan(client, {
      code: "enterprise",
      version: {
        charges: [
          { id: "platform", type: "fixed", amount: "100.00", timing: "in_advance" },
          { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "1.00" },
        ],
      },
    });
    // Plans are published in real time: the test clock runs in a year to come.
    await freezeTestClock(client, "2030-01-01T00:00:00Z");
    const { customer, subscription } = await subscribeNewCustomer(client, plan.id, {
      customer: { currency: "USD" },
      subscription: { start_at: "2030-01-01T00:00:00Z", billing: "calendar" },
    });
    const contract = await expectCreated<{ id: string }>(
      client.post("/v1/contracts", {
        customer_id: customer.id,
        subscription_id: subscription.id,
        start: "2030-01-01T00:00:00Z",
        end: "2030-04-01T00:00:00Z",
        commits: [{ id: "minimum", type: "postpaid", amount: "1000.00" }],
      }),
    );
    await advanceTestClock(client, "2030-01-20T00:00:00Z");
    await ingestEvents(client, [
      {
        id: "january",
        name: "tokens",
        customer: customer.external_id,
        timestamp: "2030-01-10T00:00:00Z",
        properties: { n: 150 },
      },
    ]);
    await advanceTestClock(client, "2030-02-10T00:00:00Z");
    await expectOk(
      client.post(`/v1/subscriptions/${subscription.id}/cancel`, { mode: "immediate", reason: "churned" }),
    );
    await advanceTestClock(client, "2030-04-01T00:00:01Z");

    const page = await expectOk(client.get(`/v1/invoices?customer_id=${customer.id}&limit=100`));
    const invoices = [...(page.data as Invoice[])].sort((left, right) =>
      left.issued_at.localeCompare(right.issued_at),
    );
    // 10 February: the 19 unused days of February's 28 credited, 100.00 × 19/28 = 67.86. The term
    // billed 100.00 + 150.00 + 100.00 − 67.86 = 282.14: 1 April trues up 1,000.00 − 282.14 = 717.86,
    // of which the 67.86 owed to the customer since 10 February pays 67.86.
    expect(
      invoices.map((invoice) => [
        invoice.issued_at.slice(0, 10),
        invoice.lines.map((line) => `${line.kind} ${line.amount}`),
        invoice.total,
        invoice.amount_due,
      ]),
    ).toEqual([
      ["2030-01-01", ["fixed 100.00"], "100.00", "100.00"],
      ["2030-02-01", ["usage 150.00", "fixed 100.00"], "250.00", "250.00"],
      ["2030-02-10", ["usage 0.00", "proration_credit -67.86"], "-67.86", "0.00"],
      ["2030-04-01", ["commit_true_up 717.86"], "717.86", "650.00"],
    ]);
    const balances = await expectOk(client.get(`/v1/contracts/${contract.id}/balances`));
    expect(balances.balances).toMatchObject([{ id: "minimum", type: "postpaid", true_up: "717.86" }]);
  });
});
