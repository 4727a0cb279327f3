// A staged rollout on the test clock, worked by hand: version 2 of a plan
// raises the base fee from 100.00 to 250.00 a month in advance (calls stay
// 1.00 each, in arrears). Heavy users (1,000 calls a month, 1,100.00) barely
// notice (1,250.00, +13.6%); light users (10 calls, 110.00) see +136%. The
// guardrail allows 25% against the previous invoice. Stage 1 (5%) happens to
// hold heavy users only and comes out clean; stage 2 (25%) holds light users
// and breaks the guardrail: it rolls back by itself, nothing of its cohort is
// finalized at the new price, its drafts are recomputed at the old one and
// held, and billing operations hear of it by webhook and by email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Charge } from "../../test/support/api-types.ts";
import { createMeter, createPlan, ingestEvents, subscribeNewCustomer } from "../../test/support/builders.ts";
import { removeDataDirectory, SmtpReceiver, temporaryDataDirectory } from "../../test/support/mail.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock } from "../../test/support/test-clock-api.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";
import { hashFractionEstimate } from "./index.ts";

const suite = testAppForFile({ allowPrivateTargets: true, tenantName: "Staged rollouts" });
const smtp = new SmtpReceiver();
const receiver = new WebhookReceiver();
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await temporaryDataDirectory("fairbill-rollouts");
  await smtp.start();
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await smtp.stop();
  await removeDataDirectory(dataDirectory);
});

/** Every job due, again until none is left: domain events, the jobs they queue, webhooks, emails. */
function runAllJobs(): Promise<void> {
  const email = { smtpUrl: smtp.url(), emailFrom: "Billing <billing@fairbill.test>", dataDirectory };
  return suite.testApp.runJobsUntilIdle({ email });
}

async function advance(to: string): Promise<void> {
  await advanceTestClock(suite.tenant.admin, to);
  await runAllJobs();
}

async function calls(externalIds: readonly string[], count: number, at: string): Promise<void> {
  const events = externalIds.flatMap((externalId) =>
    Array.from({ length: count }, (_, index) => ({
      id: `${externalId}-${at}-${index}`,
      customer: externalId,
      name: "api_call",
      timestamp: at,
    })),
  );
  for (let start = 0; start < events.length; start += 1000) {
    await ingestEvents(suite.tenant.admin, events.slice(start, start + 1000));
  }
}

type Invoice = { id: string; status: string; total: string; issued_at: string };

async function invoicesAt(customerId: string, issuedAt: string): Promise<Invoice[]> {
  const response = await suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`);
  return (response.body.data as Invoice[]).filter((invoice) => invoice.issued_at === issuedAt);
}

describe("a staged rollout with guardrails", () => {
  it("clears a clean first stage, then rolls the second back by itself when it breaks a guardrail", async () => {
    await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2029-12-01T00:00:00Z" });
    await createMeter(suite.tenant.admin);
    const charges = (base: string): Charge[] => [
      { id: "base", type: "fixed", amount: base, timing: "in_advance" },
      { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "1.00" },
    ];
    const plan = await createPlan(suite.tenant.admin, {
      code: "team",
      name: "Team",
      version: { charges: charges("100.00") },
    });
    const draft = await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions`, {
      currency: "USD",
      interval: "month",
      charges: charges("250.00"),
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const published = await suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/2/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const customers: { id: string; externalId: string }[] = [];
    for (let index = 0; index < 20; index += 1) {
      const externalId = `rollout-customer-${index}`;
      const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
        customer: { external_id: externalId },
        subscription: { plan_version: 1 },
      });
      customers.push({ id: customer.id, externalId });
    }
    // A salt whose hash puts one customer in the first 5% and a few more below 25%.
    let salt = "";
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const fractions = customers.map((customer) => hashFractionEstimate(`salt-${attempt}`, customer.id));
      const first = fractions.filter((fraction) => fraction < 0.05).length;
      const second = fractions.filter((fraction) => fraction >= 0.05 && fraction < 0.25).length;
      if (first === 1 && second >= 2) {
        salt = `salt-${attempt}`;
        break;
      }
    }
    expect(salt).not.toBe("");
    const fractionOf = (customer: { id: string }) => hashFractionEstimate(salt, customer.id);
    const firstCohort = customers.filter((customer) => fractionOf(customer) < 0.05);
    const secondCohort = customers.filter(
      (customer) => fractionOf(customer) >= 0.05 && fractionOf(customer) < 0.25,
    );
    const heavy = firstCohort.map((customer) => customer.externalId);
    const light = customers.filter((customer) => !firstCohort.includes(customer)).map((c) => c.externalId);

    const endpoint = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/rollouts"),
      event_types: ["rollout.rolled_back", "rollout.stage_cleared", "invoice_hold.created"],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);

    // December's usage: heavy users 1,000 calls, light users 10. 1 January: 1,100.00 and 110.00.
    await advance("2029-12-01T00:00:01Z");
    await calls(heavy, 1000, "2029-12-01T00:00:01Z");
    await calls(light, 10, "2029-12-01T00:00:01Z");
    await advance("2030-01-01T00:00:01Z");
    expect((await invoicesAt(firstCohort[0]!.id, "2030-01-01T00:00:00.000Z"))[0]).toMatchObject({
      status: "open",
      total: "1100.00",
    });

    const rollout = await suite.tenant.admin.post("/v1/rollouts", {
      plan_id: plan.id,
      from_version: 1,
      to_version: 2,
      stages: [
        { percent: "5", start: "now" },
        { percent: "25", start: "after_previous_clean" },
        { percent: "100", start: "after_previous_clean" },
      ],
      guardrails: { customer_change_percent: "25" },
      history_invoices: 1,
      notify_email: "billing-ops@fairbill.test",
      salt,
      reason: "raise the base fee",
    });
    expect(rollout.status, JSON.stringify(rollout.body)).toBe(201);
    expect(rollout.body.stages.map((stage: { status: string }) => stage.status)).toEqual([
      "watching",
      "pending",
      "pending",
    ]);
    expect(rollout.body.stages[0].customer_ids).toEqual(firstCohort.map((customer) => customer.id));

    // January, the same usage. 1 February: the first cohort's drafts (1,000.00 + 250.00 = 1,250.00, +13.6%) pass.
    await calls(heavy, 1000, "2030-01-01T00:00:01Z");
    await calls(light, 10, "2030-01-01T00:00:01Z");
    await advance("2030-02-01T00:00:01Z");
    const afterFirst = (await suite.tenant.admin.get(`/v1/rollouts/${rollout.body.id}`)).body;
    expect(afterFirst.stages.map((stage: { status: string }) => stage.status)).toEqual([
      "clean",
      "watching",
      "pending",
    ]);
    expect(afterFirst.stages[1].customer_ids.sort()).toEqual(
      secondCohort.map((customer) => customer.id).sort(),
    );
    expect((await invoicesAt(firstCohort[0]!.id, "2030-02-01T00:00:00.000Z"))[0]).toMatchObject({
      status: "open",
      total: "1250.00",
    });

    // February, the same usage. 1 March: the second cohort's drafts (10.00 + 250.00 = 260.00 against 110.00, +136%).
    await calls(heavy, 1000, "2030-02-01T00:00:01Z");
    await calls(light, 10, "2030-02-01T00:00:01Z");
    await advance("2030-03-01T00:00:01Z");

    const rolledBack = (await suite.tenant.admin.get(`/v1/rollouts/${rollout.body.id}`)).body;
    expect(rolledBack.status).toBe("rolled_back");
    expect(rolledBack.stages.map((stage: { status: string }) => stage.status)).toEqual([
      "clean",
      "breached",
      "pending",
    ]);
    expect(rolledBack.stages[1].rollback_migration_id).toMatch(/^pmg_/);
    expect(rolledBack.breaches).toHaveLength(secondCohort.length);
    expect(rolledBack.breaches[0]).toMatchObject({ rule: "customer_change" });
    expect(rolledBack.breaches[0].message).toContain("moved 136.36%");

    for (const customer of secondCohort) {
      // Nothing of the cohort is finalized at the new price: the draft is recomputed at 100.00 and held.
      const march = await invoicesAt(customer.id, "2030-03-01T00:00:00.000Z");
      expect(march).toEqual([expect.objectContaining({ status: "draft", total: "110.00" })]);
      const subscription = (await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${customer.id}`)).body
        .data[0];
      expect(subscription.current_plan.version).toBe(1);
    }
    const holds = await suite.tenant.admin.get(
      `/v1/invoice-holds?status=active&source_id=${rolledBack.stages[1].id}`,
    );
    expect(holds.body.data).toHaveLength(secondCohort.length);
    // The other customers' March invoices are final as usual; the first cohort keeps version 2.
    const bystander = customers.find((customer) => fractionOf(customer) >= 0.25)!;
    expect((await invoicesAt(bystander.id, "2030-03-01T00:00:00.000Z"))[0]).toMatchObject({
      status: "open",
      total: "110.00",
    });
    expect((await invoicesAt(firstCohort[0]!.id, "2030-03-01T00:00:00.000Z"))[0]).toMatchObject({
      status: "open",
      total: "1250.00",
    });

    // The announcement: the webhook and the email to billing operations, and the audit entry with its reason.
    const delivered = receiver.verified("/rollouts", endpoint.body.secret);
    const rolledBackEvent = delivered.find((event) => event.type === "rollout.rolled_back");
    expect(rolledBackEvent?.data).toMatchObject({ id: rollout.body.id, status: "rolled_back" });
    expect(delivered.filter((event) => event.type === "rollout.stage_cleared")).toHaveLength(1);
    const mail = smtp.received.find((received) =>
      JSON.stringify(received.mail.to).includes("billing-ops@fairbill.test"),
    );
    expect(mail?.mail.subject).toBe("Rollout of team version 2 rolled back at stage 2");
    expect(mail?.mail.text).toContain("moved 136.36%");
    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=rollout&object_id=${rollout.body.id}&limit=100`,
    );
    const rollbackEntry = audit.body.data.find(
      (entry: { action: string }) => entry.action === "rollout.rolled_back",
    );
    expect(rollbackEntry.reason).toContain("broke its guardrails at stage 2");
  }, 240_000);
});
