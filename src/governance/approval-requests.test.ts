// The approval policy beyond plan versions: credit grants, coupons and price
// overrides above the organization's limits, plan migrations and rollouts
// are refused until a different person approves them. The author cannot
// approve through a second key of their own or a rotated key, finance cannot
// approve at all, and an approval makes exactly one change.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan } from "../../test/support/builders.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { type ApiClient, testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({ tenantName: "Approval requests" });

const limits = {
  credit_grants_above: [{ currency: "USD", amount: "1000.00" }],
  coupons_above: { percent: "50", amounts: [{ currency: "USD", amount: "100.00" }] },
  price_overrides: { discounts_above_percent: "20", new_prices: false },
  plan_migrations: true,
  rollouts: true,
};

beforeAll(async () => {
  // Asking for more approval applies at once, without a second admin.
  const policy = await suite.tenant.admin.patch("/v1/catalog/approval-policy", {
    approval_required_for: limits,
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
  expect(policy.body).toMatchObject({ approval_required_for: limits, pending_change: null });
});

function clientOf(secret: string): ApiClient {
  return suite.testApp.rawClient(`Bearer ${secret}`);
}

async function pendingRequestOf(
  summaryPart: string,
): Promise<{ id: string; requested_by: { name: string } }> {
  const pending = await suite.tenant.admin.get("/v1/approval-requests?state=pending&limit=100");
  const found = pending.body.data.find((request: { summary: string }) =>
    request.summary.includes(summaryPart),
  );
  expect(found, `a pending request about ${summaryPart}`).toBeDefined();
  return found;
}

describe("credit grants above the limit", () => {
  it("lets a grant under the limit through, and refuses a larger one until another person approves it", async () => {
    const author = await suite.tenant.client("admin");
    const customer = await createCustomer(author);
    const grantPath = `/v1/customers/${customer.id}/credit-grants`;
    const small = await author.post(grantPath, {
      name: "Welcome",
      amount: "1000.00",
      currency: "USD",
      type: "promotional",
    });
    expect(small.status, JSON.stringify(small.body)).toBe(201);

    // Bad input is answered as such, never as waiting for approval.
    const bad = await author.post(grantPath, {
      name: "Big",
      amount: "5000.00",
      currency: "USD",
      type: "promotional",
      cost_basis: "10.00",
    });
    expectRefusedAt(bad, "$.cost_basis");

    const big = { name: "Big", amount: "5000.00", currency: "USD", type: "promotional" };
    const refused = await author.post(grantPath, big);
    expectProblem(refused, 409, "approval_required");
    expect(refused.body.detail).toContain("credit grants above 1000.00 USD");
    const request = await pendingRequestOf(
      `5000.00 USD of promotional credit "Big" to customer ${customer.id}`,
    );
    expect(request.requested_by.name).toBe("admin test key");
    expect((await author.post(grantPath, big)).body.code).toBe("approval_pending");

    // The author cannot approve it with a second key of their own, nor with their key rotated.
    const secondKey = await author.post("/v1/api-keys", { name: "my other key", role: "admin" });
    expect(secondKey.status).toBe(201);
    const approvePath = `/v1/approval-requests/${request.id}/approve`;
    const viaSecondKey = await clientOf(secondKey.body.secret).post(approvePath, {});
    expectProblem(viaSecondKey, 403, "approver_is_author");
    const keys = await suite.tenant.admin.get("/v1/api-keys?limit=100");
    const authorKey = keys.body.data.find((key: { prefix: string }) => author.key.startsWith(key.prefix));
    expect(authorKey.owner).toMatchObject({ name: "admin test key" });
    const rotated = await suite.tenant.admin.post(`/v1/api-keys/${authorKey.id}/rotate`, {
      previous_key_valid_for_seconds: 3600,
    });
    expect(rotated.status).toBe(201);
    const viaRotated = await clientOf(rotated.body.secret).post(approvePath, {});
    expectProblem(viaRotated, 403, "approver_is_author");
    expect((await author.post(approvePath, {})).body.code).toBe("approver_is_author");

    // Finance reads the request but may not approve it.
    const finance = await suite.tenant.client("finance");
    expect((await finance.get(`/v1/approval-requests/${request.id}`)).status).toBe(200);
    expect((await finance.post(approvePath, {})).status).toBe(403);

    const approver = await suite.tenant.client("billing_ops");
    const approved = await approver.post(approvePath, { comment: "the enterprise deal" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      state: "approved",
      requested_by: { name: "admin test key" },
      decided_by: { name: "billing_ops test key" },
      decision_comment: "the enterprise deal",
    });
    expect(approved.body.decided_by.id).not.toBe(approved.body.requested_by.id);

    // Sending the same request again makes the grant, once.
    const granted = await clientOf(rotated.body.secret).post(grantPath, big);
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const used = await suite.tenant.admin.get(`/v1/approval-requests/${request.id}`);
    expect(used.body).toMatchObject({ state: "used", used_for_object_id: granted.body.id });
    expect((await author.post(grantPath, big)).body.code).toBe("approval_required");

    const trail = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=approval_request&object_id=${request.id}`,
    );
    expect(trail.body.data.map((entry: { action: string }) => entry.action)).toEqual([
      "approval_request.used",
      "approval_request.approved",
      "approval_request.created",
    ]);
  });
});

describe("coupons and price overrides above the limits", () => {
  it("refuses a coupon above the percent limit and lets a smaller one through", async () => {
    const author = await suite.tenant.client("billing_ops");
    const coupon = { name: "Launch", type: "percentage", duration: "once" };
    expect((await author.post("/v1/coupons", { ...coupon, code: "HALF", percent: "50" })).status).toBe(201);
    const deep = await author.post("/v1/coupons", { ...coupon, code: "DEEP", percent: "60" });
    expect(deep.body.code).toBe("approval_required");
    const request = await pendingRequestOf("Create coupon DEEP");
    const rejected = await author.post(`/v1/approval-requests/${request.id}/reject`, {
      comment: "withdrawn: too generous",
    });
    expect(rejected.body).toMatchObject({ state: "rejected", decided_by: { name: "billing_ops test key" } });
    const fixed = await author.post("/v1/coupons", {
      ...coupon,
      code: "TWOHUNDRED",
      type: "fixed",
      amount: "200.00",
      currency: "USD",
    });
    expect(fixed.body.code).toBe("approval_required");
  });

  it("refuses a discount override above the percent limit until another person approves it", async () => {
    const author = await suite.tenant.client("billing_ops");
    const plan = await createPlan(suite.tenant.admin, {
      code: "overridden",
      version: { charges: [{ id: "base", type: "fixed", amount: "100.00" }] },
    });
    const customer = await createCustomer(author);
    const subscription = await author.post("/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: plan.id,
    });
    expect(subscription.status, JSON.stringify(subscription.body)).toBe(201);
    const override = {
      subscription_id: subscription.body.id,
      plan_code: plan.code,
      charge_id: "base",
      override: { type: "percentage_discount", percent: "30" },
      effective_from: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const path = `/v1/customers/${customer.id}/price-overrides`;
    expect((await author.post(path, override)).body.code).toBe("approval_required");
    const request = await pendingRequestOf(`Give customer ${customer.id} 30% off`);
    expect((await suite.tenant.admin.post(`/v1/approval-requests/${request.id}/approve`, {})).status).toBe(
      200,
    );
    const made = await author.post(path, override);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });
});

describe("plan migrations and rollouts", () => {
  it("refuses a migration or a rollout until another person approves it; previews need no approval", async () => {
    const author = await suite.tenant.client("billing_ops");
    const plan = await createPlan(suite.tenant.admin, {
      code: "migrated",
      version: { charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
    });
    const draft = await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions`, {
      charges: [{ id: "base", type: "fixed", amount: "12.00" }],
    });
    expect(draft.status).toBe(201);
    expect((await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/2/publish`, {})).status).toBe(200);
    const migration = { from_version: 1, to_version: 2, timing: "now" };
    const preview = await author.post(`/v1/plans/${plan.id}/migrations`, { ...migration, dry_run: true });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect((await author.post(`/v1/plans/${plan.id}/migrations`, migration)).body.code).toBe(
      "approval_required",
    );
    const request = await pendingRequestOf(`plan ${plan.id} from version 1 to version 2`);
    expect((await suite.tenant.admin.post(`/v1/approval-requests/${request.id}/approve`, {})).status).toBe(
      200,
    );
    expect((await author.post(`/v1/plans/${plan.id}/migrations`, migration)).status).toBe(201);

    // A staged rollout of the same versions waits for another person too.
    const rollout = {
      plan_id: plan.id,
      from_version: 1,
      to_version: 2,
      stages: [{ percent: "100", start: "now" }],
    };
    expect((await author.post("/v1/rollouts", rollout)).body.code).toBe("approval_required");
    const rolloutRequest = await pendingRequestOf(`Roll plan ${plan.id} out from version 1 to version 2`);
    expect((await author.post(`/v1/approval-requests/${rolloutRequest.id}/approve`, {})).body.code).toBe(
      "approver_is_author",
    );
    expect(
      (await suite.tenant.admin.post(`/v1/approval-requests/${rolloutRequest.id}/approve`, {})).status,
    ).toBe(200);
    const started = await author.post("/v1/rollouts", rollout);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
  });
});

describe("loosening the limits", () => {
  it("waits for a second admin", async () => {
    const author = await suite.tenant.client("admin");
    const proposed = await author.patch("/v1/catalog/approval-policy", {
      approval_required_for: { ...limits, credit_grants_above: [{ currency: "USD", amount: "5000.00" }] },
    });
    expect(proposed.body).toMatchObject({
      approval_required_for: { credit_grants_above: [{ currency: "USD", amount: "1000.00" }] },
      pending_change: {
        state: "pending",
        approval_required_for: { credit_grants_above: [{ currency: "USD", amount: "5000.00" }] },
      },
    });
    const self = await author.post(
      `/v1/catalog/approval-policy/changes/${proposed.body.pending_change.id}/approve`,
      {},
    );
    expect(self.body.code).toBe("approver_is_author");
    const approved = await suite.tenant.admin.post(
      `/v1/catalog/approval-policy/changes/${proposed.body.pending_change.id}/approve`,
      {},
    );
    expect(approved.body.approval_required_for.credit_grants_above).toEqual([
      { currency: "USD", amount: "5000.00" },
    ]);
  });
});
