// Billing cannot start in a closed accounting month. January is closed on 5
// February; on 10 March a subscription back-dated to 15 January was accepted,
// but its invoice of 15 January can never be finalized in the locked month:
// POST /v1/customers/{id}/bill answered 409 period_locked and every bill run
// after counted an error for the customer, so none of its fees (March's
// included) was ever billed. Such a start is refused up front (409
// period_locked at $.start_at, naming the month); billing_starts_at in the
// open month (backfill mode) bills it from there, and a start in the open
// month is billed as usual.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { closeMonthOverridingChecklist } from "../../test/support/finance-steps.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Closed month start" });
let planId: string;

async function invoicesOf(customerId: string): Promise<{ total: string; issued_at: string }[]> {
  return (await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=50`))).data;
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-01T00:00:00Z");
  planId = (
    await createPlan(suite.tenant.admin, {
      code: "monthly",
      version: {
        currency: "USD",
        interval: "month",
        charges: [{ id: "fee", type: "fixed", amount: "100.00", timing: "in_advance" }],
      },
    })
  ).id;
  await advanceTestClock(suite.tenant.admin, "2026-02-05T00:00:00Z");
  await closeMonthOverridingChecklist(suite.tenant.admin, "2026-01", "closed month start test");
  await advanceTestClock(suite.tenant.admin, "2026-03-10T00:00:00Z");
});

describe("a subscription back-dated into a closed month", () => {
  it("is refused, naming the start and the closed month, and nothing is stored", async () => {
    const customer = await createCustomer(suite.tenant.admin, { currency: "USD" });
    const response = await suite.tenant.admin.post("/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: planId,
      start_at: "2026-01-15T00:00:00Z",
      billing: "calendar",
    });
    expect([response.status, response.body.code]).toEqual([409, "period_locked"]);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: "$.start_at" })]);
    expect(response.body.detail).toContain("2026-01");
    const stored = await expectOk(suite.tenant.admin.get(`/v1/subscriptions?customer_id=${customer.id}`));
    expect(stored.data).toEqual([]);
    // The bill run has nothing it cannot issue.
    await advanceTestClock(suite.tenant.admin, "2026-03-10T00:01:00Z");
  });

  it("bills from billing_starts_at in the open month, and a start in the open month as usual", async () => {
    const backfilled = await createCustomer(suite.tenant.admin, { currency: "USD" });
    await subscribe(suite.tenant.admin, {
      customer_id: backfilled.id,
      plan_id: planId,
      start_at: "2026-01-15T00:00:00Z",
      billing_starts_at: "2026-02-01T00:00:00Z",
      billing: "calendar",
    });
    const february = await createCustomer(suite.tenant.admin, { currency: "USD" });
    await subscribe(suite.tenant.admin, {
      customer_id: february.id,
      plan_id: planId,
      start_at: "2026-02-01T00:00:00Z",
      billing: "calendar",
    });
    await advanceTestClock(suite.tenant.admin, "2026-03-10T00:02:00Z");
    for (const customer of [backfilled, february]) {
      const invoices = await invoicesOf(customer.id);
      expect(invoices.map((invoice) => [invoice.issued_at, invoice.total]).sort()).toEqual([
        ["2026-02-01T00:00:00.000Z", "100.00"],
        ["2026-03-01T00:00:00.000Z", "100.00"],
      ]);
    }
  });
});
