// Pricing experiments on the test clock, worked by hand.
//
// Assignment: twenty customers of plan "basic", half of them "small" and half
// "large" (metadata), hashed with the salt "rerun-salt" and their segment;
// each lands in the control when its hash is below one half (equal weights).
// Running the assignment again changes nothing; stopping takes the variant's
// migration back.
//
// Metrics: plan "pro" bills a base fee in advance (100.00 a month on version
// 1, 120.00 on version 2) and calls at 1.00 each in arrears. Customers c0, c1,
// c2 form the control (version 1), c3, c4, c5 the variant (version 2 from
// 1 January). Every one paid 100.00 on 1 December (the baseline). Each month
// c0 makes 10 calls, c1 20, c2 30, c3 10, c4 20, c5 none; c2 cancels at the
// end of January. The invoices:
//   1 January:  c0 110, c1 120, c2 130 | c3 120 + 10 = 130, c4 140, c5 120
//   1 February: c0 110, c1 120, c2 30 (usage only, it has ended) | c3 130, c4 140, c5 120
// Average invoice: control 620 / 6 = 103.33 (sd √(6733.33 / 5) = 36.697,
// t(0.975, 5) = 2.570582, interval 103.33 ± 38.51); variant 780 / 6 = 130.00
// (sd √(400 / 5) = 8.944, interval 130 ± 9.39). Welch: standard error
// √(1346.67 / 6 + 80 / 6) = 15.420, t = 26.667 / 15.420 = 1.7294.
// Expansion (last invoice against the baseline): control 10, 20, 0 (total
// 30.00, mean 10.00), variant 30, 40, 20 (total 90.00, mean 30.00).
// Contraction: control 0, 0, 70 (70.00, mean 23.33), variant none.
// Churn: control 1 of 3 (Wilson 6.15% to 79.23%), variant 0 of 3; pooled 1/6,
// z = −(1/3) / √(1/6 × 5/6 × 2/3) = −1.0954, p = 0.2733; detecting a change
// from 1/3 to 0 needs (1.959964 + 0.841621)² × (2/9) / (1/9) = 15.7 → 16
// customers per arm.
// Payments, through the local Stripe server: c0 pays by a card that works, c1
// by a stolen card (a hard decline, not retried), c3 by another card that
// works; c2, c4 and c5 have no card. Each invoice of the experiment is
// charged once: control 2 failed of 4 attempts (c0's two succeed, c1's two
// fail), variant 0 of 2 (c3's two succeed).
// Payment failure rate: control 2/4 = 0.5, Wilson (0.5 + 3.841459/8) /
// (1 + 3.841459/4) = 0.5 ± 1.959964 × √(0.0625 + 3.841459/64) / 1.960365 =
// 0.5 ± 0.349961 (0.150039 to 0.849961); variant 0/2, interval 0 to
// 2 × (3.841459/4) / (1 + 3.841459/2) = 0.657620. Pooled 2/6: z = −0.5 /
// √(1/3 × 2/3 × (1/4 + 1/2)) = −1.224745, p = 0.220671.
// Disputes: c3's January payment (130.00) is disputed on 15 January: variant
// 1 of 3, control 0 of 3, the churn figures mirrored (Wilson 6.15% to 79.23%,
// difference +1/3, p = 0.2733).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeter, createPlan, ingestEvents, subscribeNewCustomer } from "../../test/support/builders.ts";
import { stripeTenantForFile } from "../../test/support/local-stripe-tenant.ts";
import { expectCreated, expectOk, expectRefusedFields } from "../../test/support/responses.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";
import { hashFractionEstimate } from "./index.ts";

const receiver = new WebhookReceiver();
const suite = stripeTenantForFile("Experiments");

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

async function advance(to: string): Promise<void> {
  await advanceTestClock(suite.tenant.admin, to);
  await suite.testApp.runJobsUntilIdle();
}

async function calls(externalId: string, count: number, at: string): Promise<void> {
  if (count === 0) return;
  await ingestEvents(
    suite.tenant.admin,
    Array.from({ length: count }, (_, index) => ({
      id: `${externalId}-${at}-${index}`,
      customer: externalId,
      name: "api_call",
      timestamp: at,
    })),
  );
}

/** A plan whose versions charge these base fees a month in advance (calls at 1.00 each), all published. */
async function publishedPlan(code: string, bases: string[]): Promise<string> {
  const charges = (base: string) => [
    { id: "base", type: "fixed" as const, amount: base, timing: "in_advance" as const },
    { id: "calls", type: "usage" as const, meter: "calls", model: "per_unit" as const, unit_price: "1.00" },
  ];
  const plan = await createPlan(suite.tenant.admin, {
    code,
    version: { charges: charges(bases[0] as string) },
  });
  for (const [index, base] of bases.slice(1).entries()) {
    await expectCreated(
      suite.tenant.admin.post(`/v1/plans/${plan.id}/versions`, {
        currency: "USD",
        interval: "month",
        charges: charges(base),
      }),
    );
    await expectOk(suite.tenant.admin.post(`/v1/plans/${plan.id}/versions/${index + 2}/publish`, {}));
  }
  return plan.id;
}

async function subscribedCustomer(externalId: string, planId: string, metadata: Record<string, string> = {}) {
  const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, planId, {
    customer: { external_id: externalId, metadata },
    subscription: { plan_version: 1 },
  });
  return { id: customer.id, externalId, subscriptionId: subscription.id };
}

type Assignment = { customer_id: string; arm_id: string; stratum: string; migration_id: string | null };

describe("pricing experiments", () => {
  it("assign the same customers on a rerun, and per-arm metrics match the figures worked by hand", async () => {
    await freezeTestClock(suite.tenant.admin, "2029-12-01T00:00:00Z");
    await createMeter(suite.tenant.admin);
    const endpoint = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/experiments"),
      event_types: ["experiment.created", "experiment.assigned", "experiment.promoted", "experiment.stopped"],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);

    const basic = await publishedPlan("basic", ["10.00", "12.00"]);
    const pro = await publishedPlan("pro", ["100.00", "120.00"]);
    const population = [];
    for (let index = 0; index < 20; index += 1) {
      population.push(
        await subscribedCustomer(`basic-${index}`, basic, { size: index % 2 === 0 ? "small" : "large" }),
      );
    }
    const cohort = [];
    for (let index = 0; index < 6; index += 1) cohort.push(await subscribedCustomer(`pro-${index}`, pro));
    await advance("2029-12-01T00:00:01Z");

    // Assignment by hash, stratified by size, and its rerun.
    const hashed = await suite.tenant.admin.post("/v1/experiments", {
      name: "Basic at 12.00",
      plan_id: basic,
      control: { version: 1 },
      variants: [{ version: 2, name: "twelve" }],
      assignment: "hash",
      segment_key: "metadata.size",
      audience: "existing_next_period",
      ends_at: "2030-06-01T00:00:00Z",
      salt: "rerun-salt",
      reason: "try a higher base fee",
    });
    expect(hashed.status, JSON.stringify(hashed.body)).toBe(201);
    const [control, variant] = hashed.body.arms as { id: string; assigned: number }[];
    const first = (await suite.tenant.admin.get(`/v1/experiments/${hashed.body.id}/assignments`)).body;
    const expectedArm = (customer: { id: string }, index: number) =>
      hashFractionEstimate("rerun-salt", customer.id, index % 2 === 0 ? "small" : "large") < 0.5
        ? control?.id
        : variant?.id;
    expect(first.assignments).toHaveLength(20);
    for (const [index, customer] of population.entries()) {
      const assignment = (first.assignments as Assignment[]).find((row) => row.customer_id === customer.id);
      expect(assignment?.arm_id).toBe(expectedArm(customer, index));
      expect(assignment?.stratum).toBe(index % 2 === 0 ? "small" : "large");
      expect(assignment?.migration_id === null).toBe(assignment?.arm_id === control?.id);
    }
    const inVariant = population.filter((customer, index) => expectedArm(customer, index) === variant?.id);
    expect(control?.assigned).toBe(20 - inVariant.length);
    expect(variant?.assigned).toBe(inVariant.length);
    const rerun = await suite.tenant.admin.post(`/v1/experiments/${hashed.body.id}/assignments`, {});
    expect(rerun.status, JSON.stringify(rerun.body)).toBe(200);
    expect(rerun.body.newly_assigned).toBe(0);
    expect(rerun.body.assignments).toEqual(first.assignments);
    // The variant's customers move on 1 January; stopping takes that back.
    const moved = (await suite.tenant.admin.get(`/v1/subscriptions/${inVariant[0]?.subscriptionId}`)).body;
    expect(moved.changes.at(-1)).toMatchObject({ at: "2030-01-01T00:00:00.000Z" });
    const stopped = await suite.tenant.admin.post(`/v1/experiments/${hashed.body.id}/stop`, {
      reason: "enough",
    });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toMatchObject({ status: "stopped", decision: { action: "stop" } });
    const again = await suite.tenant.admin.post(`/v1/experiments/${hashed.body.id}/stop`, {});
    expect(again.status).toBe(409);

    // Metrics: explicit lists on plan "pro".
    const listed = await suite.tenant.admin.post("/v1/experiments", {
      name: "Pro at 120.00",
      plan_id: pro,
      control: { version: 1, customer_ids: cohort.slice(0, 3).map((customer) => customer.id) },
      variants: [{ version: 2, customer_ids: cohort.slice(3).map((customer) => customer.id) }],
      assignment: "lists",
      audience: "existing_next_period",
      ends_at: "2030-06-01T00:00:00Z",
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(201);
    expect(listed.body.arms.map((arm: { assigned: number }) => arm.assigned)).toEqual([3, 3]);
    const cards = [
      "pm_card_visa",
      "pm_card_chargeDeclinedStolenCard",
      null,
      "pm_card_mastercard",
      null,
      null,
    ];
    for (const [index, card] of cards.entries()) {
      if (card === null) continue;
      await expectCreated(
        suite.tenant.admin.post(`/v1/customers/${cohort[index]?.id}/payment-methods`, {
          payment_method: card,
        }),
      );
    }
    const usage = [10, 20, 30, 10, 20, 0];
    for (const [index, customer] of cohort.entries()) {
      await calls(customer.externalId, usage[index] as number, "2029-12-01T00:00:01Z");
    }
    await advance("2030-01-01T00:00:01Z");
    for (const [index, customer] of cohort.entries()) {
      await calls(customer.externalId, usage[index] as number, "2030-01-01T00:00:01Z");
    }
    // c3's January payment is disputed on 15 January.
    const [januaryPayment] = (await suite.tenant.admin.get(`/v1/payments?customer_id=${cohort[3]?.id}`)).body
      .data;
    expect(januaryPayment).toMatchObject({ status: "succeeded", amount: "130.00" });
    const dispute = suite.stripe.openDispute(
      januaryPayment.provider_payment_id,
      "product_unacceptable",
      new Date("2030-01-15T00:00:00Z"),
    );
    expect(await suite.stripe.deliver(dispute)).toMatchObject({
      status: 200,
      body: { outcome: "processed" },
    });
    const cancel = await suite.tenant.admin.post(`/v1/subscriptions/${cohort[2]?.subscriptionId}/cancel`, {
      mode: "period_end",
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    await advance("2030-02-01T00:00:01Z");

    const totals = async (customer: { id: string }) =>
      (
        (await suite.tenant.admin.get(`/v1/invoices?customer_id=${customer.id}&limit=10`)).body.data as {
          total: string;
          issued_at: string;
        }[]
      )
        .sort((left, right) => left.issued_at.localeCompare(right.issued_at))
        .map((invoice) => invoice.total);
    expect(await Promise.all(cohort.map(totals))).toEqual([
      ["100.00", "110.00", "110.00"],
      ["100.00", "120.00", "120.00"],
      ["100.00", "130.00", "30.00"],
      ["100.00", "130.00", "130.00"],
      ["100.00", "140.00", "140.00"],
      ["100.00", "120.00", "120.00"],
    ]);

    // Half a day on, so that the payments of 1 February are behind the metrics' "now".
    await advance("2030-02-01T12:00:00Z");
    const metrics = await suite.tenant.admin.get(`/v1/experiments/${listed.body.id}/metrics`);
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
    expect(metrics.body.currency).toBe("USD");
    const [controlArm, variantArm] = metrics.body.arms;
    expect(controlArm).toMatchObject({
      role: "control",
      customers: 3,
      average_invoice: { count: 6, total: "620.00", mean: "103.33", p_value: null },
      expansion_revenue: { count: 3, total: "30.00", mean: "10.00" },
      contraction_revenue: { count: 3, total: "70.00", mean: "23.33" },
      churn: { successes: 1, trials: 3 },
      trial_to_paid: { successes: 0, trials: 0 },
      payment_failure_rate: { successes: 2, trials: 4, rate: 0.5 },
      disputes: { successes: 0, trials: 3, rate: 0 },
    });
    expect(controlArm.payment_failure_rate.lower).toBeCloseTo(0.150039, 5);
    expect(controlArm.payment_failure_rate.upper).toBeCloseTo(0.849961, 5);
    expect(controlArm.average_invoice.lower).toBeCloseTo(103.333 - 38.511, 2);
    expect(controlArm.average_invoice.upper).toBeCloseTo(103.333 + 38.511, 2);
    expect(controlArm.churn.rate).toBeCloseTo(1 / 3, 10);
    expect(controlArm.churn.lower).toBeCloseTo(0.0615, 4);
    expect(controlArm.churn.upper).toBeCloseTo(0.7923, 4);
    expect(variantArm).toMatchObject({
      role: "variant",
      customers: 3,
      average_invoice: { count: 6, total: "780.00", mean: "130.00", significant: false },
      expansion_revenue: { count: 3, total: "90.00", mean: "30.00" },
      contraction_revenue: { count: 3, total: "0.00", mean: "0.00" },
      churn: { successes: 0, trials: 3, rate: 0, required_sample_size: 16, significant: false },
    });
    expect(variantArm.average_invoice.lower).toBeCloseTo(130 - 9.388, 2);
    expect(variantArm.average_invoice.upper).toBeCloseTo(130 + 9.388, 2);
    expect(variantArm.average_invoice.difference).toBeCloseTo(26.667, 3);
    expect(variantArm.churn.difference).toBeCloseTo(-1 / 3, 10);
    expect(variantArm.churn.p_value).toBeCloseTo(0.2733, 4);
    expect(variantArm.payment_failure_rate).toMatchObject({ successes: 0, trials: 2, rate: 0, lower: 0 });
    expect(variantArm.payment_failure_rate.upper).toBeCloseTo(0.65762, 5);
    expect(variantArm.payment_failure_rate.difference).toBeCloseTo(-0.5, 10);
    expect(variantArm.payment_failure_rate.p_value).toBeCloseTo(0.220671, 5);
    expect(variantArm.disputes).toMatchObject({ successes: 1, trials: 3, significant: false });
    expect(variantArm.disputes.rate).toBeCloseTo(1 / 3, 10);
    expect(variantArm.disputes.lower).toBeCloseTo(0.0615, 4);
    expect(variantArm.disputes.upper).toBeCloseTo(0.7923, 4);
    expect(variantArm.disputes.difference).toBeCloseTo(1 / 3, 10);
    expect(variantArm.disputes.p_value).toBeCloseTo(0.2733, 4);

    // Promote the variant for its cohort; every change was audited and announced.
    const promoted = await suite.tenant.admin.post(`/v1/experiments/${listed.body.id}/promote`, {
      arm_id: listed.body.arms[1].id,
      scope: "cohort",
      reason: "the variant earns more",
    });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(promoted.body).toMatchObject({
      status: "promoted",
      decision: { action: "promote", scope: "cohort" },
    });
    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=experiment&object_id=${listed.body.id}&limit=100`,
    );
    expect(audit.body.data.map((entry: { action: string }) => entry.action).sort()).toEqual([
      "experiment.created",
      "experiment.promoted",
    ]);
    await suite.testApp.runJobsUntilIdle();
    const delivered = receiver.verifiedOnce("/experiments", endpoint.body.secret);
    const ofListed = delivered.filter((event) => event.data.id === listed.body.id).map((event) => event.type);
    expect(ofListed.sort()).toEqual(["experiment.assigned", "experiment.created", "experiment.promoted"]);
    expect(
      delivered
        .filter((event) => event.data.id === hashed.body.id)
        .map((event) => event.type)
        .sort(),
    ).toEqual(["experiment.assigned", "experiment.created", "experiment.stopped"]);
  }, 240_000);

  it("refuses bad input with the field's path", async () => {
    const bad = suite.tenant.admin.post("/v1/experiments", {
      name: "Bad",
      plan_id: "pln_missing",
      control: { version: 1, customer_ids: ["cus_a"] },
      variants: [{ version: 2, customer_ids: ["cus_a"] }],
      assignment: "lists",
      audience: "existing_next_period",
      starts_at: "2030-06-01T00:00:00Z",
      ends_at: "2030-01-01T00:00:00Z",
    });
    expect(await expectRefusedFields(bad)).toEqual(["$.ends_at", "$.variants[0].customer_ids[0]"]);
  });
});
