// Dunning on the test clock: a declined card retried on the campaign's days
// (each attempt in the local Stripe server's log), the reminders and failure
// emails read back from a real SMTP server this test starts, and each final
// action (cancel, pause, block entitlements, mark uncollectible). A hard
// decline is not retried; an exempt customer is not dunned.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectThroughLocalStripe,
  createCustomer,
  createOneOffInvoice,
  createPlan,
  subscribe,
} from "../../test/support/builders.ts";
import { type LocalStripe, startLocalStripe } from "../../test/support/local-stripe-server.ts";
import { removeDataDirectory, SmtpReceiver, temporaryDataDirectory } from "../../test/support/mail.ts";
import { baseFee } from "../../test/support/pricing-fixtures.ts";
import { expectCreated, expectRefusedAt } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { billRunJobHandlers, createBillRunScheduler } from "../billing-runs/index.ts";
import { systemClock } from "../platform/clock.ts";
import { createJobWorker } from "../platform/jobs/job-worker.ts";

const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };
const suite = appForFile({ allowPrivateTargets: true });
let stripe: LocalStripe;
const smtp = new SmtpReceiver();
let dataDirectory: string;

beforeAll(async () => {
  stripe = await startLocalStripe();
  dataDirectory = await temporaryDataDirectory("fairbill-dunning");
  await smtp.start();
});
afterAll(async () => {
  await smtp.stop();
  await stripe?.close();
  await removeDataDirectory(dataDirectory);
});

/** The worker of `fairbill serve`: payments' jobs, and emails sent to the test's SMTP server. */
async function runJobs(): Promise<number> {
  return suite.testApp.runJobs({
    email: {
      smtpUrl: smtp.url(),
      emailFrom: "Billing <billing@fairbill.test>",
      dataDirectory,
    },
  });
}

function mailsTo(address: string): { subject: string; text: string }[] {
  return smtp.received
    .map((received) => received.mail)
    .filter((mail) => mail.to !== undefined && JSON.stringify(mail.to).includes(address))
    .map((mail) => ({ subject: mail.subject ?? "", text: mail.text ?? "" }));
}

let sequence = 0;

/** A tenant on a test clock at `start`, collecting through the local Stripe, with one default campaign. */
async function dunningTenant(start: string, campaign: Record<string, unknown>): Promise<TestTenant> {
  sequence += 1;
  const tenant = await suite.testApp.newTenant(`Dunning ${sequence}`);
  expect((await tenant.admin.post("/v1/test-clock", { frozen_at: start })).status).toBe(200);
  await collectThroughLocalStripe(tenant.admin, stripe);
  const created = await tenant.admin.post("/v1/dunning-campaigns", { name: "Standard", ...campaign });
  expect(created.status).toBe(201);
  expect(created.body.is_default).toBe(true);
  return tenant;
}

async function customerOf(tenant: TestTenant, paymentMethod: string | null, termsDays = 0) {
  sequence += 1;
  const email = `dunned${sequence}@example.com`;
  const customer = await createCustomer(tenant.admin, {
    external_id: `dunned-${sequence}`,
    name: "Charles Babbage",
    email,
    currency: "USD",
    timezone: "UTC",
    invoice_settings: { net_payment_terms_days: termsDays },
  });
  if (paymentMethod !== null) {
    await expectCreated(
      tenant.admin.post(`/v1/customers/${customer.id}/payment-methods`, { payment_method: paymentMethod }),
    );
  }
  return { id: customer.id, email };
}

/** A monthly plan of 49.00 in advance, and the customer's subscription to it from `start`. */
async function subscribeMonthly(tenant: TestTenant, customerId: string, start: string): Promise<string> {
  const plan = await createPlan(tenant.admin, {
    code: `pro-${sequence}`,
    name: "Pro",
    version: { charges: [{ ...baseFee(), timing: "in_advance" }] },
  });
  const subscription = await subscribe(tenant.admin, {
    customer_id: customerId,
    plan_id: plan.id,
    start_at: start,
    billing: "calendar",
  });
  return subscription.id;
}

async function advance(tenant: TestTenant, to: string): Promise<void> {
  const advanced = await tenant.admin.post("/v1/test-clock/advance", { to });
  expect(advanced.status).toBe(200);
  await runJobs();
}

/** Sets the test clock without billing, then runs the bill run's scheduled tick and what it queues. */
async function tickAt(tenant: TestTenant, frozenAt: string): Promise<void> {
  expect((await tenant.admin.post("/v1/test-clock", { frozen_at: frozenAt })).status).toBe(200);
  const database = suite.testApp.handle.database;
  await createBillRunScheduler({ database, clock: systemClock, logger: silentLogger }).enqueueTicks(
    new Date(),
  );
  const worker = createJobWorker({
    database,
    clock: systemClock,
    logger: silentLogger,
    handlers: billRunJobHandlers({ database, clock: systemClock, logger: silentLogger }),
  });
  await worker.runDueJobs();
  await runJobs();
}

async function onlyInvoiceOf(tenant: TestTenant, customerId: string) {
  const invoices = await tenant.admin.get(`/v1/invoices?customer_id=${customerId}`);
  expect(invoices.body.data).toHaveLength(1);
  return invoices.body.data[0];
}

function attemptsFor(invoiceId: string) {
  return stripe.paymentIntentsOfInvoice(invoiceId);
}

describe("dunning", () => {
  it("retries a soft decline on the campaign's days, reminds around the due date, then cancels the subscription", async () => {
    const tenant = await dunningTenant("2030-01-01T00:00:00Z", {
      retry_schedule_days: [1, 3, 5, 8],
      reminder_days_before_due: [1],
      reminder_days_after_due: [1, 6],
      final_action: "cancel_subscription",
    });
    const customer = await customerOf(tenant, "pm_card_chargeDeclinedInsufficientFunds", 2);
    const subscriptionId = await subscribeMonthly(tenant, customer.id, "2030-01-01T00:00:00Z");

    // The first invoice is issued at the start, due two days later, and charged at once: declined.
    await advance(tenant, "2030-01-01T01:00:00Z");
    const invoice = await onlyInvoiceOf(tenant, customer.id);
    expect(invoice).toMatchObject({
      status: "open",
      amount_due: "49.00",
      due_at: "2030-01-03T00:00:00.000Z",
    });
    expect(attemptsFor(invoice.id)).toHaveLength(1);
    let dunning = await tenant.admin.get(`/v1/invoices/${invoice.id}/dunning`);
    expect(dunning.body).toMatchObject({
      status: "active",
      hard_declined: false,
      first_failed_at: "2030-01-01T01:00:00.000Z",
    });
    // In time order; at one instant the retry comes before the final action.
    expect(
      dunning.body.steps.map((step: { kind: string; due_at: string }) => [step.kind, step.due_at]),
    ).toEqual([
      ["reminder_before_due", "2030-01-02T00:00:00.000Z"],
      ["retry", "2030-01-02T01:00:00.000Z"],
      ["reminder_after_due", "2030-01-04T00:00:00.000Z"],
      ["retry", "2030-01-04T01:00:00.000Z"],
      ["retry", "2030-01-06T01:00:00.000Z"],
      ["reminder_after_due", "2030-01-09T00:00:00.000Z"],
      ["retry", "2030-01-09T01:00:00.000Z"],
      ["final_action", "2030-01-09T01:00:00.000Z"],
    ]);
    expect(mailsTo(customer.email).map((mail) => mail.subject)).toEqual([
      `Invoice ${invoice.number}: 49.00 USD due 2030-01-03`,
      `Payment failed for invoice ${invoice.number}`,
    ]);
    expect(mailsTo(customer.email)[1]?.text).toContain("We will try again on 2030-01-02");

    // Day 1: the reminder before the due date, and the first retry.
    await advance(tenant, "2030-01-02T12:00:00Z");
    expect(attemptsFor(invoice.id)).toHaveLength(2);
    // Days 3 and 5 in one move of the clock: each due step runs, in order.
    await advance(tenant, "2030-01-06T12:00:00Z");
    expect(attemptsFor(invoice.id)).toHaveLength(4);
    expect((await tenant.admin.get(`/v1/subscriptions/${subscriptionId}`)).body.status).toBe("active");

    // Day 8: the last retry fails, and the final action cancels the subscription.
    await advance(tenant, "2030-01-09T12:00:00Z");
    const attempts = attemptsFor(invoice.id);
    expect(attempts).toHaveLength(5);
    expect(attempts.every((intent) => intent.status === "requires_payment_method")).toBe(true);
    const keys = stripe.requests
      .filter(
        (request) =>
          request.path === "/v1/payment_intents" &&
          request.params["metadata[fairbill_invoice_id]"] === invoice.id,
      )
      .map((request) => request.idempotencyKey);
    expect(new Set(keys).size).toBe(5);

    const payments = await tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`);
    expect(payments.body.data.map((payment: { origin: string }) => payment.origin)).toEqual([
      "dunning_retry",
      "dunning_retry",
      "dunning_retry",
      "dunning_retry",
      "automatic",
    ]);
    expect(payments.body.data[0].failure).toEqual({
      code: "card_declined",
      decline_code: "insufficient_funds",
      message: "Your card has insufficient funds.",
      hard_decline: false,
    });

    const subscription = await tenant.admin.get(`/v1/subscriptions/${subscriptionId}`);
    expect(subscription.body).toMatchObject({
      status: "ended",
      ends_at: expect.stringMatching(/^2030-01-09T12:00/),
    });
    dunning = await tenant.admin.get(`/v1/invoices/${invoice.id}/dunning`);
    expect(dunning.body.status).toBe("ended");
    expect(dunning.body.steps.every((step: { status: string }) => step.status === "done")).toBe(true);
    expect(dunning.body.steps.at(-1)).toMatchObject({
      kind: "final_action",
      outcome: `subscription ${subscriptionId} canceled`,
    });

    const subjects = mailsTo(customer.email).map((mail) => mail.subject);
    expect(
      subjects.filter((subject) => subject === `Payment failed for invoice ${invoice.number}`),
    ).toHaveLength(5);
    expect(subjects.filter((subject) => subject.startsWith(`Invoice ${invoice.number}:`))).toHaveLength(2);
    expect(subjects.filter((subject) => subject.startsWith(`Reminder: invoice ${invoice.number}`))).toEqual([
      `Reminder: invoice ${invoice.number} is 1 days overdue`,
      `Reminder: invoice ${invoice.number} is 6 days overdue`,
    ]);
    // The last failure says no retry is coming.
    expect(
      mailsTo(customer.email)
        .filter((mail) => mail.subject.startsWith("Payment failed"))
        .at(-1)?.text,
    ).toContain("Please pay the invoice or update your payment method.");
    const failed = await tenant.admin.get("/v1/webhook-events?type=invoice.payment_failed&limit=100");
    expect(
      failed.body.data.filter((event: { data: { id: string } }) => event.data.id === invoice.id),
    ).toHaveLength(5);
    const audit = await tenant.admin.get(
      `/v1/audit-events?object_id=${invoice.id}&action=dunning.final_action_taken`,
    );
    expect(audit.body.data).toHaveLength(1);
  });

  it("does not retry a hard decline, keeps the deadline, and pauses the subscription", async () => {
    const tenant = await dunningTenant("2030-03-01T00:00:00Z", {
      retry_schedule_days: [1, 3],
      final_action: "pause_subscription",
    });
    const customer = await customerOf(tenant, "pm_card_chargeDeclinedStolenCard");
    const subscriptionId = await subscribeMonthly(tenant, customer.id, "2030-03-01T00:00:00Z");
    await advance(tenant, "2030-03-01T01:00:00Z");
    const invoice = await onlyInvoiceOf(tenant, customer.id);
    const [payment] = (await tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`)).body.data;
    expect(payment.failure).toEqual({
      code: "card_declined",
      decline_code: "stolen_card",
      message: "Your card was declined.",
      hard_decline: true,
    });
    const dunning = await tenant.admin.get(`/v1/invoices/${invoice.id}/dunning`);
    expect(dunning.body.hard_declined).toBe(true);
    expect(
      dunning.body.steps.map((step: { kind: string; status: string }) => [step.kind, step.status]),
    ).toEqual([
      ["retry", "skipped"],
      ["retry", "skipped"],
      ["final_action", "pending"],
    ]);
    expect(dunning.body.steps[0].outcome).toContain("hard decline (stolen_card)");
    expect(mailsTo(customer.email).at(-1)?.text).toContain(
      "Please pay the invoice or update your payment method.",
    );

    // This time the clock is only moved, and the bill run's minute tick (as `fairbill serve` runs it) finds the due step.
    await tickAt(tenant, "2030-03-05T00:00:00Z");
    expect(attemptsFor(invoice.id)).toHaveLength(1);
    const subscription = await tenant.admin.get(`/v1/subscriptions/${subscriptionId}`);
    expect(subscription.body.status).toBe("paused");
    expect((await tenant.admin.get(`/v1/invoices/${invoice.id}/dunning`)).body.status).toBe("ended");
  });

  it("blocks entitlements as its final action until the invoice is paid", async () => {
    const tenant = await dunningTenant("2030-05-01T00:00:00Z", {
      retry_schedule_days: [2],
      final_action: "block_entitlements",
    });
    const customer = await customerOf(tenant, "pm_card_chargeDeclined");
    const feature = await tenant.admin.post("/v1/features", {
      code: "sso",
      name: "Single sign-on",
      kind: "boolean",
    });
    expect(feature.status).toBe(201);
    expect(
      (await tenant.admin.post(`/v1/customers/${customer.id}/entitlements`, { feature: "sso" })).status,
    ).toBe(200);
    const allowed = async () =>
      (await tenant.admin.get(`/v1/customers/${customer.id}/entitlements`)).body.data.map(
        (entitlement: { feature: string; allowed: boolean }) => [entitlement.feature, entitlement.allowed],
      );
    expect(await allowed()).toEqual([["sso", true]]);

    const invoice = await createOneOffInvoice(tenant.admin, customer.id, [
      { description: "Annual support", quantity: "1", unit_amount: "300.00" },
    ]);
    await runJobs();
    await advance(tenant, "2030-05-03T12:00:00Z");
    expect(attemptsFor(invoice.id)).toHaveLength(2);
    expect(await allowed()).toEqual([["sso", false]]);
    expect((await tenant.admin.get(`/v1/customers/${customer.id}/dunning`)).body).toMatchObject({
      entitlements_blocked: true,
      exempt: false,
    });

    // Paid by bank transfer: the block is lifted.
    const paid = await tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "300.00",
      method: "bank_transfer",
    });
    expect(paid.status).toBe(201);
    expect(await allowed()).toEqual([["sso", true]]);
    expect((await tenant.admin.get(`/v1/customers/${customer.id}/dunning`)).body.entitlements_blocked).toBe(
      false,
    );
  });

  it("reminds customers who pay by hand and marks the invoice uncollectible; an exempt customer is not dunned", async () => {
    const tenant = await dunningTenant("2030-07-01T00:00:00Z", {
      retry_schedule_days: [1],
      reminder_days_after_due: [2],
      final_action: "mark_uncollectible",
    });
    const payer = await customerOf(tenant, null, 10);
    const exempt = await customerOf(tenant, "pm_card_chargeDeclinedInsufficientFunds", 10);
    const exemption = await tenant.admin.put(`/v1/customers/${exempt.id}/dunning`, {
      exempt: true,
      exempt_reason: "enterprise contract: pays on its own schedule",
    });
    expect(exemption.body).toMatchObject({
      exempt: true,
      exempt_reason: "enterprise contract: pays on its own schedule",
    });
    const invoiceOf = (customerId: string) =>
      createOneOffInvoice(tenant.admin, customerId, [
        { description: "Implementation", quantity: "1", unit_amount: "500.00" },
      ]);
    const manual = await invoiceOf(payer.id);
    const exempted = await invoiceOf(exempt.id);
    await runJobs();

    // Not dunned: the invoice's dunning says so (status none, no steps) instead of a 404.
    const notDunned = await tenant.admin.get(`/v1/invoices/${exempted.id}/dunning`);
    expect(notDunned.status).toBe(200);
    expect(notDunned.body).toMatchObject({ id: null, status: "none", steps: [] });
    // The exempt customer's card is still charged once; the failure promises no retry.
    expect(attemptsFor(exempted.id)).toHaveLength(1);
    expect(mailsTo(exempt.email).at(-1)?.text).toContain(
      "Please pay the invoice or update your payment method.",
    );

    await advance(tenant, "2030-07-13T00:00:00Z");
    expect((await tenant.admin.get(`/v1/invoices/${manual.id}`)).body.status).toBe("uncollectible");
    expect((await tenant.admin.get(`/v1/invoices/${exempted.id}`)).body.status).toBe("open");
    expect(mailsTo(payer.email).map((mail) => mail.subject)).toEqual([
      `Invoice ${manual.number}: 500.00 USD due 2030-07-11`,
      `Reminder: invoice ${manual.number} is 2 days overdue`,
    ]);
    expect(mailsTo(exempt.email).some((mail) => mail.subject.startsWith("Reminder"))).toBe(false);
  });

  it("checks a campaign's days and who may change it", async () => {
    const tenant = await suite.testApp.newTenant("Campaign rules");
    const bad = await tenant.admin.post("/v1/dunning-campaigns", {
      name: "Bad",
      retry_schedule_days: [3, 1, 0],
      reminder_days_before_due: [0],
      final_action: "cancel_subscription",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: "$.retry_schedule_days[1]", message: "must be more than the day before it" },
      { path: "$.retry_schedule_days[2]", message: "must be at least 1" },
      { path: "$.retry_schedule_days[2]", message: "must be more than the day before it" },
      { path: "$.reminder_days_before_due[0]", message: "must be at least 1" },
    ]);
    const wrongAction = await tenant.admin.post("/v1/dunning-campaigns", {
      name: "Bad",
      retry_schedule_days: [1],
      final_action: "send_to_collections",
    });
    expectRefusedAt(wrongAction, "$.final_action");

    const first = await tenant.admin.post("/v1/dunning-campaigns", {
      name: "A",
      retry_schedule_days: [1],
      final_action: "none",
    });
    const second = await tenant.admin.post("/v1/dunning-campaigns", {
      name: "B",
      retry_schedule_days: [2],
      final_action: "none",
    });
    expect([first.body.is_default, second.body.is_default]).toEqual([true, false]);
    const promoted = await tenant.admin.patch(`/v1/dunning-campaigns/${second.body.id}`, {
      is_default: true,
    });
    expect(promoted.body.is_default).toBe(true);
    expect((await tenant.admin.get(`/v1/dunning-campaigns/${first.body.id}`)).body.is_default).toBe(false);

    const customer = await createCustomer(tenant.admin, { external_id: "campaign-rules" });
    const unknownCampaign = await tenant.admin.put(`/v1/customers/${customer.id}/dunning`, {
      campaign_id: "dnc_missing",
      exempt: false,
    });
    expectRefusedAt(unknownCampaign, "$.campaign_id");
    const viewer = await tenant.client("viewer");
    expect((await viewer.patch(`/v1/dunning-campaigns/${first.body.id}`, { name: "X" })).status).toBe(403);
    const audit = await tenant.admin.get("/v1/audit-events?object_type=dunning_campaign");
    expect(audit.body.data.map((entry: { action: string }) => entry.action)).toEqual([
      "dunning_campaign.updated",
      "dunning_campaign.created",
      "dunning_campaign.created",
    ]);
  });
});
