// Plan version migrations through the API on a settable clock: a dry run
// that records nothing, a migration of chosen subscribers at their period
// ends while the others stay grandfathered, a migration of everyone left on
// the version, and the refusals that name the field.
import { beforeAll, describe, expect, it } from "vitest";
import type { SubscriptionBody } from "../../test/support/api-types.ts";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectProblem, expectRefusedNaming } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2026-01-01T00:00:00Z");

const suite = testAppForFile({ clock, tenantName: "Plan migrations" });
let planId: string;

async function subscribe(fields: Partial<SubscriptionBody>): Promise<string> {
  const { subscription } = await subscribeNewCustomer(suite.tenant.admin, planId, { subscription: fields });
  return subscription.id;
}

const subscription = async (id: string) => (await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body;
const at = (text: string) => new Date(text).toISOString();
/** Asks for the plan's subscribers on version 1 to move to version 2 now, with `fields` added or changed. */
const migrateNow = (fields: Record<string, unknown>) =>
  suite.tenant.admin.post(`/v1/plans/${planId}/migrations`, {
    from_version: 1,
    to_version: 2,
    timing: "now",
    ...fields,
  });

beforeAll(async () => {
  clock.set("2026-01-01T00:00:00Z");
  const plan = await createPlan(suite.tenant.admin, {
    code: "team",
    name: "Team",
    version: {
      charges: [{ id: "base", type: "fixed", amount: "20.00" }],
      currency_prices: [{ currency: "EUR", charges: [{ id: "base", amount: "18.00" }] }],
    },
  });
  planId = plan.id;
});

describe("plan version migrations", () => {
  it("preview, move chosen subscribers at their period end, leave the others grandfathered", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const first = await subscribe({});
    clock.set("2026-01-10T00:00:00Z");
    const second = await subscribe({});
    clock.set("2026-01-15T00:00:00Z");
    const third = await subscribe({});
    const euro = await subscribe({ currency: "EUR" });
    const canceled = await subscribe({});
    await suite.tenant.admin.post(`/v1/subscriptions/${canceled}/cancel`, { mode: "period_end" });

    clock.set("2026-01-20T00:00:00Z");
    // Version 2 costs more and has no euro prices.
    const draft = await suite.tenant.admin.post(`/v1/plans/${planId}/versions`, {
      charges: [{ id: "base", type: "fixed", amount: "25.00" }],
      currency_prices: [],
    });
    expect(draft.status).toBe(201);
    await suite.tenant.admin.post(`/v1/plans/${planId}/versions/2/publish`, {});

    const noEuro = await migrateNow({ subscription_ids: [euro] });
    expectProblem(noEuro, 409, "plan_version_currency_unsupported");
    expect(noEuro.body.errors).toMatchObject([{ path: "$.subscription_ids[0]" }]);
    await suite.tenant.admin.post(`/v1/subscriptions/${euro}/cancel`, { mode: "period_end" });

    const preview = await suite.tenant.admin.post(`/v1/plans/${planId}/migrations`, {
      from_version: 1,
      to_version: 2,
      timing: "next_period",
      dry_run: true,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ id: null, dry_run: true, from_version: 1, to_version: 2 });
    expect(
      preview.body.subscriptions.map((entry: { subscription_id: string; at: string; change_id: null }) => [
        entry.subscription_id,
        entry.at,
        entry.change_id,
      ]),
    ).toEqual([
      [first, at("2026-02-01T00:00:00Z"), null],
      [second, at("2026-02-10T00:00:00Z"), null],
      [third, at("2026-02-15T00:00:00Z"), null],
    ]);
    // Each one's next invoice: version 1's 20.00 in advance, or version 2's 25.00.
    for (const entry of preview.body.subscriptions) {
      expect(entry.preview, entry.subscription_id).toMatchObject({
        before: { issued_at: entry.at, total: "20.00" },
        after: { issued_at: entry.at, total: "25.00" },
        difference: "5.00",
      });
    }
    // The count affected and the revenue impact: three next invoices of 20.00 become 25.00.
    expect(preview.body.summary).toEqual({
      affected_subscriptions: 3,
      revenue_impact: [
        {
          currency: "USD",
          subscriptions: 3,
          before_total: "60.00",
          after_total: "75.00",
          difference: "15.00",
        },
      ],
    });
    expect((await subscription(first)).changes).toEqual([]);
    expect((await suite.tenant.admin.get(`/v1/plans/${planId}/migrations`)).body.data).toEqual([]);

    const migrated = await suite.tenant.admin.post(
      `/v1/plans/${planId}/migrations`,
      { from_version: 1, to_version: 2, timing: "next_period", subscription_ids: [second, first] },
      { "fairbill-reason": "2026 price increase" },
    );
    expect(migrated.status, JSON.stringify(migrated.body)).toBe(201);
    expect(migrated.body).toMatchObject({
      id: expect.stringMatching(/^pmg_/),
      dry_run: false,
      timing: "next_period",
      reason: "2026 price increase",
    });
    expect(
      migrated.body.subscriptions.map((entry: { subscription_id: string }) => entry.subscription_id),
    ).toEqual([second, first]);
    expect(migrated.body.summary).toEqual({
      affected_subscriptions: 2,
      revenue_impact: [
        {
          currency: "USD",
          subscriptions: 2,
          before_total: "40.00",
          after_total: "50.00",
          difference: "10.00",
        },
      ],
    });
    expect(migrated.body.subscriptions[0].preview).toMatchObject({ difference: "5.00" });
    const firstAfter = await subscription(first);
    expect(firstAfter.changes).toEqual([
      expect.objectContaining({
        type: "change_plan",
        at: at("2026-02-01T00:00:00Z"),
        plan: expect.objectContaining({ version: 2 }),
        timing: "next_period",
        migration_id: migrated.body.id,
        id: migrated.body.subscriptions[1].change_id,
      }),
    ]);
    // Not chosen: grandfathered on version 1.
    expect((await subscription(third)).changes).toEqual([]);

    const listed = await suite.tenant.admin.get(`/v1/plans/${planId}/migrations`);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({
      id: migrated.body.id,
      from_version: 1,
      to_version: 2,
      dry_run: false,
      reason: "2026 price increase",
      summary: { affected_subscriptions: 2, revenue_impact: [] },
    });
    expect(
      listed.body.data[0].subscriptions
        .map((entry: { subscription_id: string }) => entry.subscription_id)
        .sort(),
    ).toEqual([first, second].sort());
    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${migrated.body.id}`);
    expect(audit.body.data[0]).toMatchObject({ action: "plan_version_migration.created" });

    // Everyone still simply on version 1 now: the third only (the others have a change or a cancellation).
    const everyoneLeft = await migrateNow({});
    expect(everyoneLeft.status).toBe(201);
    expect(everyoneLeft.body.subscriptions).toEqual([
      expect.objectContaining({ subscription_id: third, at: at("2026-01-20T00:00:00Z") }),
    ]);
    expect((await subscription(third)).current_plan.version).toBe(2);

    clock.set("2026-02-02T00:00:00Z");
    expect((await subscription(first)).current_plan.version).toBe(2);
    expect((await subscription(second)).current_plan.version).toBe(1);

    const again = await migrateNow({ subscription_ids: [first] });
    expectProblem(again, 409, "subscription_not_on_version");
    expect(again.body.errors).toMatchObject([{ path: "$.subscription_ids[0]" }]);
  });

  it("refuses bad requests, naming the field", async () => {
    clock.set("2026-03-01T00:00:00Z");
    await suite.tenant.admin.post(`/v1/plans/${planId}/versions`, { trial_days: 1 });
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ to_version: 1 }, 400, "validation_failed", "$.to_version"],
      [{ to_version: 9 }, 400, "validation_failed", "$.to_version"],
      [{ from_version: 9 }, 400, "validation_failed", "$.from_version"],
      [{ to_version: 3 }, 409, "plan_version_not_published", "$.to_version"],
      [{ timing: "at" }, 400, "validation_failed", "$.at"],
      [{ timing: "at", at: "2026-02-01T00:00:00Z" }, 400, "validation_failed", "$.at"],
      [{ at: "2026-04-01T00:00:00Z" }, 400, "validation_failed", "$.at"],
      [{ subscription_ids: ["sub_unknown"] }, 400, "validation_failed", "$.subscription_ids[0]"],
      [{ subscription_ids: [] }, 400, "validation_failed", "$.subscription_ids"],
    ];
    for (const [body, status, code, path] of cases) {
      const response = await migrateNow(body);
      expectRefusedNaming(response, path, { status, code, label: JSON.stringify(body) });
    }
    const unknownPlan = await suite.tenant.admin.post("/v1/plans/pln_unknown/migrations", {
      from_version: 1,
      to_version: 2,
      timing: "now",
    });
    expect(unknownPlan.status).toBe(404);
    expect((await suite.tenant.admin.get("/v1/plans/pln_unknown/migrations")).status).toBe(404);
  });
});
