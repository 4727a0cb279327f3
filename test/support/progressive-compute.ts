// A customer whose usage is billed early (progressive billing), for the tests
// of what a period's progressive invoices and its own invoice charge: a
// tenant of its own selling compute units on a summing meter at 1.00 each, in
// arrears, by calendar month from 1 January 2026 (the clock frozen there),
// and one customer, `lab`, subscribed with a progressive billing threshold.
import { createCustomer, createPlan, createSumMeter, ingestEvents, subscribe } from "./builders.ts";
import { expectCreated } from "./responses.ts";
import type { TestApp, TestTenant } from "./test-app.ts";
import { freezeTestClock } from "./test-clock-api.ts";

type ProgressiveComputeCustomer = { tenant: TestTenant; customerId: string; subscriptionId: string };

/** The tenant `tenantName` and its customer on compute units, billed early from `threshold`; in France with 10% VAT added when `frenchVat`. */
export async function progressiveComputeCustomer(
  testApp: TestApp,
  options: { tenantName: string; threshold: string; frenchVat?: boolean },
): Promise<ProgressiveComputeCustomer> {
  const tenant = await testApp.newTenant(options.tenantName);
  await freezeTestClock(tenant.admin, "2026-01-01T00:00:00Z");
  await createSumMeter(tenant.admin, "compute", "compute", { effective_from: "2025-12-01T00:00:00Z" });
  const plan = await createPlan(tenant.admin, {
    code: "compute",
    version: {
      charges: [{ id: "compute", type: "usage", meter: "compute", model: "per_unit", unit_price: "1.00" }],
    },
  });
  if (options.frenchVat === true) {
    await expectCreated(
      tenant.admin.post("/v1/tax-rates", { country: "FR", name: "TVA", percent: "10", inclusive: false }),
    );
  }
  const customer = await createCustomer(tenant.admin, {
    external_id: "lab",
    currency: "USD",
    timezone: "UTC",
    ...(options.frenchVat === true ? { country: "FR" } : {}),
  });
  const subscription = await subscribe(tenant.admin, {
    customer_id: customer.id,
    plan_id: plan.id,
    start_at: "2026-01-01T00:00:00Z",
    billing: "calendar",
    progressive_billing_threshold: options.threshold,
  });
  return { tenant, customerId: customer.id, subscriptionId: subscription.id };
}

/** `units` compute units used by `lab` at `timestamp`, sent as event `id`. */
export async function sendComputeUsage(
  tenant: TestTenant,
  id: string,
  timestamp: string,
  units: number,
): Promise<void> {
  await ingestEvents(tenant.admin, [
    { id, name: "compute", timestamp, customer: "lab", properties: { n: units } },
  ]);
}

/** A 20% coupon for two invoices, LAUNCH20, redeemed by the customer. */
export async function redeemTwentyPercentForTwoInvoices(
  tenant: TestTenant,
  customerId: string,
): Promise<void> {
  await expectCreated(
    tenant.admin.post("/v1/coupons", {
      code: "LAUNCH20",
      name: "20% off two invoices",
      type: "percentage",
      percent: "20",
      duration: "repeating",
      duration_invoices: 2,
    }),
  );
  await expectCreated(tenant.admin.post(`/v1/customers/${customerId}/coupons`, { coupon_code: "LAUNCH20" }));
}
