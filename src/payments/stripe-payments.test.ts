// The Stripe provider against a local server that speaks Stripe's API: a
// card on file charged when an invoice is finalized, Stripe's signed webhook
// delivered twice and counted once, a bank debit settled by its webhook,
// refunds through Stripe and in Stripe's dashboard, a dispute, and webhooks
// that do not verify. Jobs run through the same worker `fairbill serve` runs.
import { describe, expect, it } from "vitest";
import {
  collectThroughLocalStripe,
  createCustomer,
  createOneOffInvoice,
} from "../../test/support/builders.ts";
import { stripeTenantForFile } from "../../test/support/local-stripe-tenant.ts";
import { setOutgoingRequestPolicy } from "../platform/outgoing-requests/target-policy.ts";

const suite = stripeTenantForFile("Stripe payments");

/** Runs every due job, as the worker of `fairbill serve` would. */
function runJobs(): Promise<number> {
  return suite.testApp.runJobs();
}

let sequence = 0;
async function customerWith(paymentMethod: string) {
  sequence += 1;
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: `stripe-payer-${sequence}`,
    name: "Ada Lovelace",
    email: `ada${sequence}@example.com`,
    currency: "USD",
  });
  const attached = await suite.tenant.admin.post(`/v1/customers/${customer.id}/payment-methods`, {
    payment_method: paymentMethod,
  });
  expect(attached.status).toBe(201);
  return { id: customer.id, paymentMethod: attached.body };
}

function finalizedInvoice(customerId: string, amount: string) {
  return createOneOffInvoice(suite.tenant.admin, customerId, [
    { description: "Platform fee", quantity: "1", unit_amount: amount },
  ]);
}

/** Delivers a Stripe event twice: the first delivery is processed, the second answered as a duplicate. */
async function expectProcessedOnce(event: Parameters<typeof suite.stripe.deliver>[0]): Promise<void> {
  expect(await suite.stripe.deliver(event)).toMatchObject({ status: 200, body: { outcome: "processed" } });
  expect(await suite.stripe.deliver(event)).toMatchObject({ status: 200, body: { outcome: "duplicate" } });
}

async function paymentsOf(invoiceId: string) {
  return (await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoiceId}`)).body.data;
}

async function eventsAbout(type: string, id: string) {
  const events = await suite.tenant.admin.get(`/v1/webhook-events?type=${type}&limit=100`);
  return events.body.data.filter((event: { data: { id: string } }) => event.data.id === id);
}

describe("the Stripe provider", () => {
  it("puts a card on file for a Stripe customer made once", async () => {
    const customer = await customerWith("pm_card_visa");
    expect(customer.paymentMethod).toMatchObject({
      id: expect.stringMatching(/^pym_/),
      provider: "stripe",
      provider_payment_method_id: "pm_card_visa",
      provider_customer_id: expect.stringMatching(/^cus_local/),
      type: "card",
      card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2034 },
      is_default: true,
    });
    const second = await suite.tenant.admin.post(`/v1/customers/${customer.id}/payment-methods`, {
      payment_method: "pm_card_mastercard",
    });
    expect(second.body).toMatchObject({
      is_default: true,
      provider_customer_id: customer.paymentMethod.provider_customer_id,
    });
    const listed = await suite.tenant.admin.get(`/v1/customers/${customer.id}/payment-methods`);
    expect(
      listed.body.data.map((method: { provider_payment_method_id: string; is_default: boolean }) => [
        method.provider_payment_method_id,
        method.is_default,
      ]),
    ).toEqual([
      ["pm_card_mastercard", true],
      ["pm_card_visa", false],
    ]);
    const created = suite.stripe.requests.filter((request) => request.path === "/v1/customers");
    expect(
      created.filter((request) => request.params["metadata[fairbill_customer_id]"] === customer.id),
    ).toHaveLength(1);

    const unknown = await suite.tenant.admin.post(`/v1/customers/${customer.id}/payment-methods`, {
      payment_method: "pm_does_not_exist",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        path: "$.payment_method",
        message: "was refused by Stripe: No such PaymentMethod: 'pm_does_not_exist'",
      },
    ]);
  });

  it("pays a finalized invoice with the card on file; the signed webhook delivered twice records one payment", async () => {
    const customer = await customerWith("pm_card_visa");
    const invoice = await finalizedInvoice(customer.id, "120.00");
    expect(invoice.status).toBe("open");
    expect(await runJobs()).toBeGreaterThanOrEqual(1);

    const intents = suite.stripe.paymentIntentsOfInvoice(invoice.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      amount: 12000,
      currency: "usd",
      customer: customer.paymentMethod.provider_customer_id,
      status: "succeeded",
    });
    const [payment] = await paymentsOf(invoice.id);
    expect(payment).toMatchObject({
      provider: "stripe",
      method: "card",
      origin: "automatic",
      status: "succeeded",
      amount: "120.00",
      amount_applied: "120.00",
      provider_payment_id: intents[0]?.id,
    });
    // The charge carried the payment's id as its idempotency key.
    const charge = suite.stripe.requests.find(
      (request) =>
        request.path === "/v1/payment_intents" &&
        request.params["metadata[fairbill_invoice_id]"] === invoice.id,
    );
    expect(charge?.idempotencyKey).toBe(`fairbill-charge-${payment.id}`);

    const event = suite.stripe.events.find(
      (candidate) =>
        candidate.type === "payment_intent.succeeded" &&
        (candidate.data as { object: { id: string } }).object.id === intents[0]?.id,
    );
    if (event === undefined) throw new Error("Stripe recorded no payment_intent.succeeded event");
    const first = await suite.stripe.deliver(event);
    expect(first).toEqual({
      status: 200,
      body: { received: true, event_id: event.id, outcome: "processed" },
    });
    const second = await suite.stripe.deliver(event);
    expect(second).toEqual({
      status: 200,
      body: { received: true, event_id: event.id, outcome: "duplicate" },
    });

    expect(await paymentsOf(invoice.id)).toHaveLength(1);
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      status: "paid",
      amount_paid: "120.00",
    });
    expect(await eventsAbout("payment.succeeded", payment.id)).toHaveLength(1);
    expect(await eventsAbout("invoice.paid", invoice.id)).toHaveLength(1);
    const receipts = await suite.tenant.admin.get(
      `/v1/emails?template=payment_receipt&customer_id=${customer.id}`,
    );
    expect(receipts.body.data).toHaveLength(1);
    const receipt = await suite.tenant.admin.get(`/v1/emails/${receipts.body.data[0].id}`);
    expect(receipt.body.text_body).toContain("(Visa ending in 4242)");
  });

  it("records a bank debit when Stripe's webhook says it succeeded, once however often it arrives", async () => {
    const customer = await customerWith("pm_sepa_debit_processing");
    const invoice = await finalizedInvoice(customer.id, "45.50");
    await runJobs();
    const [pending] = await paymentsOf(invoice.id);
    expect(pending).toMatchObject({
      status: "pending",
      amount: "45.50",
      provider_payment_id: expect.stringMatching(/^pi_local/),
    });
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body.status).toBe("open");
    // Asking to collect again while the debit is processing charges nothing more.
    const again = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/collect`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("still being processed");

    const succeeded = suite.stripe.completeProcessing(pending.provider_payment_id);
    const deliveries = await Promise.all([suite.stripe.deliver(succeeded), suite.stripe.deliver(succeeded)]);
    expect(deliveries.map((delivery) => (delivery.body as { outcome: string }).outcome).sort()).toEqual([
      "duplicate",
      "processed",
    ]);
    expect(await suite.stripe.deliver(succeeded)).toMatchObject({
      status: 200,
      body: { outcome: "duplicate" },
    });

    const payments = await paymentsOf(invoice.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ id: pending.id, status: "succeeded", amount_applied: "45.50" });
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body.status).toBe("paid");
    expect(await eventsAbout("payment.succeeded", pending.id)).toHaveLength(1);
  });

  it("keeps a payment made at Stripe in another currency than its invoice's on the customer balance, not on the invoice", async () => {
    sequence += 1;
    const customer = await createCustomer(suite.tenant.admin, {
      external_id: `stripe-outside-${sequence}`,
      currency: "USD",
    });
    const invoice = await finalizedInvoice(customer.id, "100.00");
    // Paid on a page of the seller's own, outside Fairbill's charges: 100.00 EUR for an invoice of 100.00 USD.
    const paidInEuros = {
      id: `evt_outside_eur_${sequence}`,
      object: "event",
      type: "payment_intent.succeeded",
      data: {
        object: {
          id: `pi_outside_eur_${sequence}`,
          object: "payment_intent",
          amount: 10000,
          amount_received: 10000,
          currency: "eur",
          status: "succeeded",
          metadata: { fairbill_invoice_id: invoice.id },
        },
      },
    };
    await expectProcessedOnce(paidInEuros);
    const [payment] = await paymentsOf(invoice.id);
    expect(payment).toMatchObject({
      origin: "provider",
      status: "succeeded",
      currency: "EUR",
      amount: "100.00",
      amount_applied: "0.00",
      amount_to_balance: "100.00",
    });
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      status: "open",
      amount_paid: "0.00",
      amount_remaining: "100.00",
    });
    const balance = await suite.tenant.admin.get(`/v1/customers/${customer.id}/balance`);
    expect(balance.body.data).toEqual([{ currency: "EUR", balance: "100.00" }]);
    const entries = await suite.tenant.admin.get(`/v1/customers/${customer.id}/balance-entries`);
    expect(entries.body.data).toMatchObject([
      {
        amount: "100.00",
        currency: "EUR",
        invoice_id: invoice.id,
        reason: `payment ${payment.id} in EUR for invoice ${invoice.number} in USD`,
      },
    ]);
  });

  it("refunds through Stripe in part and in full, and records a refund made in Stripe's dashboard", async () => {
    const customer = await customerWith("pm_card_visa");
    const invoice = await finalizedInvoice(customer.id, "100.00");
    await runJobs();
    const [payment] = await paymentsOf(invoice.id);

    const partial = await suite.tenant.admin.post(`/v1/payments/${payment.id}/refunds`, {
      amount: "30.00",
      reason: "service outage",
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({
      status: "succeeded",
      amount: "30.00",
      amount_from_invoice: "30.00",
      provider_refund_id: expect.stringMatching(/^re_local/),
    });
    const refundRequest = suite.stripe.requests.find(
      (request) =>
        request.path === "/v1/refunds" && request.params["metadata[fairbill_refund_id]"] === partial.body.id,
    );
    expect(refundRequest).toMatchObject({
      params: { amount: "3000", payment_intent: payment.provider_payment_id },
      idempotencyKey: `fairbill-refund-${partial.body.id}`,
    });
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      status: "partially_paid",
      amount_remaining: "30.00",
    });

    // Stripe's charge.refunded for a refund Fairbill made adds nothing.
    expect(await suite.stripe.deliver(suite.stripe.lastEvent("charge.refunded"))).toMatchObject({
      status: 200,
      body: { outcome: "processed" },
    });
    expect((await suite.tenant.admin.get(`/v1/payments/${payment.id}`)).body.refunds).toHaveLength(1);

    // A refund of 20.00 made in Stripe's dashboard arrives only by webhook.
    await expectProcessedOnce(suite.stripe.refundInDashboard(payment.provider_payment_id, 2000));
    const afterDashboard = await suite.tenant.admin.get(`/v1/payments/${payment.id}`);
    expect(
      afterDashboard.body.refunds.map((refund: { origin: string; amount: string }) => [
        refund.origin,
        refund.amount,
      ]),
    ).toEqual([
      ["fairbill", "30.00"],
      ["provider", "20.00"],
    ]);
    expect(afterDashboard.body.amount_refunded).toBe("50.00");

    const rest = await suite.tenant.admin.post(`/v1/payments/${payment.id}/refunds`, {
      reason: "customer left",
    });
    expect(rest.body).toMatchObject({ status: "succeeded", amount: "50.00" });
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      status: "open",
      amount_paid: "0.00",
    });
    expect(await eventsAbout("payment.refunded", payment.id)).toHaveLength(3);
    const confirmations = await suite.tenant.admin.get(
      `/v1/emails?template=refund_confirmation&customer_id=${customer.id}`,
    );
    expect(confirmations.body.data).toHaveLength(3);
  });

  it("records a dispute for finance and tells the customer", async () => {
    const customer = await customerWith("pm_card_visa");
    const invoice = await finalizedInvoice(customer.id, "80.00");
    await runJobs();
    const [payment] = await paymentsOf(invoice.id);
    await expectProcessedOnce(suite.stripe.openDispute(payment.provider_payment_id, "fraudulent"));
    const read = await suite.tenant.admin.get(`/v1/payments/${payment.id}`);
    expect(read.body.disputes).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^dsp_/),
        amount: "80.00",
        currency: "USD",
        reason: "fraudulent",
        status: "needs_response",
      }),
    ]);
    const emails = await suite.tenant.admin.get(
      `/v1/emails?template=dispute_received&customer_id=${customer.id}`,
    );
    expect(emails.body.data).toHaveLength(1);
    expect(emails.body.data[0].subject).toBe(`We received a dispute for invoice ${invoice.number}`);
  });

  it("refuses webhooks that Stripe did not sign, and environments without Stripe", async () => {
    const event = suite.stripe.events[0];
    if (event === undefined) throw new Error("no event recorded yet");
    const url = suite.stripe.webhookUrl as string;
    const unsigned = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { code: string }).code).toBe("webhook_signature_invalid");
    const forged = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`,
      },
      body: JSON.stringify(event),
    });
    expect(forged.status).toBe(403);
    const other = await suite.testApp.newTenant("Without Stripe");
    const elsewhere = await fetch(
      `${suite.baseUrl}/v1/webhooks/stripe/${other.organization.environments.test}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
        body: JSON.stringify(event),
      },
    );
    expect(elsewhere.status).toBe(404);
    const nowhere = await fetch(`${suite.baseUrl}/v1/webhooks/stripe/env_missing`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
    });
    expect(nowhere.status).toBe(404);
  });

  it("never sends the secret key to an internal address: refused when saved, and when called (issue 18, finding 4)", async () => {
    setOutgoingRequestPolicy({ allowPrivateTargets: false });
    try {
      for (const address of ["http://169.254.169.254", suite.stripe.url, "http://2130706433:12111"]) {
        const saved = await suite.tenant.admin.put("/v1/payment-settings", {
          provider: "stripe",
          stripe: {
            secret_key: suite.stripe.secretKey,
            webhook_secret: suite.stripe.webhookSecret,
            api_base_url: address,
          },
        });
        expect(saved.status).toBe(400);
        expect(saved.body.errors).toEqual([expect.objectContaining({ path: "$.stripe.api_base_url" })]);
      }
      // The address saved while this machine was allowed is refused when Stripe is called.
      const before = suite.stripe.requests.length;
      sequence += 1;
      const customer = await createCustomer(suite.tenant.admin, {
        external_id: `refused-${sequence}`,
        currency: "USD",
      });
      const attached = await suite.tenant.admin.post(`/v1/customers/${customer.id}/payment-methods`, {
        payment_method: "pm_card_visa",
      });
      expect(attached.status).toBe(502);
      expect(attached.body.detail).toMatch(/must not point at 127\.0\.0\.1, a loopback address/);
      expect(suite.stripe.requests).toHaveLength(before);
    } finally {
      setOutgoingRequestPolicy({ allowPrivateTargets: true });
    }
  });

  it("deletes Stripe's secrets when the environment switches to manual collection, and refuses its webhooks then (issue 18, finding 8)", async () => {
    const switching = await suite.testApp.newTenant("Switching off Stripe");
    const settings = await collectThroughLocalStripe(switching.admin, suite.stripe);
    const manual = await switching.admin.put("/v1/payment-settings", { provider: "manual" });
    expect(manual.status).toBe(200);
    expect(manual.body.stripe).toBeNull();
    const row = await suite.testApp.handle.database
      .selectFrom("payment_provider_settings")
      .select(["stripe_secret_key", "stripe_webhook_secret"])
      .where("environment_id", "=", switching.organization.environments.test)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ stripe_secret_key: null, stripe_webhook_secret: null });
    const webhook = await fetch(`${suite.baseUrl}${settings.stripe.webhook_path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body: JSON.stringify(suite.stripe.events[0] ?? {}),
    });
    expect(webhook.status).toBe(404);
  });
});
