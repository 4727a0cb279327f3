// The upcoming invoice of a paused subscription, and the preview of a plan
// change made while it is paused, are the invoices the bill run will issue:
// invoices falling due while the pause lasts are skipped by the bill run, so
// the previews skip them too.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectOk, expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2026-01-01T00:00:00Z");
const suite = testAppForFile({ clock, tenantName: "Upcoming invoice pauses" });
let planId: string;
let proPlanId: string;

beforeAll(async () => {
  planId = (
    await createPlan(suite.tenant.admin, {
      code: "basic",
      version: { charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
    })
  ).id;
  proPlanId = (
    await createPlan(suite.tenant.admin, {
      code: "pro",
      version: { charges: [{ id: "base", type: "fixed", amount: "100.00" }] },
    })
  ).id;
});

/** A new customer on basic from 2026-01-01 (calendar months, UTC), January billed; the clock then at 2026-01-20. */
async function billedForJanuary(): Promise<{ customerId: string; subscriptionId: string }> {
  clock.set("2026-01-01T00:00:00Z");
  const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, planId, {
    customer: { timezone: "UTC", currency: "USD" },
    subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
  });
  await expectOk(suite.tenant.admin.post(`/v1/customers/${customer.id}/bill`));
  clock.set("2026-01-20T00:00:00Z");
  return { customerId: customer.id, subscriptionId: subscription.id };
}

type Invoice = {
  issued_at: string;
  total: string;
  lines: { kind: string; amount: string; period_start: string }[];
};

const summary = (invoice: Invoice) => ({
  issued_at: invoice.issued_at,
  total: invoice.total,
  lines: invoice.lines.map((line) => `${line.kind} ${line.amount} from ${line.period_start}`),
});

describe("the upcoming invoice of a paused subscription", () => {
  it("is the first one after the pause, as the bill run issues it", async () => {
    const { customerId, subscriptionId } = await billedForJanuary();
    await expectOk(
      suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/pause`, { until: "2026-02-10T00:00:00Z" }),
    );

    const upcoming = await expectOk(
      suite.tenant.admin.get<Invoice>(`/v1/customers/${customerId}/upcoming-invoice`),
    );
    // February's invoice falls due in the pause and is skipped; March's is the next one.
    expect(summary(upcoming)).toEqual({
      issued_at: "2026-03-01T00:00:00.000Z",
      total: "10.00",
      lines: ["fixed 10.00 from 2026-03-01T00:00:00.000Z"],
    });

    clock.set("2026-03-01T00:00:00Z");
    await expectOk(suite.tenant.admin.post(`/v1/customers/${customerId}/bill`));
    const { data } = await expectOk(
      suite.tenant.admin.get<{ data: Invoice[] }>(`/v1/invoices?customer_id=${customerId}&limit=100`),
    );
    const billed = data.find((invoice) => invoice.issued_at !== "2026-01-01T00:00:00.000Z");
    expect(data).toHaveLength(2);
    expect(billed && summary(billed)).toEqual(summary(upcoming));
  });

  it("is none while the pause has no end", async () => {
    const { customerId, subscriptionId } = await billedForJanuary();
    await expectOk(suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/pause`, {}));

    expectProblem(
      await suite.tenant.admin.get(`/v1/customers/${customerId}/upcoming-invoice`),
      404,
      "not_found",
    );
  });
});

describe("the preview of a plan change while paused", () => {
  it("compares the first invoices the bill run issues after the pause, without and with the change", async () => {
    const { customerId, subscriptionId } = await billedForJanuary();
    await expectOk(
      suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/pause`, { until: "2026-02-10T00:00:00Z" }),
    );
    clock.set("2026-01-25T00:00:00Z");
    const change = { plan_id: proPlanId, timing: "immediate" };
    const preview = await expectOk(
      suite.tenant.admin.post<{ before: Invoice; after: Invoice; difference: string }>(
        `/v1/subscriptions/${subscriptionId}/change-plan/preview`,
        change,
      ),
    );
    // The change's own invoice (Jan 25) and February's fall due in the pause: March's is the first billed.
    expect({
      before: summary(preview.before),
      after: summary(preview.after),
      difference: preview.difference,
    }).toEqual({
      before: {
        issued_at: "2026-03-01T00:00:00.000Z",
        total: "10.00",
        lines: ["fixed 10.00 from 2026-03-01T00:00:00.000Z"],
      },
      after: {
        issued_at: "2026-03-01T00:00:00.000Z",
        total: "100.00",
        lines: ["fixed 100.00 from 2026-03-01T00:00:00.000Z"],
      },
      difference: "90.00",
    });

    await expectOk(suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/change-plan`, change));
    clock.set("2026-03-01T00:00:00Z");
    await expectOk(suite.tenant.admin.post(`/v1/customers/${customerId}/bill`));
    const { data } = await expectOk(
      suite.tenant.admin.get<{ data: Invoice[] }>(`/v1/invoices?customer_id=${customerId}&limit=100`),
    );
    expect(data.map(summary).sort((left, right) => left.issued_at.localeCompare(right.issued_at))).toEqual([
      {
        issued_at: "2026-01-01T00:00:00.000Z",
        total: "10.00",
        lines: ["fixed 10.00 from 2026-01-01T00:00:00.000Z"],
      },
      summary(preview.after),
    ]);
  });
});
