// Canceling a staged rollout, and a stage whose customer will bring no draft,
// on the test clock. Both plans bill a base fee in advance, 100.00 a month on
// version 1 and 110.00 on version 2 (+10%, inside the 50% guardrail), with
// one stage of 100% starting now.
// - Plan "alpha": the rollout is canceled on 10 December, while its stage
//   watches: the migration is taken back, the holds let go, and on 1 January
//   every customer's invoice is final at 100.00.
// - Plan "beta": one customer of three pauses on 20 December with no end, so
//   no draft of it comes on 1 January. Its hold is let go, the two other
//   drafts (110.00 against 100.00) pass, and the rollout completes instead of
//   waiting for ever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";

const suite = testAppForFile({ allowPrivateTargets: true, tenantName: "Rollout cancel" });
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

/** A plan with base fees of 100.00 (version 1) and 110.00 (version 2), both published, and three subscribers. */
async function planWithSubscribers(code: string) {
  const base = (amount: string) => [
    { id: "base", type: "fixed" as const, amount, timing: "in_advance" as const },
  ];
  const plan = await createPlan(suite.tenant.admin, { code, version: { charges: base("100.00") } });
  await expectCreated(
    suite.tenant.admin.post(`/v1/plans/${plan.id}/versions`, {
      currency: "USD",
      interval: "month",
      charges: base("110.00"),
    }),
  );
  await expectOk(suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/2/publish`, {}));
  const subscribers = [];
  for (let index = 0; index < 3; index += 1) {
    subscribers.push(
      await subscribeNewCustomer(suite.tenant.admin, plan.id, { subscription: { plan_version: 1 } }),
    );
  }
  return { planId: plan.id, subscribers };
}

async function startRollout(planId: string) {
  return expectCreated(
    suite.tenant.admin.post<{ id: string; stages: { id: string; status: string }[] }>("/v1/rollouts", {
      plan_id: planId,
      from_version: 1,
      to_version: 2,
      stages: [{ percent: "100", start: "now" }],
      guardrails: { customer_change_percent: "50" },
      history_invoices: 1,
    }),
  );
}

type Invoice = { status: string; total: string; issued_at: string };

async function januaryInvoice(customerId: string): Promise<Invoice | undefined> {
  const invoices = (await suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=10`)).body
    .data as Invoice[];
  return invoices.find((invoice) => invoice.issued_at === "2030-01-01T00:00:00.000Z");
}

describe("canceling a rollout, and holds that no draft will take", () => {
  it("cancels a watching stage, and completes a stage whose paused customer brings no draft", async () => {
    await freezeTestClock(suite.tenant.admin, "2029-12-01T00:00:00Z");
    const endpoint = await expectCreated(
      suite.tenant.admin.post<{ secret: string }>("/v1/webhook-endpoints", {
        url: receiver.url("/rollouts"),
        event_types: ["rollout.canceled", "rollout.completed"],
      }),
    );
    const alpha = await planWithSubscribers("alpha");
    const beta = await planWithSubscribers("beta");
    await advanceTestClock(suite.tenant.admin, "2029-12-01T00:00:01Z");
    const canceled = await startRollout(alpha.planId);
    const completed = await startRollout(beta.planId);
    expect(canceled.stages[0]?.status).toBe("watching");

    await advanceTestClock(suite.tenant.admin, "2029-12-10T00:00:00Z");
    const cancel = await suite.tenant.admin.post(`/v1/rollouts/${canceled.id}/cancel`, {
      reason: "wrong month",
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body).toMatchObject({ status: "canceled", stages: [{ status: "canceled" }] });
    expect(cancel.body.stages[0].rollback_migration_id).toMatch(/^pmg_/);
    expect((await suite.tenant.admin.post(`/v1/rollouts/${canceled.id}/cancel`, {})).status).toBe(409);

    const paused = beta.subscribers[0]?.subscription.id;
    await expectOk(
      suite.tenant.admin.post(`/v1/subscriptions/${paused}/pause`, { at: "2029-12-20T00:00:00Z" }),
    );
    await advanceTestClock(suite.tenant.admin, "2030-01-01T00:00:01Z");
    await suite.testApp.runJobsUntilIdle();

    for (const { customer } of alpha.subscribers) {
      expect(await januaryInvoice(customer.id)).toMatchObject({ status: "open", total: "100.00" });
    }
    const betaRollout = (await suite.tenant.admin.get(`/v1/rollouts/${completed.id}`)).body;
    expect(betaRollout).toMatchObject({ status: "completed", stages: [{ status: "clean" }] });
    expect(await januaryInvoice(beta.subscribers[0]?.customer.id as string)).toBeUndefined();
    for (const { customer } of beta.subscribers.slice(1)) {
      expect(await januaryInvoice(customer.id)).toMatchObject({ status: "open", total: "110.00" });
    }

    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=rollout&object_id=${canceled.id}&limit=100`,
    );
    const entry = audit.body.data.find((row: { action: string }) => row.action === "rollout.canceled");
    expect(entry.reason).toBe("wrong month");
    await suite.testApp.runJobsUntilIdle();
    const delivered = receiver.verified("/rollouts", endpoint.secret);
    expect(delivered.map((event) => [event.type, event.data.id])).toEqual(
      expect.arrayContaining([
        ["rollout.canceled", canceled.id],
        ["rollout.completed", completed.id],
      ]),
    );
  }, 240_000);
});
