// The approval path of a plan change (issue 19, the portal): with the
// approval policy's approval_required_for.plan_changes on, a plan change the
// seller asks for through the API is refused with a pending approval request
// and made when another person approves it; one the customer asks for in the
// portal answers 202 with the pending request, the portal shows it awaiting
// approval, and it is made on approval too. Nothing changes before; the
// author never approves its own change; one approval makes one change.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { baseFee } from "../../test/support/pricing-fixtures.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const day = 24 * 3600 * 1000;
const clock = new TestClock("2026-03-01T00:00:00Z");

let proPlanId: string;
const subscriptionOf: Record<string, string> = {};
const customerOf: Record<string, string> = {};

const noOtherLimits = {
  credit_grants_above: [],
  coupons_above: { percent: null, amounts: [] },
  price_overrides: { discounts_above_percent: null, new_prices: false },
  plan_migrations: false,
  rollouts: false,
};

async function publishedPlan(code: string, name: string, amount: string): Promise<string> {
  const plan = await createPlan(suite.tenant.admin, {
    code,
    name,
    version: { charges: [{ ...baseFee(amount), timing: "in_advance" }] },
  });
  return plan.id;
}

async function planCodeOf(subscriptionId: string): Promise<string> {
  const subscription = await suite.tenant.admin.get(`/v1/subscriptions/${subscriptionId}`);
  expect(subscription.status).toBe(200);
  return subscription.body.current_plan.plan_code;
}

async function approvalRequest(id: string) {
  const request = await suite.tenant.admin.get(`/v1/approval-requests/${id}`);
  expect(request.status).toBe(200);
  return request.body;
}

const suite = testAppForFile({ clock, tenantName: "Reviewed plan changes" });
beforeAll(async () => {
  const basic = await publishedPlan("basic", "Basic", "20.00");
  proPlanId = await publishedPlan("pro", "Professional", "50.00");
  for (const externalId of ["reviewed-seller-side", "reviewed-portal-side"]) {
    const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, basic, {
      customer: { external_id: externalId, name: externalId, currency: "USD", timezone: "UTC" },
      subscription: { currency: "USD" },
    });
    customerOf[externalId] = customer.id;
    subscriptionOf[externalId] = subscription.id;
  }
  const settings = await suite.tenant.admin.put("/v1/portal-self-serve-settings", { plan_codes: ["pro"] });
  expect(settings.status).toBe(200);
  // Asking for more approval applies at once, without a second admin.
  const policy = await suite.tenant.admin.patch("/v1/catalog/approval-policy", {
    approval_required_for: { ...noOtherLimits, plan_changes: true },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
  expect(policy.body.approval_required_for.plan_changes).toBe(true);
  clock.advance(10 * day);
});

describe("a plan change the approval policy reviews", () => {
  it("is refused through the API with a pending request, and made when another person approves it", async () => {
    const subscriptionId = subscriptionOf["reviewed-seller-side"]!;
    const author = await suite.tenant.client("admin");
    const path = `/v1/subscriptions/${subscriptionId}/change-plan`;

    // Bad input is answered as such, never as waiting for approval.
    const bad = await author.post(path, { plan_id: proPlanId, timing: "at" });
    expectRefusedAt(bad, "$.at");

    const change = { plan_id: proPlanId, timing: "immediate" };
    const refused = await author.post(path, { ...change, reason: "the customer asked on the phone" });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.code).toBe("approval_required");
    expect(refused.body.detail).toContain("plan changes");
    expect(refused.body.detail).toContain("made when another person approves it");
    expect(await planCodeOf(subscriptionId)).toBe("basic");

    const pending = await suite.tenant.admin.get("/v1/approval-requests?state=pending&kind=plan_change");
    expect(pending.body.data).toHaveLength(1);
    const request = pending.body.data[0];
    expect(request).toMatchObject({
      kind: "plan_change",
      state: "pending",
      target_id: subscriptionId,
      request: change,
      reason: "the customer asked on the phone",
      // The approver reads it by names.
      summary: `Move reviewed-seller-side's subscription ${subscriptionId} from Basic to Professional, now`,
    });
    // Asked again (with another reason), it is the same request.
    const again = await author.post(path, change);
    expectProblem(again, 409, "approval_pending");
    expect(again.body.detail).toContain(request.id);

    const approvePath = `/v1/approval-requests/${request.id}/approve`;
    expect((await author.post(approvePath, {})).body.code).toBe("approver_is_author");
    const approver = await suite.tenant.client("billing_ops");
    const approved = await approver.post(approvePath, { comment: "agreed with sales" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await suite.testApp.runJobsUntilIdle();

    expect(await planCodeOf(subscriptionId)).toBe("pro");
    expect(await approvalRequest(request.id)).toMatchObject({
      state: "used",
      used_for_object_id: subscriptionId,
    });
    // Sent again now, it is checked as any change (the subscription is on that plan), not approved again.
    const afterwards = await author.post(path, change);
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.code).not.toMatch(/approval/);
  });

  it("waits in the portal as awaiting approval (202), and is made when the seller approves it", async () => {
    const subscriptionId = subscriptionOf["reviewed-portal-side"]!;
    const link = await suite.tenant.admin.post(
      `/v1/customers/${customerOf["reviewed-portal-side"]}/portal-links`,
      {},
    );
    expect(link.status).toBe(201);
    const portal = suite.testApp.rawClient(`Portal ${link.body.token}`);
    const path = `/v1/portal/subscriptions/${subscriptionId}/change-plan`;

    const asked = await portal.post(path, { plan_code: "pro" });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({
      outcome: "awaiting_approval",
      subscription: { id: subscriptionId, current_plan: { plan_code: "basic" } },
      approval_request: { state: "pending" },
    });
    const requestId = asked.body.approval_request.id;
    expect(await planCodeOf(subscriptionId)).toBe("basic");

    // The portal shows it waiting, by the plans' names.
    const options = await portal.get("/v1/portal/plan-options");
    expect(options.body.data).toMatchObject([
      {
        current_plan_name: "Basic",
        awaiting_approval: { approval_request_id: requestId, plan_id: proPlanId, plan_name: "Professional" },
        plan_options: [{ plan_code: "pro", plan_name: "Professional" }],
      },
    ]);
    // Asked again, the same request answers.
    const again = await portal.post(path, { plan_code: "pro" });
    expect(again.status).toBe(202);
    expect(again.body.approval_request).toEqual({ id: requestId, state: "pending" });
    // The seller's approvals list it as the customer's, for the subscription.
    expect(await approvalRequest(requestId)).toMatchObject({
      kind: "plan_change",
      target_id: subscriptionId,
      reason: "plan changed by the customer in the portal",
    });

    const approver = await suite.tenant.client("billing_ops");
    expect((await approver.post(`/v1/approval-requests/${requestId}/approve`, {})).status).toBe(200);
    await suite.testApp.runJobsUntilIdle();

    expect(await planCodeOf(subscriptionId)).toBe("pro");
    expect((await approvalRequest(requestId)).state).toBe("used");
    const after = await portal.get("/v1/portal/plan-options");
    expect(after.body.data).toMatchObject([{ current_plan_name: "Professional", awaiting_approval: null }]);
  });

  it("is not made when rejected", async () => {
    const subscriptionId = subscriptionOf["reviewed-portal-side"]!;
    const basicId = (await suite.tenant.admin.get("/v1/plans?limit=100")).body.data.find(
      (plan: { code: string }) => plan.code === "basic",
    ).id;
    const refused = await suite.tenant.admin.post(`/v1/subscriptions/${subscriptionId}/change-plan`, {
      plan_id: basicId,
      timing: "period_end",
    });
    expect(refused.status).toBe(409);
    const pending = await suite.tenant.admin.get("/v1/approval-requests?state=pending&kind=plan_change");
    const [request] = pending.body.data;
    expect((await suite.tenant.admin.post(`/v1/approval-requests/${request.id}/reject`, {})).status).toBe(
      200,
    );
    await suite.testApp.runJobsUntilIdle();
    expect(await planCodeOf(subscriptionId)).toBe("pro");
    expect((await suite.tenant.admin.get(`/v1/subscriptions/${subscriptionId}`)).body.ends_at).toBeNull();
  });
});
