// Price overrides of a subscription as the bill run prices them across its
// timeline: an override belongs to the plan it names, so a plan change to
// another plan with a charge of the same id leaves it behind; and the
// proration credit of a plan change or cancellation gives back the in-advance
// fee at the price it was billed at, whatever override is in effect when the
// period is cut.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2025-12-31T00:00:00Z");
const suite = testAppForFile({ clock, tenantName: "Price override billing" });
const plans = {} as Record<"basic" | "pro", string>;

beforeAll(async () => {
  plans.basic = (
    await createPlan(suite.tenant.admin, {
      code: "basic",
      version: { charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
    })
  ).id;
  plans.pro = (
    await createPlan(suite.tenant.admin, {
      code: "pro",
      version: { charges: [{ id: "base", type: "fixed", amount: "100.00" }] },
    })
  ).id;
});

type Line = { kind: string; charge_id: string; amount: string; period_start: string; period_end: string };

/** A new customer on basic, billed on calendar months from 2026-01-01 (UTC); the clock at 2025-12-31. */
async function onBasicFromJanuary(): Promise<{ customerId: string; subscriptionId: string }> {
  clock.set("2025-12-31T00:00:00Z");
  const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, plans.basic, {
    customer: { timezone: "UTC", currency: "USD" },
    subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
  });
  return { customerId: customer.id, subscriptionId: subscription.id };
}

/** Overrides basic's `base` fee for the subscription, over the given window. */
async function overrideBasicBase(
  subscription: { customerId: string; subscriptionId: string },
  terms: { override: Record<string, string>; effective_from: string; effective_until?: string },
): Promise<void> {
  await expectCreated(
    suite.tenant.admin.post(`/v1/customers/${subscription.customerId}/price-overrides`, {
      subscription_id: subscription.subscriptionId,
      plan_code: "basic",
      charge_id: "base",
      ...terms,
    }),
  );
}

/** Moves the subscription to pro at once on 2026-01-16. */
async function moveToProOnJanuary16(subscriptionId: string): Promise<void> {
  clock.set("2026-01-16T00:00:00Z");
  await expectOk(
    suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/change-plan`, {
      plan_id: plans.pro,
      timing: "immediate",
    }),
  );
}

async function billAt(customerId: string, now: string): Promise<void> {
  clock.set(now);
  await expectOk(suite.tenant.admin.post(`/v1/customers/${customerId}/bill`));
}

/** Each invoice's issue instant and lines (kind, charge, amount), in time order. */
async function invoicesOf(customerId: string): Promise<{ issued_at: string; lines: string[] }[]> {
  const { data } = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`));
  return [...data]
    .sort((left, right) => left.issued_at.localeCompare(right.issued_at))
    .map((invoice) => ({
      issued_at: invoice.issued_at,
      lines: invoice.lines.map((line: Line) => `${line.kind} ${line.charge_id} ${line.amount}`),
    }));
}

describe("price overrides across plan changes", () => {
  it("leave an override of basic's fee behind when the subscription moves to pro", async () => {
    const subscription = await onBasicFromJanuary();
    const { customerId, subscriptionId } = subscription;
    await overrideBasicBase(subscription, {
      override: { type: "amount", amount: "8.00" },
      effective_from: "2026-01-01T00:00:00Z",
    });
    await billAt(customerId, "2026-01-01T00:00:00Z");
    await moveToProOnJanuary16(subscriptionId);
    await billAt(customerId, "2026-02-01T00:00:00Z");

    expect(await invoicesOf(customerId)).toEqual([
      { issued_at: "2026-01-01T00:00:00.000Z", lines: ["fixed base 8.00"] },
      {
        issued_at: "2026-01-16T00:00:00.000Z",
        // basic's 8.00 × 16/31 = 4.129… back; pro's own 100.00 × 16/31 = 51.612…
        lines: ["proration_credit base -4.13", "fixed base 51.61"],
      },
      { issued_at: "2026-02-01T00:00:00.000Z", lines: ["fixed base 100.00"] },
    ]);
  });
});

describe("proration credits with price overrides", () => {
  it("give back the fee at the discounted price it was billed at, after the discount ended", async () => {
    const subscription = await onBasicFromJanuary();
    const { customerId, subscriptionId } = subscription;
    await overrideBasicBase(subscription, {
      override: { type: "percentage_discount", percent: "20" },
      effective_from: "2026-01-01T00:00:00Z",
      effective_until: "2026-01-10T00:00:00Z",
    });
    await billAt(customerId, "2026-01-01T00:00:00Z");
    clock.set("2026-01-16T00:00:00Z");
    await expectOk(
      suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/cancel`, { mode: "immediate" }),
    );
    await billAt(customerId, "2026-01-16T00:00:00Z");

    expect(await invoicesOf(customerId)).toEqual([
      { issued_at: "2026-01-01T00:00:00.000Z", lines: ["fixed base 8.00"] },
      // 8.00 × 16/31 = 4.129…, not the list price's 10.00 × 16/31 = 5.16
      { issued_at: "2026-01-16T00:00:00.000Z", lines: ["proration_credit base -4.13"] },
    ]);
  });

  it("give back the fee at the list price it was billed at, when a new price starts mid-period", async () => {
    const subscription = await onBasicFromJanuary();
    const { customerId, subscriptionId } = subscription;
    await overrideBasicBase(subscription, {
      override: { type: "amount", amount: "4.00" },
      effective_from: "2026-01-10T00:00:00Z",
    });
    await billAt(customerId, "2026-01-01T00:00:00Z");
    await moveToProOnJanuary16(subscriptionId);
    await billAt(customerId, "2026-01-16T00:00:00Z");

    expect(await invoicesOf(customerId)).toEqual([
      { issued_at: "2026-01-01T00:00:00.000Z", lines: ["fixed base 10.00"] },
      {
        issued_at: "2026-01-16T00:00:00.000Z",
        // 10.00 × 16/31 = 5.161… back (not 4.00 × 16/31 = 2.06); pro's 100.00 × 16/31 = 51.612…
        lines: ["proration_credit base -5.16", "fixed base 51.61"],
      },
    ]);
  });
});
