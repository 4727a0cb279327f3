// Alerts end to end: usage ingested through the API, the evaluation job the
// ingestion queues run by the real job worker, webhooks delivered to a real
// HTTP server on this machine (signatures checked with the Standard Webhooks
// library) and emails written to the outbox folder, read back with a MIME
// parser. Firing once per crossing is checked across batches, billing
// periods, credit burns and evaluations running side by side.
import { describe, expect, it } from "vitest";
import { alertTestAppForFile } from "../../test/support/alert-test-app.ts";
import {
  createMeter,
  createPlan,
  ingestEvents,
  subscribe,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { grantCredits } from "../../test/support/credit-grants.ts";
import { outboxEmail } from "../../test/support/mail.ts";
import { meteredCallsVersion } from "../../test/support/pricing-fixtures.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import type { TestTenant } from "../../test/support/test-app.ts";
import { silentLogger } from "../platform/context.ts";
import { domainEventJobHandlers } from "../platform/events/domain-event-dispatch.ts";
import { createJobWorker } from "../platform/jobs/job-worker.ts";
import { evaluateCustomerAlerts } from "./alert-evaluation.ts";
import {
  alertEvaluationJobKind,
  evaluateAlertsAfterCreditBurn,
  evaluateAlertsAfterIngestion,
} from "./alert-evaluation-requests.ts";

const suite = alertTestAppForFile("Alerts");
const { clock, receiver, runQueuedJobs } = suite;

/** Hands the queued domain events (usage stored, credits used) to their subscribers, and nothing else. */
async function runDomainEvents(): Promise<void> {
  const database = suite.testApp.handle.database;
  await createJobWorker({
    database,
    clock,
    logger: silentLogger,
    handlers: domainEventJobHandlers({
      database,
      logger: silentLogger,
      clockFor: async () => clock,
      subscribers: [evaluateAlertsAfterIngestion, evaluateAlertsAfterCreditBurn],
    }),
  }).runDueJobs(new Date(Date.now() + 3_600_000));
}

type Setup = {
  tenant: TestTenant;
  customerId: string;
  externalId: string;
  secret: string;
  hookPath: string;
};

let sequence = 0;
/**
 * A tenant with a meter `calls`, a plan of 49.00 a month in advance with
 * graduated calls (2 free, then 1.50 each), a customer on it from
 * 2026-01-01 (calendar months, the clock set there), and a webhook
 * endpoint for alert events; `subscription` adds to the subscription's body.
 */
async function subscribedCustomer(subscription: Record<string, unknown> = {}): Promise<Setup> {
  sequence += 1;
  // A subscription starts now or later: made at its start, the test then moves the clock.
  clock.set("2026-01-01T00:00:00Z");
  const tenant = await suite.testApp.newTenant(`alerts-${sequence}`);
  await createMeter(tenant.admin, { event_name: "call", effective_from: "2025-12-01T00:00:00Z" });
  const plan = await createPlan(tenant.admin, { code: "pro", name: "Pro", version: meteredCallsVersion() });
  const externalId = `acme-${sequence}`;
  const { customer } = await subscribeNewCustomer(tenant.admin, plan.id, {
    customer: {
      external_id: externalId,
      name: "Acme Corp",
      email: "ops@acme.example",
      currency: "USD",
      timezone: "UTC",
    },
    subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar", ...subscription },
  });
  const hookPath = `/alerts-${sequence}`;
  const endpoint = await expectCreated(
    tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url(hookPath),
      event_types: ["alert.triggered", "usage.threshold_reached", "credit.balance_low"],
    }),
  );
  return { tenant, customerId: customer.id, externalId, secret: endpoint.secret, hookPath };
}

let eventSequence = 0;
async function sendCalls(setup: Setup, timestamp: string, count: number): Promise<void> {
  await ingestEvents(
    setup.tenant.admin,
    Array.from({ length: count }, () => {
      eventSequence += 1;
      return {
        id: `call-${eventSequence}`,
        name: "call",
        timestamp,
        customer: setup.externalId,
        properties: {},
      };
    }),
  );
}

async function createAlert(setup: Setup, body: Record<string, unknown>): Promise<string> {
  const response = await setup.tenant.admin.post(`/v1/customers/${setup.customerId}/alerts`, body);
  expect(response.status).toBe(201);
  return response.body.id;
}

async function triggersOf(setup: Setup, alertId: string) {
  const response = await setup.tenant.admin.get(`/v1/alerts/${alertId}/triggers`);
  expect(response.status).toBe(200);
  return response.body.data as Record<string, unknown>[];
}

async function queuedEvaluations(): Promise<number> {
  const rows = await suite.testApp.handle.database
    .selectFrom("jobs")
    .select("id")
    .where("kind", "=", alertEvaluationJobKind)
    .where("status", "=", "queued")
    .execute();
  return rows.length;
}

/** The webhooks the setup's endpoint received, each verified with the Standard Webhooks library. */
function verifiedWebhooks(setup: Setup) {
  return receiver.verified(setup.hookPath, setup.secret);
}

async function emailsOf(setup: Setup, template: string) {
  const response = await setup.tenant.admin.get(`/v1/emails?template=${template}`);
  expect(response.status).toBe(200);
  return response.body.data as { id: string; status: string; to: string; subject: string }[];
}

describe("usage alerts", () => {
  it("fire once when ingested usage crosses the threshold, again in the next billing period", async () => {
    const setup = await subscribedCustomer();
    const alertId = await createAlert(setup, { kind: "usage", meter: "calls", threshold: "3" });
    await runQueuedJobs();

    clock.set("2026-01-10T12:00:00Z");
    await sendCalls(setup, "2026-01-10T10:00:00Z", 2);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toEqual([]);

    // Three batches before the worker runs: their events queue one evaluation, which waits for all of them.
    await sendCalls(setup, "2026-01-10T11:00:00Z", 1);
    await sendCalls(setup, "2026-01-10T11:00:00Z", 1);
    await sendCalls(setup, "2026-01-10T11:30:00Z", 1);
    await runDomainEvents();
    expect(await queuedEvaluations()).toBe(1);
    await runQueuedJobs();
    const [fired, ...others] = await triggersOf(setup, alertId);
    expect(others).toEqual([]);
    // What the trigger records and what its webhook says of it.
    const reached = {
      alert_id: alertId,
      customer_id: setup.customerId,
      kind: "usage",
      meter: "calls",
      threshold: "3",
      value: "5",
      period_start: "2026-01-01T00:00:00.000Z",
      period_end: "2026-02-01T00:00:00.000Z",
    };
    expect(fired).toMatchObject({ ...reached, currency: null, triggered_at: "2026-01-10T12:00:00.000Z" });

    // More usage in the same period fires nothing more.
    await sendCalls(setup, "2026-01-10T11:45:00Z", 4);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toHaveLength(1);

    const webhooks = verifiedWebhooks(setup);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({
      type: "usage.threshold_reached",
      data: {
        id: fired?.id,
        ...reached,
        alert: { id: alertId, kind: "usage", meter: "calls", threshold: "3" },
      },
    });
    // The payload is the trigger as the API shows it, with the rule that fired.
    const { alert, ...trigger } = webhooks[0]?.data ?? {};
    expect(trigger).toEqual(fired);
    expect(alert).toEqual(
      (await setup.tenant.admin.get(`/v1/customers/${setup.customerId}/alerts/${alertId}`)).body,
    );
    expect(fired?.webhook_event_id).toMatch(/^wev_/);
    expect(webhooks[0]?.id).toBe(fired?.webhook_event_id);

    const [email, ...moreEmails] = await emailsOf(setup, "usage_alert");
    expect(moreEmails).toEqual([]);
    expect(email).toMatchObject({ id: fired?.email_id, status: "sent", to: "ops@acme.example" });
    const mail = await outboxEmail(suite.dataDirectory, email?.id);
    expect(mail.subject).toBe("Usage alert: Usage of API calls reached 5");
    expect(mail.text).toContain(
      "Usage of API calls for your billing period 2026-01-01 to 2026-01-31 has reached 5, " +
        "at or above your alert threshold of 3.",
    );

    // The next billing period counts afresh and fires again.
    clock.set("2026-02-03T00:00:00Z");
    await sendCalls(setup, "2026-02-02T00:00:00Z", 2);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toHaveLength(1);
    await sendCalls(setup, "2026-02-02T01:00:00Z", 1);
    await runQueuedJobs();
    const [february] = await triggersOf(setup, alertId);
    expect(february).toMatchObject({
      value: "3",
      period_start: "2026-02-01T00:00:00.000Z",
      period_end: "2026-03-01T00:00:00.000Z",
    });
    expect(await triggersOf(setup, alertId)).toHaveLength(2);
    expect(verifiedWebhooks(setup)).toHaveLength(2);
  });

  it("fire again in the same period for a new threshold, and not at all while disabled", async () => {
    const setup = await subscribedCustomer();
    clock.set("2026-01-05T00:00:00Z");
    const alertId = await createAlert(setup, { kind: "usage", meter: "calls", threshold: "2" });
    await sendCalls(setup, "2026-01-04T00:00:00Z", 2);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toHaveLength(1);

    const path = `/v1/customers/${setup.customerId}/alerts/${alertId}`;
    // Raised to 4 and already there after two more calls: a new threshold is a new alert.
    expect((await setup.tenant.admin.patch(path, { threshold: "4", enabled: false })).status).toBe(200);
    await sendCalls(setup, "2026-01-04T01:00:00Z", 2);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toHaveLength(1);
    expect((await setup.tenant.admin.patch(path, { enabled: true })).status).toBe(200);
    await runQueuedJobs();
    const triggers = await triggersOf(setup, alertId);
    expect(triggers.map((trigger) => [trigger.threshold, trigger.value])).toEqual([
      ["4", "4"],
      ["2", "2"],
    ]);
  });

  it("queue nothing for customers without an alert", async () => {
    const setup = await subscribedCustomer();
    clock.set("2026-01-05T00:00:00Z");
    await sendCalls(setup, "2026-01-04T00:00:00Z", 5);
    expect(await queuedEvaluations()).toBe(0);
  });
});

describe("spend alerts", () => {
  it("fire when the period's cost so far from a graduated price reaches the threshold", async () => {
    const setup = await subscribedCustomer();
    clock.set("2026-01-20T00:00:00Z");
    const alertId = await createAlert(setup, { kind: "spend", threshold: "10.00", name: "Budget" });
    // 8 calls: 2 free and 6 at 1.50 make 9.00, under the threshold.
    await sendCalls(setup, "2026-01-15T00:00:00Z", 8);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toEqual([]);

    await sendCalls(setup, "2026-01-16T00:00:00Z", 1);
    await runQueuedJobs();
    const upcoming = await setup.tenant.admin.get(`/v1/customers/${setup.customerId}/upcoming-invoice`);
    // The upcoming invoice also opens February with its 49.00 in advance: not spent in January.
    expect(upcoming.body.subtotal).toBe("59.50");
    const triggers = await triggersOf(setup, alertId);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({
      kind: "spend",
      threshold: "10.00",
      value: "10.50",
      currency: "USD",
      period_start: "2026-01-01T00:00:00.000Z",
      period_end: "2026-02-01T00:00:00.000Z",
    });
    expect(verifiedWebhooks(setup)).toEqual([
      expect.objectContaining({
        type: "alert.triggered",
        data: expect.objectContaining({ kind: "spend", value: "10.50", currency: "USD", alert_id: alertId }),
      }),
    ]);
    const [email] = await emailsOf(setup, "usage_alert");
    const mail = await outboxEmail(suite.dataDirectory, email?.id);
    expect(mail.subject).toBe("Usage alert: Spend reached 10.50 USD");
    expect(mail.text).toContain("at or above your alert threshold of 10.00 USD.");

    await sendCalls(setup, "2026-01-17T00:00:00Z", 10);
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toHaveLength(1);
  });
});

describe("spend alerts on a subscription billed progressively", () => {
  it("count the period's usage billed early: 24.00 spent though 9.00 of it was invoiced on 15 January", async () => {
    const setup = await subscribedCustomer({ progressive_billing_threshold: "9.00" });
    const { tenant, customerId } = setup;
    clock.set("2026-01-15T12:00:00Z");
    const alertId = await createAlert(setup, { kind: "spend", threshold: "20.00", name: "Budget" });
    // 8 calls: 2 free and 6 at 1.50 make 9.00, the progressive threshold, billed early by the bill run.
    await sendCalls(setup, "2026-01-15T00:00:00Z", 8);
    await runQueuedJobs();
    await expectOk(tenant.admin.post(`/v1/customers/${customerId}/bill`));
    const invoices = await expectOk(tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`));
    expect(
      (invoices.data as { origin: string; subtotal: string }[])
        .filter((invoice) => invoice.origin === "progressive")
        .map((invoice) => invoice.subtotal),
    ).toEqual(["9.00"]);
    expect(await triggersOf(setup, alertId)).toEqual([]);

    // 10 calls more: 18 calls make 24.00 in January. The upcoming invoice bills 15.00 of it (the 9.00
    // billed early given back), but January's spend is 24.00, over the threshold of 20.00.
    clock.set("2026-01-16T12:00:00Z");
    await sendCalls(setup, "2026-01-16T00:00:00Z", 10);
    await runQueuedJobs();
    const upcoming = await expectOk(tenant.admin.get(`/v1/customers/${customerId}/upcoming-invoice`));
    expect(
      (upcoming.lines as { kind: string; amount: string }[]).map((line) => `${line.kind} ${line.amount}`),
    ).toEqual(["usage 24.00", "fixed 49.00", "progressive_billing_credit -9.00"]);
    const triggers = await triggersOf(setup, alertId);
    expect(triggers.map((trigger) => [trigger.value, trigger.period_start])).toEqual([
      ["24.00", "2026-01-01T00:00:00.000Z"],
    ]);
  });
});

describe("spend alerts in two currencies", () => {
  it("watch the customer's next invoice in each rule's own currency", async () => {
    clock.set("2026-01-01T00:00:00Z");
    sequence += 1;
    const tenant = await suite.testApp.newTenant(`alerts-${sequence}`);
    const effective = { effective_from: "2025-12-01T00:00:00Z" };
    await createMeter(tenant.admin, { code: "calls", event_name: "call", ...effective });
    await createMeter(tenant.admin, {
      code: "gb",
      event_name: "store",
      aggregation: "sum",
      property: "gb",
      ...effective,
    });
    const perUnit = (meter: string) => ({
      id: meter,
      type: "usage" as const,
      meter,
      model: "per_unit" as const,
      unit_price: "1.00",
    });
    const euroPlan = await createPlan(tenant.admin, {
      code: "eur",
      version: { currency: "EUR", charges: [perUnit("calls")] },
    });
    const dollarPlan = await createPlan(tenant.admin, {
      code: "usd",
      version: { currency: "USD", charges: [perUnit("gb")] },
    });
    const externalId = `two-currencies-${sequence}`;
    const { customer } = await subscribeNewCustomer(tenant.admin, euroPlan.id, {
      customer: { external_id: externalId, currency: "EUR", timezone: "UTC", email: "ops@acme.example" },
      subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
    });
    await subscribe(tenant.admin, {
      customer_id: customer.id,
      plan_id: dollarPlan.id,
      currency: "USD",
      start_at: "2026-01-01T00:00:00Z",
      billing: "calendar",
    });
    const euroAlert = (
      await expectCreated(
        tenant.admin.post<{ id: string }>(`/v1/customers/${customer.id}/alerts`, {
          kind: "spend",
          threshold: "3.00",
        }),
      )
    ).id;
    const dollarAlert = (
      await expectCreated(
        tenant.admin.post<{ id: string }>(`/v1/customers/${customer.id}/alerts`, {
          kind: "spend",
          threshold: "3.00",
          currency: "USD",
        }),
      )
    ).id;
    const triggers = async (alertId: string) =>
      ((await tenant.admin.get(`/v1/alerts/${alertId}/triggers`)).body.data as Record<string, unknown>[]).map(
        (trigger) => [trigger.currency, trigger.value],
      );

    clock.set("2026-01-20T00:00:00Z");
    // 3 calls are 3.00 EUR, at the euro threshold; 1 GB is 1.00 USD, under the dollar one.
    await ingestEvents(tenant.admin, [
      ...["c1", "c2", "c3"].map((id) => ({
        id,
        customer: externalId,
        name: "call",
        timestamp: "2026-01-10T00:00:00Z",
      })),
      {
        id: "g1",
        customer: externalId,
        name: "store",
        timestamp: "2026-01-10T00:00:00Z",
        properties: { gb: 1 },
      },
    ]);
    await evaluateCustomerAlerts(tenant.context(), customer.id);
    expect(await triggers(euroAlert)).toEqual([["EUR", "3.00"]]);
    expect(await triggers(dollarAlert)).toEqual([]);

    // 4 GB more make 5.00 USD on the dollar invoice: the dollar rule fires with it.
    await ingestEvents(tenant.admin, [
      {
        id: "g2",
        customer: externalId,
        name: "store",
        timestamp: "2026-01-11T00:00:00Z",
        properties: { gb: 4 },
      },
    ]);
    await evaluateCustomerAlerts(tenant.context(), customer.id);
    expect(await triggers(dollarAlert)).toEqual([["USD", "5.00"]]);
    expect(await triggers(euroAlert)).toEqual([["EUR", "3.00"]]);
  });
});

describe("credit balance alerts", () => {
  it("fire once when an invoice's burn takes the balance below the threshold, and again after it rose", async () => {
    const setup = await subscribedCustomer();
    const { tenant, customerId } = setup;
    await grantCredits(tenant.admin, customerId, {
      name: "Welcome credits",
      amount: "60.00",
    });
    const alertId = await createAlert(setup, { kind: "credit_balance", threshold: "20.00" });
    await runQueuedJobs();
    expect(await triggersOf(setup, alertId)).toEqual([]);

    // January's 49.00 in advance uses 49.00 of the credits: 11.00 left.
    expect((await tenant.admin.post(`/v1/customers/${customerId}/bill`)).body).toMatchObject({ issued: 1 });
    await runQueuedJobs();
    const [fired, ...others] = await triggersOf(setup, alertId);
    expect(others).toEqual([]);
    expect(fired).toMatchObject({
      kind: "credit_balance",
      threshold: "20.00",
      value: "11.00",
      currency: "USD",
      period_start: null,
    });
    const rule = await tenant.admin.get(`/v1/customers/${customerId}/alerts/${alertId}`);
    expect(rule.body.below_threshold).toBe(true);
    expect(verifiedWebhooks(setup)).toEqual([
      expect.objectContaining({
        type: "credit.balance_low",
        data: expect.objectContaining({ value: "11.00", threshold: "20.00", alert_id: alertId }),
      }),
    ]);
    const [email] = await emailsOf(setup, "credit_balance_low");
    const mail = await outboxEmail(suite.dataDirectory, email?.id);
    expect(mail.subject).toBe("Your credit balance is low: 11.00 USD left");

    // Still below: another evaluation says nothing.
    await evaluateCustomerAlerts(tenant.context(), customerId);
    expect(await triggersOf(setup, alertId)).toHaveLength(1);

    // Topped up to 51.00: armed again; February's 49.00 takes it to 2.00 and it fires again.
    await grantCredits(tenant.admin, customerId, {
      name: "More credits",
      amount: "40.00",
    });
    expect((await evaluateCustomerAlerts(tenant.context(), customerId)).fired).toEqual([]);
    expect(
      (await tenant.admin.get(`/v1/customers/${customerId}/alerts/${alertId}`)).body.below_threshold,
    ).toBe(false);
    clock.set("2026-02-01T00:00:00Z");
    expect((await tenant.admin.post(`/v1/customers/${customerId}/bill`)).body).toMatchObject({ issued: 1 });
    await runQueuedJobs();
    const triggers = await triggersOf(setup, alertId);
    expect(triggers.map((trigger) => trigger.value)).toEqual(["2.00", "11.00"]);
    expect(verifiedWebhooks(setup)).toHaveLength(2);
  });
});

describe("evaluations side by side", () => {
  it("fire each crossing once however many evaluations run at the same time", async () => {
    const setup = await subscribedCustomer();
    const { tenant, customerId } = setup;
    await grantCredits(tenant.admin, customerId, {
      amount: "5.00",
    });
    const usageAlert = await createAlert(setup, { kind: "usage", meter: "calls", threshold: "1" });
    const creditAlert = await createAlert(setup, { kind: "credit_balance", threshold: "10.00" });
    const spendAlert = await createAlert(setup, { kind: "spend", threshold: "1.00" });
    clock.set("2026-01-02T00:00:00Z");
    await sendCalls(setup, "2026-01-01T12:00:00Z", 4);

    const evaluations = await Promise.all(
      Array.from({ length: 6 }, () => evaluateCustomerAlerts(tenant.context(), customerId)),
    );
    for (const evaluation of evaluations) expect(evaluation.failed).toEqual([]);
    const fired = evaluations.flatMap((evaluation) => evaluation.fired.map((trigger) => trigger.alert_id));
    expect(fired.sort()).toEqual([usageAlert, creditAlert, spendAlert].sort());
    // The queued jobs (from the rules and the events) run too, and fire nothing more.
    await runQueuedJobs();
    for (const alertId of [usageAlert, creditAlert, spendAlert]) {
      expect(await triggersOf(setup, alertId), alertId).toHaveLength(1);
    }
    expect(
      verifiedWebhooks(setup)
        .map((webhook) => webhook.type)
        .sort(),
    ).toEqual(["alert.triggered", "credit.balance_low", "usage.threshold_reached"]);
  });
});
