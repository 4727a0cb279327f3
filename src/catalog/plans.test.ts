import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanVersionBody } from "../../test/support/api-types.ts";
import {
  createDraftPlan,
  createFeature,
  createMeter,
  createMeteredFeature,
} from "../../test/support/builders.ts";
import { baseFee, euroPriceBook, graduatedCalls } from "../../test/support/pricing-fixtures.ts";
import { expectOk, expectProblem } from "../../test/support/responses.ts";
import { type ApiClient, testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();
let billingOps: ApiClient;

beforeAll(async () => {
  billingOps = await suite.tenant.client("billing_ops");
  await createMeter(suite.tenant.admin, { code: "api_calls" });
  await createMeter(suite.tenant.admin, {
    code: "payments",
    name: "Payments",
    event_name: "payment",
    aggregation: "sum",
    property: "amount",
  });
});

let planCounter = 0;
async function newPlan(
  client: ApiClient = suite.tenant.admin,
  version: Partial<PlanVersionBody> = {},
): Promise<Plan> {
  planCounter += 1;
  return createDraftPlan(client, {
    code: `pro-${planCounter}`,
    name: "Pro",
    version: { minimum_commitment: "100.00", charges: [baseFee(), graduatedCalls("0.002")], ...version },
  });
}

describe("plans and versions", () => {
  it("creates a plan with a draft version 1 and validates charges with the scenario rules, by path", async () => {
    const plan = await newPlan();
    const version = await suite.tenant.admin.get(`/v1/plans/${plan.id}/versions/1`);
    expect(version.body).toMatchObject({
      plan_code: plan.code,
      version: 1,
      state: "draft",
      status: "draft",
      currency: "USD",
      interval: "month",
      interval_count: 1,
      trial_days: 0,
      minimum_commitment: "100.00",
    });
    expect(version.body.id).toMatch(/^plv_/);

    const bad = await suite.tenant.admin.post("/v1/plans", {
      code: "bad",
      name: "Bad",
      version: {
        currency: "USD",
        interval: "month",
        charges: [
          { id: "base", type: "fixed", amount: "49.00" },
          { id: "fee", type: "usage", meter: "api_calls", model: "percentage", rate: "2.9" },
          {
            id: "calls",
            type: "usage",
            meter: "api_calls",
            model: "graduated",
            tiers: [
              { up_to: 1000, unit_price: "0" },
              { up_to: 500, unit_price: "0.1" },
              { up_to: null, unit_price: "0.1" },
            ],
          },
          { id: "ghost", type: "usage", meter: "nothing", model: "per_unit", unit_price: "1" },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toContain("$.version.charges[2].tiers");
    expect(paths).toContain("$.version.charges[1].meter");
    expect(paths).toContain("$.version.charges[3].meter");
    const tierError = bad.body.errors.find(
      (error: { path: string }) => error.path === "$.version.charges[2].tiers",
    );
    expect(tierError.message).toContain("must increase");
  });

  it("checks other currencies' price books and entitlements against the charges and features", async () => {
    await createFeature(suite.tenant.admin, { code: "sso", name: "SSO", kind: "boolean" });
    await createMeteredFeature(suite.tenant.admin, "call_limit", "Calls", "api_calls");
    const plan = await newPlan(suite.tenant.admin, {
      currency_prices: [euroPriceBook()],
      entitlements: [{ feature: "sso" }, { feature: "call_limit", limit: "100000" }],
    });
    expect(plan.id).toMatch(/^pln_/);

    const bad = await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/1`, {});
    expect(bad.status).toBe(404);
    const edit = await suite.tenant.admin.patch(`/v1/plans/${plan.id}/versions/1`, {
      currency_prices: [{ currency: "EUR", charges: [{ id: "base", unit_price: "1" }] }],
      entitlements: [{ feature: "sso", limit: "5" }, { feature: "nope" }, { feature: "call_limit" }],
    });
    expect(edit.status).toBe(400);
    expect(edit.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "$.currency_prices[0].charges",
      "$.currency_prices[0].charges[0].amount",
      "$.currency_prices[0].charges[0].unit_price",
      "$.currency_prices[0].minimum_commitment",
      "$.entitlements[0].limit",
      "$.entitlements[1].feature",
      "$.entitlements[2].limit",
    ]);
  });

  it("publishes directly in test, refuses a second open version, and keeps a published version immutable", async () => {
    const plan = await newPlan();
    const published = await expectOk(suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/1/publish`, {}));
    expect(published).toMatchObject({ state: "published", status: "active" });

    const draft = await billingOps.post(`/v1/plans/${plan.id}/versions`, { trial_days: 14 });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, state: "draft", trial_days: 14, copied_from_version: 1 });
    const second = await billingOps.post(`/v1/plans/${plan.id}/versions`, {});
    expectProblem(second, 409, "plan_has_open_version");

    const writes: [string, string, unknown][] = [
      ["PATCH", `/v1/plans/${plan.id}/versions/1`, { trial_days: 30 }],
      ["DELETE", `/v1/plans/${plan.id}/versions/1`, undefined],
      ["POST", `/v1/plans/${plan.id}/versions/1/submit`, {}],
      ["POST", `/v1/plans/${plan.id}/versions/1/approve`, {}],
      ["POST", `/v1/plans/${plan.id}/versions/1/reject`, { comment: "no" }],
      ["POST", `/v1/plans/${plan.id}/versions/1/comments`, { comment: "hello" }],
      ["POST", `/v1/plans/${plan.id}/versions/1/publish`, {}],
    ];
    for (const [method, path, body] of writes) {
      const response =
        method === "PATCH"
          ? await suite.tenant.admin.patch(path, body)
          : method === "DELETE"
            ? await suite.tenant.admin.delete(path)
            : await suite.tenant.admin.post(path, body);
      expect(response.status, `${method} ${path}`).toBe(409);
      expect(response.body.code, `${method} ${path}`).toBe("plan_version_immutable");
    }
    const unchanged = await suite.tenant.admin.get(`/v1/plans/${plan.id}/versions/1`);
    expect(unchanged.body.trial_days).toBe(0);
    expect(unchanged.body.state).toBe("published");
  });
});
