// Test matrices through the API: a plan's saved scenarios with their expected
// invoices; submitting a version for approval runs them and records which
// expected invoices change and by how much; a run on request; the approval
// view with the diff, the matrix run and the latest backtest side by side; the
// 4xx answers; the audit trail and the webhook events.
import { beforeAll, describe, expect, it } from "vitest";
import type { Charge } from "../../test/support/api-types.ts";
import { createDraftPlan, createMeter, createPlan } from "../../test/support/builders.ts";
import { expectRefusedNaming } from "../../test/support/responses.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";
import { simulateScenario } from "../simulation/index.ts";

const suite = testAppForFile({ tenantName: "Test matrix tests" });
let planId: string;

const charges = [
  { id: "base", type: "fixed", amount: "20.00" },
  { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.10" },
] satisfies Charge[];
const dearerCharges = [
  { id: "base", type: "fixed", amount: "24.00" },
  { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.12" },
] satisfies Charge[];

/** A scenario on the plan's version 1, its expected invoices the simulator's answer for it. */
function scenario(calls: number) {
  const document = {
    version: 1,
    currency: "USD",
    meters: [{ code: "calls", event_name: "api_call", aggregation: "count" }],
    plans: [{ code: "pro", interval: "month", charges }],
    subscription: { plan: "pro", start: "2031-01-01T00:00:00Z" },
    events: Array.from({ length: calls }, (_, index) => ({
      id: `call-${index}`,
      name: "api_call",
      timestamp: "2031-01-10T00:00:00Z",
    })),
    bill_until: "2031-02-01T00:00:00Z",
  };
  const simulated = simulateScenario(document);
  if (!simulated.ok) throw new Error(JSON.stringify(simulated.errors));
  return { ...document, expected: { invoices: simulated.output.invoices } };
}

beforeAll(async () => {
  await createMeter(suite.tenant.admin, { name: "Calls" });
  planId = (await createPlan(suite.tenant.admin, { code: "pro", name: "Pro", version: { charges } })).id;
}, 120_000);

describe("a plan's test matrix", () => {
  it("is empty until saved, then holds its scenarios", async () => {
    expect((await suite.tenant.admin.get(`/v1/plans/${planId}/test-matrix`)).body).toEqual({
      plan_id: planId,
      scenarios: [],
      updated_by: null,
      updated_at: null,
    });
    const saved = await suite.tenant.admin.put(`/v1/plans/${planId}/test-matrix`, {
      scenarios: [
        { name: "light user", scenario: scenario(5) },
        { name: "no usage", scenario: scenario(0) },
      ],
      reason: "the cases billing ops checks by hand",
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.scenarios.map((entry: LooseJson) => entry.name)).toEqual(["light user", "no usage"]);
    expect((await suite.tenant.admin.get(`/v1/plans/${planId}/test-matrix`)).body).toEqual(saved.body);
  });

  it("finds nothing changed on the version its expectations come from", async () => {
    const run = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/1/test-matrix-runs`, {});
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({
      version: 1,
      trigger: "requested",
      scenarios_total: 2,
      scenarios_changed: 0,
      scenarios_failed: 0,
      invoices_changed: 0,
    });
    expect(run.body.results.map((result: LooseJson) => result.status)).toEqual(["unchanged", "unchanged"]);
  });

  it("runs when a version is submitted for approval, recording which expected invoices change and by how much", async () => {
    const draft = await suite.tenant.admin.post(`/v1/plans/${planId}/versions`, { charges: dearerCharges });
    expect(draft.status).toBe(201);
    const billingOps = await suite.tenant.client("billing_ops");
    expect((await billingOps.post(`/v1/plans/${planId}/versions/2/submit`, {})).status).toBe(200);
    await suite.testApp.runJobs();
    const runs = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/2/test-matrix-runs`);
    expect(runs.body.data).toHaveLength(1);
    const [run] = runs.body.data;
    expect(run).toMatchObject({
      plan_version_id: draft.body.id,
      version: 2,
      trigger: "submitted",
      scenarios_total: 2,
      scenarios_changed: 2,
      scenarios_failed: 0,
      invoices_changed: 4,
    });
    const [light] = run.results;
    expect(light).toMatchObject({ name: "light user", status: "changed", expected_invoices: 2 });
    // January 1st: the fee in advance, 20.00 → 24.00; February 1st: 5 calls at 0.10 → 0.12 and the fee.
    expect(light.changed_invoices).toEqual([
      {
        issued_at: "2031-01-01T00:00:00.000Z",
        expected_total: "20.00",
        actual_total: "24.00",
        difference: "4.00",
        lines: [
          {
            charge: "base",
            kind: "fixed",
            period_start: "2031-01-01T00:00:00Z",
            period_end: "2031-02-01T00:00:00Z",
            expected_amount: "20.00",
            actual_amount: "24.00",
            difference: "4.00",
          },
        ],
      },
      {
        issued_at: "2031-02-01T00:00:00.000Z",
        expected_total: "20.50",
        actual_total: "24.60",
        difference: "4.10",
        lines: [
          expect.objectContaining({
            charge: "calls",
            expected_amount: "0.50",
            actual_amount: "0.60",
            difference: "0.10",
          }),
          expect.objectContaining({
            charge: "base",
            expected_amount: "20.00",
            actual_amount: "24.00",
            difference: "4.00",
          }),
        ],
      },
    ]);
  });

  it("shows the approver the diff, the matrix run and the latest backtest side by side", async () => {
    const before = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/2/approval-view`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.plan_version).toMatchObject({ version: 2, state: "pending_approval" });
    expect(before.body.diff).toMatchObject({ from_version: 1, to_version: 2 });
    expect(before.body.diff.changes.map((change: LooseJson) => change.path)).toEqual(
      expect.arrayContaining(["$.charges[0].amount", "$.charges[1].unit_price"]),
    );
    expect(before.body.test_matrix_run).toMatchObject({
      version: 2,
      trigger: "submitted",
      invoices_changed: 4,
    });
    expect(before.body.backtest).toBeNull();

    const planVersionId = before.body.plan_version.id;
    const backtest = await suite.tenant.admin.post("/v1/backtests", {
      plan_version_id: planVersionId,
      from: "2020-01-01T00:00:00Z",
      to: "2020-04-01T00:00:00Z",
    });
    expect(backtest.status).toBe(202);
    await suite.testApp.runJobs();
    const after = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/2/approval-view`);
    expect(after.body.backtest).toMatchObject({ id: backtest.body.id, status: "completed" });
  });

  it("is audited and announced", async () => {
    const audit = await suite.tenant.admin.get("/v1/audit-events?limit=100");
    const actions = audit.body.data.map((entry: LooseJson) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["test_matrix.updated", "test_matrix_run.recorded"]));
    const events = await suite.tenant.admin.get("/v1/webhook-events?limit=100");
    const types = events.body.data.map((event: LooseJson) => event.type);
    expect(types).toEqual(expect.arrayContaining(["test_matrix.updated", "test_matrix.run_recorded"]));
  });
});

describe("bad matrices", () => {
  it("names the path of each problem", async () => {
    const { bill_until: _billUntil, ...withoutEnd } = scenario(1);
    const { expected: _expected, ...withoutExpected } = scenario(1);
    const otherPlan = {
      ...scenario(1),
      plans: [{ code: "other", interval: "month", charges }],
      subscription: { plan: "other", start: "2031-01-01T00:00:00Z" },
    };
    const cases: [unknown, string][] = [
      [withoutEnd, "$.scenarios[0].scenario.bill_until"],
      [withoutExpected, "$.scenarios[0].scenario.expected.invoices"],
      [otherPlan, "$.scenarios[0].scenario.plans"],
    ];
    for (const [document, path] of cases) {
      const response = await suite.tenant.admin.put(`/v1/plans/${planId}/test-matrix`, {
        scenarios: [{ name: "bad", scenario: document }],
      });
      expectRefusedNaming(response, path, { label: path });
    }
    expect((await suite.tenant.admin.get("/v1/plans/pln_missing/test-matrix")).status).toBe(404);
  });

  it("refuses to run a plan without a matrix", async () => {
    const plan = await createDraftPlan(suite.tenant.admin, {
      code: "bare",
      name: "Bare",
      version: { charges },
    });
    const run = await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/1/test-matrix-runs`, {});
    expect(run.status).toBe(400);
    // Submitting it runs nothing and records nothing.
    await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/1/submit`, {});
    await suite.testApp.runJobs();
    expect(
      (await suite.tenant.admin.get(`/v1/plans/${plan.id}/versions/1/test-matrix-runs`)).body.data,
    ).toEqual([]);
  });
});
