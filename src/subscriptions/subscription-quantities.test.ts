// Seats through the API: a subscription's quantities within the charge's
// bounds, a change of quantity mid-period (checked, previewed, recorded and
// shown on the subscription), each bad field named by its path.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2026-01-01T00:00:00Z");

const suite = testAppForFile({ clock, tenantName: "seats" });
let planId: string;

beforeAll(async () => {
  const plan = await createPlan(suite.tenant.admin, {
    code: "team",
    version: {
      charges: [
        {
          id: "seats",
          type: "fixed",
          amount: "30.00",
          min_quantity: 5,
          max_quantity: 50,
          credit_on_decrease: true,
        },
      ],
    },
  });
  planId = plan.id;
});

const start = { start_at: "2026-01-01T00:00:00Z", billing: "calendar" } as const;

describe("seats on a subscription", () => {
  it("refuses a quantity below the charge's minimum, at its path", async () => {
    const { customer } = await subscribeNewCustomer(suite.tenant.admin, planId, { subscription: start });
    const response = await suite.tenant.admin.post("/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: planId,
      ...start,
      quantities: { seats: 3 },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: '$.quantities["seats"]',
        message: 'must be at least 5 (the min_quantity of charge "seats" of version 1 of plan team), not 3',
      },
    ]);
  });

  it("previews and records a change mid-period: the added seats for the rest of the period", async () => {
    const { subscription } = await subscribeNewCustomer(suite.tenant.admin, planId, {
      subscription: { ...start, quantities: { seats: 25 } },
    });
    const change = { charge_id: "seats", quantity: 30, at: "2026-01-16T00:00:00Z" };
    const preview = await expectOk(
      suite.tenant.admin.post<{
        before: { issued_at: string } | null;
        after: {
          issued_at: string;
          lines: { kind: string; quantity: string; amount: string }[];
        };
      }>(`/v1/subscriptions/${subscription.id}/quantity-changes/preview`, change),
    );
    // Without the change, the next invoice is February's; with it, one at the change.
    expect(preview.before?.issued_at).toBe("2026-02-01T00:00:00.000Z");
    expect(preview.after.issued_at).toBe("2026-01-16T00:00:00.000Z");
    // 30.00 × 5 seats × 16/31 days = 77.419… → 77.42
    expect(preview.after.lines.map(({ kind, quantity, amount }) => ({ kind, quantity, amount }))).toEqual([
      { kind: "quantity_change", quantity: "5", amount: "77.42" },
    ]);

    const changed = await expectOk(
      suite.tenant.admin.post<{
        quantities: Record<string, number>;
        quantity_changes: { charge_id: string; quantity: number; at: string }[];
      }>(`/v1/subscriptions/${subscription.id}/quantity-changes`, change),
    );
    expect(changed.quantities).toEqual({ seats: 25 });
    expect(
      changed.quantity_changes.map(({ charge_id, quantity, at }) => ({ charge_id, quantity, at })),
    ).toEqual([{ charge_id: "seats", quantity: 30, at: "2026-01-16T00:00:00.000Z" }]);
  });

  it("names a charge the plan does not have, and a quantity above the maximum", async () => {
    const { subscription } = await subscribeNewCustomer(suite.tenant.admin, planId, { subscription: start });
    const unknown = await suite.tenant.admin.post(`/v1/subscriptions/${subscription.id}/quantity-changes`, {
      charge_id: "licences",
      quantity: 10,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { path: "$.charge_id", message: 'version 1 of plan team has no charge "licences"' },
    ]);
    const tooMany = await suite.tenant.admin.post(`/v1/subscriptions/${subscription.id}/quantity-changes`, {
      charge_id: "seats",
      quantity: 60,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([
      {
        path: "$.quantity",
        message: 'must be at most 50 (the max_quantity of charge "seats" of version 1 of plan team), not 60',
      },
    ]);
  });
});
