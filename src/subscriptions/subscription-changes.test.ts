// A subscription's timeline through the API on a settable clock: plan
// changes now, at period end and at a date; cancellations in both modes;
// pauses and resumes; what invoicing reads back (billable-subscriptions.ts),
// and the entitlements of the plan versions in force.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PlanVersionBody, SubscriptionBody } from "../../test/support/api-types.ts";
import {
  createCustomer,
  createMeter,
  createPlan,
  subscribe as subscribeCustomer,
} from "../../test/support/builders.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { planBillingSchedule } from "../core/index.ts";
import {
  billableSubscriptionsOf,
  customersDueForBilling,
  markSubscriptionBilled,
} from "./billable-subscriptions.ts";

const clock = new TestClock("2026-01-01T00:00:00Z");

const suite = testAppForFile({ clock, tenantName: "Subscription changes" });
const plans = {} as Record<"basic" | "pro" | "trial" | "euro", string>;

async function publishedPlan(code: string, version: Partial<PlanVersionBody>): Promise<string> {
  return (await createPlan(suite.tenant.admin, { code, version })).id;
}

const newCustomer = async () => (await createCustomer(suite.tenant.admin)).id;

async function subscribe(customerId: string, body: Omit<SubscriptionBody, "customer_id">): Promise<string> {
  return (await subscribeCustomer(suite.tenant.admin, { customer_id: customerId, ...body })).id;
}

/** Records the subscription as billed through `billedThrough`, its next bill due at `nextBillingAt`, as a bill run would. */
function markBilled(subscriptionId: string, billedThrough: string, nextBillingAt: string): Promise<void> {
  return markSubscriptionBilled(
    suite.testApp.handle.database,
    suite.tenant.context(),
    subscriptionId,
    Date.parse(billedThrough),
    Date.parse(nextBillingAt),
  );
}

/** A new customer's subscription to basic from 2026-01-01, billed for January; the clock then at 2026-01-10. */
async function basicBilledForJanuary(): Promise<{ customerId: string; id: string }> {
  const customerId = await newCustomer();
  clock.set("2026-01-01T00:00:00Z");
  const id = await subscribe(customerId, { plan_id: plans.basic });
  await markBilled(id, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
  clock.set("2026-01-10T00:00:00Z");
  return { customerId, id };
}

const at = (text: string) => new Date(text).toISOString();
const changePlanActions = ["change-plan", "change-plan/preview"];

beforeAll(async () => {
  clock.set("2026-01-01T00:00:00Z");
  await createMeter(suite.tenant.admin, { name: "Calls", event_name: "call" });
  await suite.tenant.admin.post("/v1/features", { code: "sso", name: "Single sign-on", kind: "boolean" });
  await suite.tenant.admin.post("/v1/features", { code: "theme", name: "Theme", kind: "static" });
  await suite.tenant.admin.post("/v1/features", {
    code: "api",
    name: "API calls",
    kind: "metered",
    meter: "calls",
  });
  plans.basic = await publishedPlan("basic", {
    charges: [{ id: "base", type: "fixed", amount: "10.00" }],
    entitlements: [{ feature: "sso" }, { feature: "api", limit: "100" }],
  });
  plans.pro = await publishedPlan("pro", {
    charges: [{ id: "base", type: "fixed", amount: "50.00" }],
    entitlements: [
      { feature: "api", limit: "1000" },
      { feature: "theme", value: { color: "teal" } },
    ],
  });
  plans.trial = await publishedPlan("trial", {
    trial_days: 7,
    charges: [{ id: "base", type: "fixed", amount: "5.00" }],
  });
  plans.euro = await publishedPlan("euro", {
    currency: "EUR",
    charges: [{ id: "base", type: "fixed", amount: "9.00" }],
  });
  // Version 2 of pro stays a draft.
  await suite.tenant.admin.post(`/v1/plans/${plans.pro}/versions`, { trial_days: 3 });
});
beforeEach(() => clock.set("2026-01-10T00:00:00Z"));

describe("plan changes", () => {
  it("record a change now, at the end of the period and at a date, in order", async () => {
    const { customerId, id } = await basicBilledForJanuary();

    const now = await suite.tenant.admin.post(
      `/v1/subscriptions/${id}/change-plan`,
      { plan_id: plans.pro, timing: "immediate" },
      { "fairbill-reason": "upgrade asked by phone" },
    );
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    expect(now.body).toMatchObject({
      current_plan: { plan_id: plans.pro, plan_code: "pro", version: 1 },
      // Invoicing must look again from the change on.
      next_billing_at: at("2026-01-10T00:00:00Z"),
      billed_through: at("2026-01-01T00:00:00Z"),
      changes: [{ type: "change_plan", at: at("2026-01-10T00:00:00Z"), timing: "immediate", mode: null }],
    });

    const atPeriodEnd = await suite.tenant.admin.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.basic,
      timing: "period_end",
    });
    expect(atPeriodEnd.body.changes.at(-1)).toMatchObject({
      at: at("2026-02-01T00:00:00Z"),
      plan: { plan_code: "basic", version: 1 },
      timing: "period_end",
    });
    expect(atPeriodEnd.body.current_plan.plan_code).toBe("pro");

    const beforeLast = await suite.tenant.admin.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.pro,
      timing: "at",
      at: "2026-01-20T00:00:00Z",
    });
    expectProblem(beforeLast, 409, "change_before_last_change");
    expect(beforeLast.body.errors).toMatchObject([{ path: "$.at" }]);

    const later = await suite.tenant.admin.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.pro,
      plan_version: 1,
      timing: "at",
      at: "2026-03-15T00:00:00Z",
    });
    expect(later.status).toBe(200);
    expect(later.body.changes.map((change: { at: string }) => change.at)).toEqual([
      at("2026-01-10T00:00:00Z"),
      at("2026-02-01T00:00:00Z"),
      at("2026-03-15T00:00:00Z"),
    ]);
    const same = await suite.tenant.admin.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.pro,
      timing: "at",
      at: "2026-04-01T00:00:00Z",
    });
    expectProblem(same, 409, "subscription_already_on_version");

    clock.set("2026-02-05T00:00:00Z");
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body.current_plan.plan_code).toBe(
      "basic",
    );
    clock.set("2026-03-20T00:00:00Z");
    const inMarch = await suite.tenant.admin.get(`/v1/subscriptions/${id}`);
    expect(inMarch.body).toMatchObject({
      current_plan: { plan_code: "pro" },
      // The change in mid-March does not move the anniversary anchor.
      current_period_start: at("2026-03-01T00:00:00Z"),
      current_period_end: at("2026-04-01T00:00:00Z"),
    });
    const onPro = await suite.tenant.admin.get(
      `/v1/subscriptions?customer_id=${customerId}&plan_id=${plans.pro}`,
    );
    expect(onPro.body.data).toHaveLength(1);

    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${id}`);
    const actions = audit.body.data.map((event: { action: string }) => event.action);
    expect(actions.filter((action: string) => action === "subscription.plan_changed")).toHaveLength(3);
    const upgrade = audit.body.data.find(
      (event: { reason: string | null }) => event.reason === "upgrade asked by phone",
    );
    expect(upgrade.before.current_plan.plan_code).toBe("basic");
    expect(upgrade.after.current_plan.plan_code).toBe("pro");
  });

  it("refuse what the engine or the catalog would refuse, naming the field", async () => {
    const customerId = await newCustomer();
    const id = await subscribe(customerId, { plan_id: plans.basic });
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ plan_id: "pln_unknown" }, 400, "validation_failed", "$.plan_id"],
      [{ plan_id: plans.pro, plan_version: 2 }, 409, "plan_version_not_published", "$.plan_version"],
      [{ plan_id: plans.pro, plan_version: 7 }, 400, "validation_failed", "$.plan_version"],
      [{ plan_id: plans.euro }, 409, "plan_version_currency_unsupported", "$.plan_id"],
      [{ plan_id: plans.pro, timing: "at" }, 400, "validation_failed", "$.at"],
      [{ plan_id: plans.pro, at: "2026-02-01T00:00:00Z" }, 400, "validation_failed", "$.at"],
      [{ plan_id: plans.pro, timing: "at", at: "2025-12-01T00:00:00Z" }, 400, "validation_failed", "$.at"],
      [{ plan_id: plans.pro, timing: "soon" }, 400, "validation_failed", "$.timing"],
    ];
    // The preview passes the same checks as the change itself.
    for (const action of changePlanActions) {
      for (const [body, status, code, path] of cases) {
        const response = await suite.tenant.admin.post(`/v1/subscriptions/${id}/${action}`, {
          timing: "immediate",
          ...body,
        });
        const label = `${action} ${JSON.stringify(body)}`;
        expect(response.status, label).toBe(status);
        expect(response.body.code, label).toBe(code);
        expect(
          response.body.errors.map((error: { path: string }) => error.path),
          label,
        ).toContain(path);
      }
    }
    await markBilled(id, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");
    for (const action of changePlanActions) {
      const billed = await suite.tenant.admin.post(`/v1/subscriptions/${id}/${action}`, {
        plan_id: plans.pro,
        timing: "at",
        at: "2026-02-01T00:00:00Z",
      });
      expect(billed.status, action).toBe(409);
      expect(billed.body, action).toMatchObject({
        code: "subscription_already_billed",
        errors: [{ path: "$.at" }],
      });
      expect(
        (
          await suite.tenant.admin.post(`/v1/subscriptions/sub_unknown/${action}`, {
            plan_id: plans.pro,
            timing: "immediate",
          })
        ).status,
        action,
      ).toBe(404);
    }
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body.changes).toEqual([]);
  });

  it("preview an upgrade's proration on the next invoice, recording nothing, for a viewer", async () => {
    const { id } = await basicBilledForJanuary();
    const viewer = await suite.tenant.client("viewer");

    const preview = await viewer.post(`/v1/subscriptions/${id}/change-plan/preview`, {
      plan_id: plans.pro,
      timing: "immediate",
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // Without the change: February's 10.00 in advance. With it, an invoice on the day of the
    // change: 22 of January's 31 days of basic credited back, and 22/31 of pro's 50.00.
    expect(preview.body).toMatchObject({
      before: { issued_at: at("2026-02-01T00:00:00Z"), total: "10.00" },
      after: {
        issued_at: at("2026-01-10T00:00:00Z"),
        lines: [
          {
            kind: "proration_credit",
            plan_id: plans.basic,
            period_start: at("2026-01-10T00:00:00Z"),
            period_end: at("2026-02-01T00:00:00Z"),
            amount: "-7.10",
          },
          { kind: "fixed", plan_id: plans.pro, amount: "35.48", details: { proration: { factor: "22/31" } } },
        ],
        total: "28.38",
      },
      difference: "18.38",
    });
    const unchanged = await suite.tenant.admin.get(`/v1/subscriptions/${id}`);
    expect(unchanged.body).toMatchObject({ current_plan: { plan_code: "basic" }, changes: [] });
    // Changing the plan itself stays a write.
    const refused = await viewer.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.pro,
      timing: "immediate",
    });
    expect(refused.status).toBe(403);
  });
});

describe("cancellations", () => {
  it("at period end, then nothing more can change; immediately at a date", async () => {
    const customerId = await newCustomer();
    clock.set("2026-01-01T00:00:00Z");
    const id = await subscribe(customerId, { plan_id: plans.basic });
    const immediateId = await subscribe(customerId, { plan_id: plans.basic });
    clock.set("2026-01-10T00:00:00Z");

    const canceled = await suite.tenant.admin.post(`/v1/subscriptions/${id}/cancel`, { mode: "period_end" });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      status: "canceling",
      ends_at: at("2026-02-01T00:00:00Z"),
      changes: [
        { type: "cancel", mode: "period_end", at: at("2026-01-10T00:00:00Z"), timing: "now", plan: null },
      ],
    });
    const again = await suite.tenant.admin.post(`/v1/subscriptions/${id}/cancel`, { mode: "immediate" });
    expectProblem(again, 409, "subscription_already_canceled");
    const changeAfter = await suite.tenant.admin.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.pro,
      timing: "immediate",
    });
    expectProblem(changeAfter, 409, "subscription_canceled");

    const immediate = await suite.tenant.admin.post(`/v1/subscriptions/${immediateId}/cancel`, {
      mode: "immediate",
      at: "2026-01-15T12:00:00Z",
    });
    expect(immediate.body).toMatchObject({ status: "canceling", ends_at: at("2026-01-15T12:00:00Z") });

    clock.set("2026-01-20T00:00:00Z");
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${immediateId}`)).body).toMatchObject({
      status: "ended",
      current_period_start: null,
    });
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body.status).toBe("canceling");
    clock.set("2026-02-01T00:00:00Z");
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body.status).toBe("ended");
    const beforeStart = await suite.tenant.admin.post(
      `/v1/subscriptions/${await subscribe(customerId, { plan_id: plans.basic })}/cancel`,
      {
        mode: "immediate",
        at: "2026-01-01T00:00:00Z",
      },
    );
    expectRefusedAt(beforeStart, "$.at");
  });

  it("at period end during a trial ends the subscription when the trial ends", async () => {
    const id = await subscribe(await newCustomer(), { plan_id: plans.trial });
    const canceled = await suite.tenant.admin.post(`/v1/subscriptions/${id}/cancel`, { mode: "period_end" });
    expect(canceled.body).toMatchObject({
      status: "canceling",
      trial_ends_at: at("2026-01-17T00:00:00Z"),
      ends_at: at("2026-01-17T00:00:00Z"),
    });
  });
});

describe("pauses", () => {
  it("hold the subscription from a date until a resume or an end date, never overlapping", async () => {
    const id = await subscribe(await newCustomer(), { plan_id: plans.basic });
    await markBilled(id, "2026-01-11T00:00:00Z", "2026-02-10T00:00:00Z");
    clock.set("2026-01-12T00:00:00Z");
    const paused = await suite.tenant.admin.post(`/v1/subscriptions/${id}/pause`, {});
    expect(paused.body).toMatchObject({
      status: "paused",
      next_billing_at: at("2026-01-12T00:00:00Z"),
      pauses: [{ from: at("2026-01-12T00:00:00Z"), until: null, resumed_by: null }],
    });
    const twice = await suite.tenant.admin.post(`/v1/subscriptions/${id}/pause`, {
      at: "2026-01-20T00:00:00Z",
    });
    expectProblem(twice, 409, "subscription_already_paused");

    clock.set("2026-01-20T00:00:00Z");
    const resumed = await suite.tenant.admin.post(`/v1/subscriptions/${id}/resume`, {});
    expect(resumed.body).toMatchObject({
      status: "active",
      pauses: [{ from: at("2026-01-12T00:00:00Z"), until: at("2026-01-20T00:00:00Z") }],
    });
    expect(resumed.body.pauses[0].resumed_by).toEqual(expect.any(String));
    const notPaused = await suite.tenant.admin.post(`/v1/subscriptions/${id}/resume`, {});
    expectProblem(notPaused, 409, "subscription_not_paused");

    const planned = await suite.tenant.admin.post(`/v1/subscriptions/${id}/pause`, {
      at: "2026-02-05T00:00:00Z",
      until: "2026-02-10T00:00:00Z",
    });
    expect(planned.body.status).toBe("active");
    clock.set("2026-02-07T00:00:00Z");
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body.status).toBe("paused");
    clock.set("2026-02-10T00:00:00Z");
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body.status).toBe("active");

    const cases: [Record<string, unknown>, number, string][] = [
      [{ at: "2026-01-10T12:00:00Z" }, 409, "$.at"],
      [{ at: "2026-03-01T00:00:00Z", until: "2026-02-01T00:00:00Z" }, 400, "$.until"],
      [{ at: "2026-02-08T00:00:00Z" }, 409, "$.at"],
    ];
    for (const [body, status, path] of cases) {
      const response = await suite.tenant.admin.post(`/v1/subscriptions/${id}/pause`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.errors[0].path, JSON.stringify(body)).toBe(path);
    }
    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${id}`);
    expect(audit.body.data.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining(["subscription.paused", "subscription.resumed"]),
    );
    // Each write is reported to webhook endpoints, with the subscription as it stands after it.
    for (const type of ["subscription.created", "subscription.paused", "subscription.resumed"]) {
      const events = await suite.tenant.admin.get(`/v1/webhook-events?type=${type}&limit=100`);
      expect(
        events.body.data.map((event: { data: { id: string } }) => event.data.id),
        type,
      ).toContain(id);
    }
  });
});

describe("what invoicing reads", () => {
  it("each subscription's timeline with plan version ids, pauses, and the customers due", async () => {
    const customerId = await newCustomer();
    clock.set("2026-01-01T00:00:00Z");
    const id = await subscribe(customerId, {
      plan_id: plans.basic,
      progressive_billing_threshold: "250",
      billing: "calendar",
    });
    clock.set("2026-01-10T00:00:00Z");
    await suite.tenant.admin.post(`/v1/subscriptions/${id}/change-plan`, {
      plan_id: plans.pro,
      timing: "immediate",
    });
    await suite.tenant.admin.post(`/v1/subscriptions/${id}/pause`, {
      at: "2026-03-01T00:00:00Z",
      until: "2026-04-01T00:00:00Z",
    });
    await suite.tenant.admin.post(`/v1/subscriptions/${id}/cancel`, {
      mode: "period_end",
      at: "2026-06-15T00:00:00Z",
    });
    const view = (await suite.tenant.admin.get(`/v1/subscriptions/${id}`)).body;

    const database = suite.testApp.handle.database;
    const [billable] = await billableSubscriptionsOf(database, suite.tenant.context(), customerId);
    expect(billable).toMatchObject({
      id,
      customerId,
      currency: "USD",
      timeline: {
        planCode: view.plan_version_id,
        start: Date.parse("2026-01-01T00:00:00Z"),
        timeZone: "UTC",
        alignment: "calendar",
        trialDays: 0,
        changes: [
          {
            type: "change_plan",
            at: Date.parse("2026-01-10T00:00:00Z"),
            planCode: view.changes[0].plan.plan_version_id,
          },
          { type: "cancel", at: Date.parse("2026-06-15T00:00:00Z"), mode: "period_end" },
        ],
      },
      pauses: [{ from: Date.parse("2026-03-01T00:00:00Z"), until: Date.parse("2026-04-01T00:00:00Z") }],
      billedThrough: null,
      nextBillingAt: Date.parse("2026-01-01T00:00:00Z"),
    });
    expect(billable?.progressiveBillingThreshold?.toString()).toBe("250");
    // The timeline meets the engine's invariants: the core lays it out without complaint.
    const interval = { unit: "month" as const, count: 1 };
    const catalog = {
      meters: new Map(),
      plans: new Map(
        [view.plan_version_id, view.changes[0].plan.plan_version_id].map((code: string) => [
          code,
          { code, interval, charges: [] },
        ]),
      ),
    };
    if (billable === undefined) throw new Error("no billable subscription");
    const schedule = planBillingSchedule(billable.timeline, catalog, Date.parse("2027-01-01T00:00:00Z"));
    expect(schedule.segments.at(-1)?.end).toBe(Date.parse("2026-07-01T00:00:00Z"));
    expect(view.ends_at).toBe(at("2026-07-01T00:00:00Z"));

    const due = await customersDueForBilling(
      database,
      suite.tenant.context(),
      new Date("2026-01-01T00:00:00Z"),
      1000,
    );
    expect(due).toContain(customerId);
    await database.transaction().execute(async (transaction) => {
      await billableSubscriptionsOf(transaction, suite.tenant.context(), customerId);
      await markSubscriptionBilled(
        transaction,
        suite.tenant.context(),
        id,
        Date.parse("2026-07-01T00:00:00Z"),
        null,
      );
    });
    const afterBilling = await customersDueForBilling(
      database,
      suite.tenant.context(),
      new Date("2030-01-01T00:00:00Z"),
      1000,
    );
    expect(afterBilling).not.toContain(customerId);
    const paged = await customersDueForBilling(
      database,
      suite.tenant.context(),
      new Date("2030-01-01T00:00:00Z"),
      1,
    );
    expect(paged).toHaveLength(1);
    const next = await customersDueForBilling(
      database,
      suite.tenant.context(),
      new Date("2030-01-01T00:00:00Z"),
      1000,
      paged[0],
    );
    expect(next).not.toContain(paged[0]);
    expect(next.every((customer) => customer > (paged[0] as string))).toBe(true);
  });
});

describe("entitlements", () => {
  it("come from the plan versions of the subscriptions in force, with grants winning", async () => {
    const customerId = await newCustomer();
    const entitlements = async () =>
      Object.fromEntries(
        (await suite.tenant.admin.get(`/v1/customers/${customerId}/entitlements`)).body.data.map(
          (entry: { feature: string; limit: string | null; value: unknown; source: string }) => [
            entry.feature,
            { limit: entry.limit, value: entry.value, source: entry.source },
          ],
        ),
      );
    expect(await entitlements()).toEqual({});
    await subscribe(customerId, { plan_id: plans.basic });
    expect(await entitlements()).toEqual({
      api: { limit: "100", value: null, source: "plan" },
      sso: { limit: null, value: null, source: "plan" },
    });
    const proId = await subscribe(customerId, { plan_id: plans.pro });
    expect(await entitlements()).toEqual({
      api: { limit: "1000", value: null, source: "plan" },
      sso: { limit: null, value: null, source: "plan" },
      theme: { limit: null, value: { color: "teal" }, source: "plan" },
    });
    await suite.tenant.admin.post(`/v1/subscriptions/${proId}/pause`, {});
    expect((await entitlements()).api).toEqual({ limit: "100", value: null, source: "plan" });
    await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, { feature: "api", limit: "5" });
    expect((await entitlements()).api).toEqual({ limit: "5", value: null, source: "grant" });
    const later = await subscribe(customerId, { plan_id: plans.trial, start_at: "2027-01-01T00:00:00Z" });
    expect(later).toEqual(expect.any(String));
    expect(Object.keys(await entitlements())).toEqual(["api", "sso"]);
  });
});
