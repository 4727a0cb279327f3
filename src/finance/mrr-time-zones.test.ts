// MRR of customers on both sides of UTC, through the API (issue #24 item 3):
// a Berlin customer on 100.00 EUR a month from 5 January (its first invoice
// prorated to 87.10 for 27 of 31 days), upgraded to 150.00 on 15 February,
// and a Los Angeles customer on 300.00 USD a month from 1 January, with usage
// that MRR leaves out. The accounting zone stays UTC; each customer's months
// are its own. Figures by hand:
// EUR: January 100.00 (new), February 150.00 (+50.00), March 150.00.
// USD: 300.00 every month; its calls (1.00 each) are usage MRR, not MRR.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "MRR across zones" });

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-01T08:00:00Z");
  await createMeter(suite.tenant.admin, { effective_from: "2025-12-01T00:00:00Z" });
  const monthly = async (code: string, currency: string, amount: string, usage = false) =>
    (
      await createPlan(suite.tenant.admin, {
        code,
        version: {
          currency,
          interval: "month",
          charges: [
            { id: "base", type: "fixed", amount, timing: "in_advance" },
            ...(usage
              ? [
                  {
                    id: "calls",
                    type: "usage" as const,
                    meter: "calls",
                    model: "per_unit" as const,
                    unit_price: "1.00",
                  },
                ]
              : []),
          ],
        },
      })
    ).id;
  const team = await monthly("team", "EUR", "100.00");
  const teamPlus = await monthly("teamplus", "EUR", "150.00");
  const pro = await monthly("pro", "USD", "300.00", true);
  const harbor = await createCustomer(suite.tenant.admin, {
    external_id: "harbor",
    currency: "USD",
    timezone: "America/Los_Angeles",
    country: "US",
  });
  // 1 January 00:00 in Los Angeles.
  await subscribe(suite.tenant.admin, {
    customer_id: harbor.id,
    plan_id: pro,
    start_at: "2026-01-01T08:00:00Z",
    billing: "calendar",
  });
  await expectOk(suite.tenant.admin.post(`/v1/customers/${harbor.id}/bill`, {}));
  const werkstatt = await createCustomer(suite.tenant.admin, {
    external_id: "werkstatt",
    currency: "EUR",
    timezone: "Europe/Berlin",
    country: "DE",
  });
  // 5 January 00:00 in Berlin.
  await advanceTestClock(suite.tenant.admin, "2026-01-04T23:00:00Z");
  const subscription = await subscribe(suite.tenant.admin, {
    customer_id: werkstatt.id,
    plan_id: team,
    start_at: "2026-01-04T23:00:00Z",
    billing: "calendar",
  });
  await expectOk(suite.tenant.admin.post(`/v1/customers/${werkstatt.id}/bill`, {}));
  await advanceTestClock(suite.tenant.admin, "2026-01-20T00:00:00Z");
  await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: Array.from({ length: 40 }, (_, index) => ({
        id: `call-${index}`,
        name: "api_call",
        timestamp: "2026-01-15T00:00:00Z",
        customer: "harbor",
      })),
    }),
  );
  // 15 February 00:00 in Berlin: Team Plus from then on.
  await advanceTestClock(suite.tenant.admin, "2026-02-14T23:00:00Z");
  await expectOk(
    suite.tenant.admin.post(`/v1/subscriptions/${subscription.id}/change-plan`, {
      plan_id: teamPlus,
      timing: "immediate",
      reason: "upgrade",
    }),
  );
  await expectOk(suite.tenant.admin.post(`/v1/customers/${werkstatt.id}/bill`, {}));
  await advanceTestClock(suite.tenant.admin, "2026-04-02T00:00:00Z");
});

describe("MRR across time zones", () => {
  it("counts committed fees in each customer's own months, usage apart", async () => {
    const kpis = await expectOk(suite.tenant.admin.get("/v1/kpis?from=2026-01&to=2026-03"));
    expect(kpis.timezone).toBe("UTC");
    expect(
      kpis.mrr.map((month: Record<string, string>) => [
        month.period,
        month.currency,
        month.starting_mrr,
        month.new,
        month.expansion,
        month.contraction,
        month.mrr,
        month.usage_mrr,
      ]),
    ).toEqual([
      // The Berlin fee invoiced at 87.10 for 27 of 31 days is 100.00 a month; 40 calls are 40.00 of usage
      // in January: usage MRR 40.00 / 3 = 13.33.
      ["2026-01", "EUR", "0.00", "100.00", "0.00", "0.00", "100.00", "0.00"],
      ["2026-01", "USD", "0.00", "300.00", "0.00", "0.00", "300.00", "13.33"],
      // Team (100.00) credited from 15 February, Team Plus 150.00 from then: +50.00.
      ["2026-02", "EUR", "100.00", "0.00", "50.00", "0.00", "150.00", "0.00"],
      ["2026-02", "USD", "300.00", "0.00", "0.00", "0.00", "300.00", "13.33"],
      // Berlin's March (28 Feb 23:00 to 31 Mar 22:00 UTC) is one month: 150.00, not 150.00 / 1.0954.
      ["2026-03", "EUR", "150.00", "0.00", "0.00", "0.00", "150.00", "0.00"],
      ["2026-03", "USD", "300.00", "0.00", "0.00", "0.00", "300.00", "13.33"],
    ]);
  });
});
