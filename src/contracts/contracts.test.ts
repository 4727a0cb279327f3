// Contracts through the API: bad terms are refused naming each field, a
// contract is audited and its commit balances read back, a subscription is
// held by one contract, a viewer may not make one, and with the approval
// policy's `contracts` a second person approves it first. (What contracts
// bill is checked by test/e2e/live-scenarios.test.ts: live equals simulate
// for every contract scenario of the version-2 corpus.)
import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();

const start = "2030-01-01T00:00:00.000Z";
const end = "2031-01-01T00:00:00.000Z";

beforeAll(async () => {
  for (const [code, amount] of [
    ["enterprise_y1", "1000.00"],
    ["enterprise_y2", "1200.00"],
  ] as const) {
    await createPlan(suite.tenant.admin, {
      code,
      version: { charges: [{ id: "platform", type: "fixed", amount }] },
    });
  }
});

/** A new customer subscribed to enterprise_y1 from `start`: its id and the subscription's. */
async function subscribedCustomer(): Promise<{ customerId: string; subscriptionId: string }> {
  const customer = await createCustomer(suite.tenant.admin, { currency: "USD" });
  const plans = await suite.tenant.admin.get("/v1/plans?limit=100");
  const plan = plans.body.data.find((candidate: { code: string }) => candidate.code === "enterprise_y1");
  const subscription = await subscribe(suite.tenant.admin, {
    customer_id: customer.id,
    plan_id: plan.id,
    start_at: start,
    billing: "calendar",
  });
  return { customerId: customer.id, subscriptionId: subscription.id };
}

function terms(ids: { customerId: string; subscriptionId: string }) {
  return {
    customer_id: ids.customerId,
    subscription_id: ids.subscriptionId,
    start,
    end,
    phases: [
      { start, plan: "enterprise_y1" },
      { start: "2030-07-01T00:00:00Z", plan: "enterprise_y2" },
    ],
    commits: [{ id: "prepaid", type: "prepaid", amount: "12000.00", invoice: "instalments", instalments: 4 }],
  };
}

describe("POST /v1/contracts", () => {
  it("refuses bad terms, naming every field at once", async () => {
    const ids = await subscribedCustomer();
    const response = await suite.tenant.admin.post("/v1/contracts", {
      ...terms(ids),
      start: "2030-02-01T00:00:00Z",
      end: "2029-01-01T00:00:00Z",
      phases: [{ start: "2030-02-01T00:00:00Z", plan: "no_such_plan" }],
      rate_card: [{ plan: "enterprise_y1", charge: "seats", amount: "5.00" }],
      commits: [{ id: "prepaid", type: "prepaid", amount: "10.001" }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    const paths = response.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "$.end",
        "$.start",
        "$.phases[0].plan",
        "$.rate_card[0].charge",
        "$.commits[0].amount",
      ]),
    );
    const unknownSubscription = await suite.tenant.admin.post("/v1/contracts", {
      ...terms(ids),
      subscription_id: "sub_unknown",
    });
    expectRefusedAt(unknownSubscription, "$.subscription_id");
  });

  it("makes a contract, audits it, reads its balances, and holds a subscription once", async () => {
    const ids = await subscribedCustomer();
    const created = await suite.tenant.admin.post("/v1/contracts", {
      ...terms(ids),
      reason: "Enterprise deal",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      customer_id: ids.customerId,
      subscription_id: ids.subscriptionId,
      currency: "USD",
      start,
      end,
      renewal: "none",
      phases: [{ plan: "enterprise_y1" }, { plan: "enterprise_y2", start: "2030-07-01T00:00:00.000Z" }],
    });
    expect(created.body.phases[1].plan_version_id).toMatch(/^plv_/);
    expect((await suite.tenant.admin.get(`/v1/contracts/${created.body.id}`)).body).toEqual(created.body);
    expect(await auditTrailOf(suite.testApp.handle.database, created.body.id)).toEqual([
      { action: "contract.created", reason: "Enterprise deal" },
    ]);

    const balances = await suite.tenant.admin.get(`/v1/contracts/${created.body.id}/balances`);
    expect(balances.status).toBe(200);
    expect(balances.body.balances).toEqual([
      {
        id: "prepaid",
        type: "prepaid",
        term_start: start,
        term_end: end,
        granted: "12000.00",
        rolled_over: "0.00",
        drawn: "0.00",
        true_up: "0.00",
        expired: "0.00",
        remaining: "12000.00",
      },
    ]);

    const again = await suite.tenant.admin.post("/v1/contracts", terms(ids));
    expectProblem(again, 409, "contract_exists");
  });

  it("is for billing operations, and goes through approval when the policy says so", async () => {
    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.post("/v1/contracts", terms(await subscribedCustomer()))).status).toBe(403);

    const policy = await suite.tenant.admin.get("/v1/catalog/approval-policy");
    const tightened = await suite.tenant.admin.patch("/v1/catalog/approval-policy", {
      approval_required_for: { ...policy.body.approval_required_for, contracts: true },
    });
    expect(tightened.status, JSON.stringify(tightened.body)).toBe(200);
    const author = await suite.tenant.client("billing_ops");
    const body = terms(await subscribedCustomer());
    const refused = await author.post("/v1/contracts", body);
    expectProblem(refused, 409, "approval_required");
    const pending = await suite.tenant.admin.get("/v1/approval-requests?state=pending&limit=100");
    const request = pending.body.data.find((candidate: { kind: string }) => candidate.kind === "contract");
    expect((await author.post(`/v1/approval-requests/${request.id}/approve`, {})).status).toBe(403);
    const approved = await suite.tenant.admin.post(`/v1/approval-requests/${request.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const made = await author.post("/v1/contracts", body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });
});
