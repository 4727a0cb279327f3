// A child's coupons on its parent's consolidated invoice, on the test clock
// through the API: a coupon the child redeemed, for itself or for one of its
// subscriptions, discounts the child's lines there as it would the child's
// own invoice, and nothing of the parent's or a sibling's lines.
//
// The hand calculation, January 2030 (calendar months, USD, in arrears):
//   the parent's platform plan                                 200.00
//   North's team plan (North holds 50% off, for two invoices)  100.00 − 50.00
//   South's team plan (South holds 30.00 off its subscription) 100.00 − 30.00
//   West's team plan (no coupon)                               100.00
//   subtotal 500.00, discount 80.00, total                     420.00
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile();
let parentId: string;
const children = new Map<string, { customerId: string; subscriptionId: string }>();

beforeAll(async () => {
  const platform = await createPlan(suite.tenant.admin, {
    code: "platform",
    version: { charges: [{ id: "platform", type: "fixed", amount: "200.00", timing: "in_arrears" }] },
  });
  const team = await createPlan(suite.tenant.admin, {
    code: "team",
    version: { charges: [{ id: "team", type: "fixed", amount: "100.00", timing: "in_arrears" }] },
  });
  // Plans are published in real time: the test clock runs in a year to come.
  await freezeTestClock(suite.tenant.admin, "2030-01-01T00:00:00Z");
  const parent = await createCustomer(suite.tenant.admin, {
    name: "Holding",
    currency: "USD",
    child_billing: "consolidated",
  });
  parentId = parent.id;
  await subscribe(suite.tenant.admin, {
    customer_id: parent.id,
    plan_id: platform.id,
    start_at: "2030-01-01T00:00:00Z",
    billing: "calendar",
  });
  for (const name of ["North", "South", "West"]) {
    const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, team.id, {
      customer: { name, currency: "USD", parent_customer_id: parent.id },
      subscription: { start_at: "2030-01-01T00:00:00Z", billing: "calendar" },
    });
    children.set(name, { customerId: customer.id, subscriptionId: subscription.id });
  }
  await expectCreated(
    suite.tenant.admin.post("/v1/coupons", {
      code: "HALF",
      name: "Half off two invoices",
      type: "percentage",
      percent: "50",
      duration: "repeating",
      duration_invoices: 2,
    }),
  );
  await expectCreated(
    suite.tenant.admin.post("/v1/coupons", {
      code: "THIRTY",
      name: "30.00 off",
      type: "fixed",
      amount: "30.00",
      currency: "USD",
      duration: "forever",
    }),
  );
  const north = children.get("North")!;
  const south = children.get("South")!;
  await expectCreated(
    suite.tenant.admin.post(`/v1/customers/${north.customerId}/coupons`, { coupon_code: "HALF" }),
  );
  await expectCreated(
    suite.tenant.admin.post(`/v1/customers/${south.customerId}/coupons`, {
      coupon_code: "THIRTY",
      subscription_id: south.subscriptionId,
    }),
  );
}, 180_000);

describe("a child's coupons on its parent's consolidated invoice", () => {
  it("discount the child's lines: 50% of North's 100.00 and 30.00 of South's, none of the parent's or West's", async () => {
    await advanceTestClock(suite.tenant.admin, "2030-01-20T00:00:00Z");
    // The upcoming invoice already shows it, as the bill run will bill it.
    const upcoming = await expectOk(suite.tenant.admin.get(`/v1/customers/${parentId}/upcoming-invoice`));
    expect([upcoming.subtotal, upcoming.discount, upcoming.total]).toEqual(["500.00", "80.00", "420.00"]);

    await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:00Z");
    const page = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${parentId}&limit=10`));
    const invoices = page.data as { id: string }[];
    expect(invoices).toHaveLength(1);
    const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoices[0]?.id}`));
    expect([invoice.subtotal, invoice.discount, invoice.total]).toEqual(["500.00", "80.00", "420.00"]);

    const redemptionOf = async (name: string) => {
      const customerId = children.get(name)?.customerId;
      const redemptions = await expectOk(suite.tenant.admin.get(`/v1/customers/${customerId}/coupons`));
      return (
        redemptions.data as { id: string; invoice_count: number; invoices_remaining: number | null }[]
      )[0];
    };
    const north = await redemptionOf("North");
    const south = await redemptionOf("South");
    expect(invoice.discounts).toEqual([
      { redemption_id: north?.id, amount: "50.00" },
      { redemption_id: south?.id, amount: "30.00" },
    ]);
    // The consolidated invoice is the first of North's two.
    expect(north).toMatchObject({ invoice_count: 1, invoices_remaining: 1 });
    expect(south).toMatchObject({ invoice_count: 1, invoices_remaining: null });
  });
});
