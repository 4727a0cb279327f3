// Subscriptions through the API on a settable clock: creation on a published
// plan version, the status and current period as time passes, lists with
// filters, and the bad input that is refused with the field it concerns.
import { beforeAll, describe, expect, it } from "vitest";
import type { SubscriptionBody } from "../../test/support/api-types.ts";
import { createCustomer, createDraftPlan, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectProblem, expectRefusedNaming } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2026-01-01T00:00:00Z");

const suite = testAppForFile({ clock, tenantName: "Subscriptions" });
let customerId: string;
let proPlanId: string;
let trialPlanId: string;

beforeAll(async () => {
  clock.set("2026-01-01T00:00:00Z");
  customerId = (await createCustomer(suite.tenant.admin, { external_id: "acme", timezone: "Europe/Berlin" }))
    .id;
  const pro = await createPlan(suite.tenant.admin, {
    code: "pro",
    version: {
      charges: [{ id: "base", type: "fixed", amount: "49.00" }],
      currency_prices: [{ currency: "EUR", charges: [{ id: "base", amount: "45.00" }] }],
    },
  });
  proPlanId = pro.id;
  const trial = await createPlan(suite.tenant.admin, {
    code: "trial",
    version: { trial_days: 14, charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
  });
  trialPlanId = trial.id;
});

describe("subscriptions", () => {
  it("are scheduled, then active, with the engine's current period in the customer's zone", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const created = await suite.tenant.admin.post(
      "/v1/subscriptions",
      {
        customer_id: customerId,
        plan_id: proPlanId,
        start_at: "2026-01-14T23:00:00Z",
        external_id: "acme-pro",
        metadata: { crm: "42" },
      },
      { "fairbill-reason": "signed the order form" },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^sub_/),
      customer_id: customerId,
      external_id: "acme-pro",
      status: "scheduled",
      plan_id: proPlanId,
      current_plan: { plan_id: proPlanId, plan_code: "pro", version: 1 },
      currency: "USD",
      billing: "anniversary",
      trial_days: 0,
      started_at: "2026-01-14T23:00:00.000Z",
      trial_ends_at: "2026-01-14T23:00:00.000Z",
      timezone: "Europe/Berlin",
      current_period_start: null,
      current_period_end: null,
      ends_at: null,
      next_billing_at: "2026-01-14T23:00:00.000Z",
      billed_through: null,
      metadata: { crm: "42" },
      changes: [],
      pauses: [],
    });
    expect(created.body.plan_version_id).toBe(created.body.current_plan.plan_version_id);
    const id = created.body.id;

    clock.set("2026-02-20T12:00:00Z");
    const active = await suite.tenant.admin.get(`/v1/subscriptions/${id}`);
    expect(active.body).toMatchObject({
      status: "active",
      // Midnight of the 15th in Berlin, a month after the anchor.
      current_period_start: "2026-02-14T23:00:00.000Z",
      current_period_end: "2026-03-14T23:00:00.000Z",
    });

    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${id}`);
    expect(audit.body.data[0]).toMatchObject({
      action: "subscription.created",
      reason: "signed the order form",
    });

    const duplicate = await suite.tenant.admin.post("/v1/subscriptions", {
      customer_id: customerId,
      plan_id: proPlanId,
      external_id: "acme-pro",
    });
    expectProblem(duplicate, 409, "subscription_external_id_taken");
    expect(duplicate.body.errors).toMatchObject([{ path: "$.external_id" }]);
  });

  it("trial, calendar billing, another currency, and several subscriptions per customer", async () => {
    clock.set("2026-03-10T10:00:00Z");
    const trial = await suite.tenant.admin.post("/v1/subscriptions", {
      customer_id: customerId,
      plan_id: trialPlanId,
      billing: "calendar",
    });
    expect(trial.body).toMatchObject({
      status: "trialing",
      trial_days: 14,
      started_at: "2026-03-10T10:00:00.000Z",
      trial_ends_at: "2026-03-24T10:00:00.000Z",
      current_period_start: null,
    });
    // A moment later, so that ids (which sort by creation time) list it first.
    clock.set("2026-03-10T10:00:01Z");
    const euro = await suite.tenant.admin.post("/v1/subscriptions", {
      customer_id: customerId,
      plan_id: proPlanId,
      currency: "EUR",
      trial_days: 0,
      progressive_billing_threshold: "500.00",
    });
    expect(euro.body).toMatchObject({
      currency: "EUR",
      status: "active",
      progressive_billing_threshold: "500.00",
    });

    clock.set("2026-03-25T00:00:00Z");
    const afterTrial = await suite.tenant.admin.get(`/v1/subscriptions/${trial.body.id}`);
    expect(afterTrial.body).toMatchObject({
      status: "active",
      // The first calendar period runs from the trial's end to the month's end in Berlin.
      current_period_start: "2026-03-24T10:00:00.000Z",
      current_period_end: "2026-03-31T22:00:00.000Z",
    });

    const mine = await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${customerId}&limit=2`);
    expect(mine.body.data.map((subscription: { id: string }) => subscription.id)).toEqual([
      euro.body.id,
      trial.body.id,
    ]);
    expect(mine.body.next_cursor).toEqual(expect.any(String));
    const rest = await suite.tenant.admin.get(
      `/v1/subscriptions?customer_id=${customerId}&limit=2&cursor=${mine.body.next_cursor}`,
    );
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.next_cursor).toBeNull();
    const onTrialPlan = await suite.tenant.admin.get(`/v1/subscriptions?plan_id=${trialPlanId}`);
    expect(onTrialPlan.body.data.map((subscription: { id: string }) => subscription.id)).toEqual([
      trial.body.id,
    ]);
  });

  it("filter by status as the clock moves", async () => {
    clock.set("2026-04-01T00:00:00Z");
    const other = await createCustomer(suite.tenant.admin, { external_id: "status-filter" });
    const subscribeOther = async (fields: Omit<SubscriptionBody, "customer_id">) =>
      (await subscribe(suite.tenant.admin, { customer_id: other.id, ...fields })).id;
    const scheduled = await subscribeOther({ plan_id: proPlanId, start_at: "2026-05-01T00:00:00Z" });
    const trialing = await subscribeOther({ plan_id: trialPlanId });
    const active = await subscribeOther({ plan_id: proPlanId });
    const paused = await subscribeOther({ plan_id: proPlanId });
    await suite.tenant.admin.post(`/v1/subscriptions/${paused}/pause`, {});
    const canceling = await subscribeOther({ plan_id: proPlanId });
    await suite.tenant.admin.post(`/v1/subscriptions/${canceling}/cancel`, { mode: "period_end" });
    const ended = await subscribeOther({ plan_id: proPlanId });
    await suite.tenant.admin.post(`/v1/subscriptions/${ended}/cancel`, { mode: "immediate" });

    const expected: Record<string, string> = { scheduled, trialing, active, paused, canceling, ended };
    for (const [status, id] of Object.entries(expected)) {
      const listed = await suite.tenant.admin.get(
        `/v1/subscriptions?customer_id=${other.id}&status=${status}`,
      );
      expect(
        listed.body.data.map((subscription: { id: string }) => subscription.id),
        status,
      ).toEqual([id]);
      expect(listed.body.data[0].status).toBe(status);
    }
  });

  it("refuses bad input, naming the field", async () => {
    clock.set("2026-04-02T00:00:00Z");
    const draftPlan = await createDraftPlan(suite.tenant.admin, {
      code: "draft-only",
      name: "Draft",
      version: {
        currency: "USD",
        interval: "month",
        charges: [{ id: "base", type: "fixed", amount: "1.00" }],
      },
    });
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ plan_id: "pln_unknown" }, 400, "validation_failed", "$.plan_id"],
      [{ customer_id: "cus_unknown" }, 400, "validation_failed", "$.customer_id"],
      [{ plan_version: 9 }, 400, "validation_failed", "$.plan_version"],
      [{ plan_id: draftPlan.id, plan_version: 1 }, 409, "plan_version_not_published", "$.plan_version"],
      [{ plan_id: draftPlan.id }, 409, "plan_not_in_effect", "$.plan_id"],
      [{ start_at: "2025-06-01T00:00:00Z" }, 409, "plan_not_in_effect", "$.plan_id"],
      [{ currency: "JPY" }, 400, "validation_failed", "$.currency"],
      [{ progressive_billing_threshold: "0" }, 400, "validation_failed", "$.progressive_billing_threshold"],
      [{ billing: "weekly" }, 400, "validation_failed", "$.billing"],
      [{ trial_days: -1 }, 400, "validation_failed", "$.trial_days"],
    ];
    for (const [body, status, code, path] of cases) {
      const response = await suite.tenant.admin.post("/v1/subscriptions", {
        customer_id: customerId,
        plan_id: proPlanId,
        ...body,
      });
      expectRefusedNaming(response, path, { status, code, label: JSON.stringify(body) });
    }
    const yen = await createCustomer(suite.tenant.admin, { external_id: "yen-customer", currency: "JPY" });
    const noYen = await suite.tenant.admin.post("/v1/subscriptions", {
      customer_id: yen.id,
      plan_id: proPlanId,
    });
    expect(noYen.status).toBe(400);
    expect(noYen.body.errors[0]).toMatchObject({ path: "$.currency" });
    expect(noYen.body.errors[0].message).toContain("the customer bills in JPY");

    expect((await suite.tenant.admin.get("/v1/subscriptions/sub_unknown")).status).toBe(404);
    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.get(`/v1/subscriptions?customer_id=${customerId}`)).status).toBe(200);
    expect(
      (await viewer.post("/v1/subscriptions", { customer_id: customerId, plan_id: proPlanId })).status,
    ).toBe(403);
  });
});
