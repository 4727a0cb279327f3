// What becomes of a payment after Stripe reports it: a chargeback followed
// through Stripe's statuses to its close (won: nothing moves; lost: the
// invoice stays paid, the loss is on the payment, booked by finance in the
// month it was lost, and announced once), whatever the order and however
// often the events arrive; and a refund made in Stripe's dashboard that is
// more than Fairbill can take back from the balance and the invoice, which is
// recorded all the same. Against the local server that speaks Stripe's API.
import { describe, expect, it } from "vitest";
import { createCustomer, createOneOffInvoice, createPlan, subscribe } from "../../test/support/builders.ts";
import { stripeTenantForFile } from "../../test/support/local-stripe-tenant.ts";
import { baseFee } from "../../test/support/pricing-fixtures.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = stripeTenantForFile("Stripe dispute outcomes");

type Event = Parameters<typeof suite.stripe.deliver>[0];
type JournalLine = {
  document_type: string;
  account_role: string;
  debit: string;
  credit: string;
  memo: string;
};

let sequence = 0;
async function customerWithCard() {
  sequence += 1;
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: `disputer-${sequence}`,
    email: `disputer${sequence}@example.com`,
    currency: "USD",
    timezone: "UTC",
  });
  const attached = await suite.tenant.admin.post(`/v1/customers/${customer.id}/payment-methods`, {
    payment_method: "pm_card_visa",
  });
  expect(attached.status).toBe(201);
  return customer.id;
}

/** An invoice of `amount` charged to a card on file: its payment, succeeded. */
async function paidByCard(amount: string) {
  const customerId = await customerWithCard();
  const invoice = await createOneOffInvoice(suite.tenant.admin, customerId, [
    { description: "Platform fee", quantity: "1", unit_amount: amount },
  ]);
  await suite.testApp.runJobs();
  const [payment] = (await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`)).body.data;
  expect(payment).toMatchObject({ status: "succeeded", amount });
  return { customerId, invoice, payment };
}

/** A new customer (no card on file) and a one-off invoice of `amount` for them. */
async function customerInvoiced(name: string, description: string, amount: string) {
  sequence += 1;
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: `${name}-${sequence}`,
    currency: "USD",
    timezone: "UTC",
  });
  const invoice = await createOneOffInvoice(suite.tenant.admin, customer.id, [
    { description, quantity: "1", unit_amount: amount },
  ]);
  return { customer, invoice };
}

/** A monthly fee of 20.00 in advance from `start`, whose first invoice (issued then) uses the customer balance. */
async function subscribeToMonthlyTwenty(customerId: string, start: string) {
  const plan = await createPlan(suite.tenant.admin, {
    code: `monthly-20-${sequence}`,
    version: { charges: [{ ...baseFee("20.00"), timing: "in_advance" }] },
  });
  await subscribe(suite.tenant.admin, {
    customer_id: customerId,
    plan_id: plan.id,
    start_at: start,
    billing: "calendar",
  });
  await advanceTestClock(suite.tenant.admin, new Date(Date.parse(start) + 1000).toISOString());
}

async function expectProcessedOnce(event: Event): Promise<void> {
  expect(await suite.stripe.deliver(event)).toMatchObject({ status: 200, body: { outcome: "processed" } });
  expect(await suite.stripe.deliver(event)).toMatchObject({ status: 200, body: { outcome: "duplicate" } });
}

const disputeIdOf = (event: Event) => (event.data as { object: { id: string } }).object.id;

async function eventsAbout(type: string, id: string) {
  const events = await expectOk(suite.tenant.admin.get(`/v1/webhook-events?type=${type}&limit=100`));
  return events.data.filter((event: { data: { id: string } }) => event.data.id === id);
}

async function journalOf(period: string) {
  const journal = await expectOk(suite.tenant.admin.get(`/v1/journal?period=${period}`));
  expect(journal.balanced).toBe(true);
  return journal.lines as JournalLine[];
}

const postingsOf = (lines: JournalLine[], documentType: string) =>
  lines
    .filter((line) => line.document_type === documentType)
    .map((line) => [line.account_role, line.debit, line.credit]);

describe("a chargeback followed to its close", () => {
  it("follows Stripe's status; won, it closes once, moves no money and is not reopened by a late update", async () => {
    await freezeTestClock(suite.tenant.admin, "2031-03-10T09:00:00Z");
    const { invoice, payment } = await paidByCard("80.00");
    const opened = suite.stripe.openDispute(
      payment.provider_payment_id,
      "product_not_received",
      new Date("2031-03-12T10:00:00Z"),
    );
    await expectProcessedOnce(opened);
    const disputeId = disputeIdOf(opened);
    const withdrawn = suite.stripe.moveDispute(
      disputeId,
      "charge.dispute.funds_withdrawn",
      "needs_response",
      new Date("2031-03-12T10:00:01Z"),
    );
    await expectProcessedOnce(withdrawn);
    const underReview = suite.stripe.moveDispute(
      disputeId,
      "charge.dispute.updated",
      "under_review",
      new Date("2031-03-14T08:00:00Z"),
    );
    await expectProcessedOnce(underReview);
    let read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read.disputes).toEqual([
      expect.objectContaining({ status: "under_review", closed_at: null, amount: "80.00" }),
    ]);

    await freezeTestClock(suite.tenant.admin, "2031-04-02T09:00:00Z");
    const won = suite.stripe.moveDispute(
      disputeId,
      "charge.dispute.closed",
      "won",
      new Date("2031-04-02T08:00:00Z"),
    );
    await expectProcessedOnce(won);
    await expectProcessedOnce(
      suite.stripe.moveDispute(
        disputeId,
        "charge.dispute.funds_reinstated",
        "won",
        new Date("2031-04-02T08:00:01Z"),
      ),
    );
    // An update Stripe sent before the close, delivered after it: the dispute stays won.
    const late = { ...underReview, id: `${underReview.id}_late` };
    expect(await suite.stripe.deliver(late)).toMatchObject({ status: 200 });

    read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read).toMatchObject({ amount_charged_back: "0.00", amount_refunded: "0.00" });
    expect(read.disputes).toEqual([
      expect.objectContaining({
        status: "won",
        closed_at: "2031-04-02T08:00:00.000Z",
        amount_from_balance: "0.00",
        amount_lost: "0.00",
      }),
    ]);
    expect(await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoice.id}`))).toMatchObject({
      status: "paid",
      amount_paid: "80.00",
      payment_dispute_lost_at: null,
    });
    const announced = await eventsAbout("payment.dispute_won", payment.id);
    expect(announced).toHaveLength(1);
    expect(announced[0].data.dispute).toMatchObject({ status: "won", amount: "80.00" });
    expect(await eventsAbout("payment.dispute_lost", payment.id)).toEqual([]);
    expect(postingsOf(await journalOf("2031-04"), "chargeback")).toEqual([]);
  });

  it("lost, keeps the invoice paid, shows the loss on the payment and the invoice, and books it once in the month it was lost", async () => {
    await freezeTestClock(suite.tenant.admin, "2031-04-10T09:00:00Z");
    const { customerId, invoice, payment } = await paidByCard("80.00");
    const opened = suite.stripe.openDispute(
      payment.provider_payment_id,
      "fraudulent",
      new Date("2031-04-20T10:00:00Z"),
    );
    await expectProcessedOnce(opened);
    const disputeId = disputeIdOf(opened);

    await freezeTestClock(suite.tenant.admin, "2031-05-05T12:00:00Z");
    const lost = suite.stripe.moveDispute(
      disputeId,
      "charge.dispute.closed",
      "lost",
      new Date("2031-05-05T11:00:00Z"),
    );
    await expectProcessedOnce(lost);
    // Stripe's update from before the close, arriving after it, and the same close sent again as a new
    // event, change nothing: no second loss, nothing reopened.
    const stale = suite.stripe.moveDispute(
      disputeId,
      "charge.dispute.updated",
      "under_review",
      new Date("2031-05-01T00:00:00Z"),
    );
    expect(await suite.stripe.deliver(stale)).toMatchObject({ status: 200 });
    expect(await suite.stripe.deliver({ ...lost, id: `${lost.id}_again` })).toMatchObject({ status: 200 });

    const read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read).toMatchObject({ status: "succeeded", amount: "80.00", amount_charged_back: "80.00" });
    expect(read.disputes).toEqual([
      expect.objectContaining({
        provider_dispute_id: disputeId,
        status: "lost",
        opened_at: "2031-04-20T10:00:00.000Z",
        closed_at: "2031-05-05T11:00:00.000Z",
        amount: "80.00",
        amount_from_balance: "0.00",
        amount_lost: "80.00",
      }),
    ]);
    // Stripe's and Lago's rule: the invoice keeps its status and says a dispute of its payment was lost.
    expect(await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoice.id}`))).toMatchObject({
      status: "paid",
      amount_paid: "80.00",
      amount_remaining: "0.00",
      payment_dispute_lost_at: "2031-05-05T11:00:00.000Z",
    });
    const announced = await eventsAbout("payment.dispute_lost", payment.id);
    expect(announced).toHaveLength(1);
    expect(announced[0].data).toMatchObject({
      id: payment.id,
      amount_charged_back: "80.00",
      dispute: { status: "lost", amount: "80.00", amount_lost: "80.00" },
    });
    expect(await eventsAbout("payment.dispute_won", payment.id)).toEqual([]);

    // Finance: the payment in April, the loss (cash out, to payment losses) in May, once.
    expect(postingsOf(await journalOf("2031-04"), "chargeback")).toEqual([]);
    const may = (await journalOf("2031-05")).filter((line) => line.memo.includes(disputeId));
    expect(may.map((line) => [line.document_type, line.account_role, line.debit, line.credit])).toEqual([
      ["chargeback", "payment_losses", "80.00", ""],
      ["chargeback", "cash", "", "80.00"],
    ]);
    // Nothing is owed again: the receivable is untouched and agrees with the invoice.
    const reconciliation = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2031-05"));
    expect(reconciliation.receivables.differences).toEqual([]);
    expect(
      reconciliation.receivables.customers.filter(
        (row: { customer_id: string }) => row.customer_id === customerId,
      ),
    ).toEqual([]);
    const kpis = await expectOk(suite.tenant.admin.get("/v1/kpis?from=2031-05&to=2031-05"));
    expect(kpis.disputes).toMatchObject({
      chargebacks_lost: 1,
      chargeback_lost_amounts: [{ currency: "USD", amount: "80.00" }],
    });

    // What the bank took back cannot be refunded as well.
    const refund = await suite.tenant.admin.post(`/v1/payments/${payment.id}/refunds`, { reason: "again" });
    expect(refund.status).toBe(409);
    expect(refund.body.code).toBe("refund_exceeds_payment");
  });

  it("lost before Fairbill heard it was opened: the close records it, and the late opening adds nothing", async () => {
    await freezeTestClock(suite.tenant.admin, "2031-06-04T09:00:00Z");
    const { customerId, invoice, payment } = await paidByCard("50.00");
    const opened = suite.stripe.openDispute(
      payment.provider_payment_id,
      "duplicate",
      new Date("2031-06-05T10:00:00Z"),
    );
    const lost = suite.stripe.moveDispute(
      disputeIdOf(opened),
      "charge.dispute.closed",
      "lost",
      new Date("2031-06-20T10:00:00Z"),
    );
    await expectProcessedOnce(lost);
    expect(await suite.stripe.deliver(opened)).toMatchObject({ status: 200 });
    const read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read.amount_charged_back).toBe("50.00");
    expect(read.disputes).toEqual([
      expect.objectContaining({
        status: "lost",
        opened_at: "2031-06-05T10:00:00.000Z",
        closed_at: "2031-06-20T10:00:00.000Z",
        amount_lost: "50.00",
      }),
    ]);
    expect(
      (await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoice.id}`))).payment_dispute_lost_at,
    ).toBe("2031-06-20T10:00:00.000Z");
    expect(await eventsAbout("payment.dispute_lost", payment.id)).toHaveLength(1);
    const emails = await expectOk(
      suite.tenant.admin.get(`/v1/emails?template=dispute_received&customer_id=${customerId}`),
    );
    expect(emails.data).toHaveLength(1);
  });

  it("lost on a payment that overpaid its invoice: the overpayment still on the balance is taken back first, only the rest is a loss", async () => {
    await freezeTestClock(suite.tenant.admin, "2031-07-03T09:00:00Z");
    const { customer, invoice } = await customerInvoiced("overpayer", "Setup", "100.00");
    // 130.00 paid at Stripe for an invoice of 100.00: 30.00 goes to the customer balance.
    await expectProcessedOnce(suite.stripe.payOutsideFairbill(invoice.id, 13000, "usd"));
    const [payment] = (await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`)).body.data;
    expect(payment).toMatchObject({ amount_applied: "100.00", amount_to_balance: "30.00" });

    const opened = suite.stripe.openDispute(
      payment.provider_payment_id,
      "fraudulent",
      new Date("2031-07-04T09:00:00Z"),
    );
    await expectProcessedOnce(opened);
    await freezeTestClock(suite.tenant.admin, "2031-07-20T09:00:00Z");
    await expectProcessedOnce(
      suite.stripe.moveDispute(
        disputeIdOf(opened),
        "charge.dispute.closed",
        "lost",
        new Date("2031-07-20T08:00:00Z"),
      ),
    );
    const read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read.amount_charged_back).toBe("130.00");
    expect(read.disputes).toEqual([
      expect.objectContaining({ amount: "130.00", amount_from_balance: "30.00", amount_lost: "100.00" }),
    ]);
    const balance = await expectOk(suite.tenant.admin.get(`/v1/customers/${customer.id}/balance`));
    expect(balance.data).toEqual([{ currency: "USD", balance: "0.00" }]);
    expect(await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoice.id}`))).toMatchObject({
      status: "paid",
      amount_remaining: "0.00",
    });
    const july = await journalOf("2031-07");
    expect(postingsOf(july, "chargeback")).toEqual([
      ["customer_credit_balance", "30.00", ""],
      ["payment_losses", "100.00", ""],
      ["cash", "", "130.00"],
    ]);
    const reconciliation = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2031-07"));
    expect(reconciliation.receivables.differences).toEqual([]);
    // The customer's statement: 100.00 invoiced, 130.00 paid, 30.00 taken back from the balance: nothing owed.
    const link = await expectCreated(
      suite.tenant.admin.post(`/v1/customers/${customer.id}/portal-links`, {}),
    );
    const statement = await suite.testApp
      .rawClient(`Portal ${link.token}`)
      .get("/v1/portal/statement?from=2031-07-01T00:00:00Z&to=2031-07-31T00:00:00Z");
    expect(String(statement.body).split("\r\n").slice(-3)).toEqual([
      `2031-07-20,chargeback,${disputeIdOf(opened)},Chargeback of ${payment.id}: taken back from the balance,30.00,,0.00,USD`,
      "2031-07-31,,,Closing balance,130.00,130.00,0.00,USD",
      "",
    ]);
  });
});

describe("a refund made in Stripe's dashboard", () => {
  it("is recorded when the balance and the invoice cannot cover it: the invoice is owed again for what was given back beyond it", async () => {
    // 130.00 paid at Stripe on an invoice of 100.00 puts 30.00 on the balance; a subscription's first
    // invoice of 20.00 uses 20.00 of it. Then all 130.00 are refunded in Stripe's dashboard: the 10.00
    // still on the balance comes back from it, and the invoice is owed the other 120.00 (the 100.00 it
    // was paid, and the 20.00 of its overpayment that paid the subscription's invoice).
    await freezeTestClock(suite.tenant.admin, "2031-08-01T00:00:00Z");
    const { customer, invoice } = await customerInvoiced("dashboard-refund", "Consulting", "100.00");
    const paid = suite.stripe.payOutsideFairbill(invoice.id, 13000, "usd");
    await expectProcessedOnce(paid);
    const [payment] = (await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`)).body.data;
    expect(payment.amount_to_balance).toBe("30.00");
    await subscribeToMonthlyTwenty(customer.id, "2031-08-01T00:00:00Z");
    let balance = await expectOk(suite.tenant.admin.get(`/v1/customers/${customer.id}/balance`));
    expect(balance.data).toEqual([{ currency: "USD", balance: "10.00" }]);

    await expectProcessedOnce(suite.stripe.refundInDashboard(payment.provider_payment_id, 13000));
    const read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read.amount_refunded).toBe("130.00");
    expect(read.refunds).toEqual([
      expect.objectContaining({
        origin: "provider",
        status: "succeeded",
        amount: "130.00",
        amount_from_balance: "10.00",
        amount_from_invoice: "120.00",
        amount_lost: "0.00",
      }),
    ]);
    balance = await expectOk(suite.tenant.admin.get(`/v1/customers/${customer.id}/balance`));
    expect(balance.data).toEqual([{ currency: "USD", balance: "0.00" }]);
    expect(await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoice.id}`))).toMatchObject({
      status: "open",
      amount_paid: "-20.00",
      amount_remaining: "120.00",
    });
    const reconciliation = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2031-08"));
    expect(reconciliation.receivables.differences).toEqual([]);
    expect(
      reconciliation.receivables.customers.find(
        (row: { customer_id: string }) => row.customer_id === customer.id,
      ),
    ).toMatchObject({ refunds: "120.00", closing_receivable: "120.00", outstanding_now: "120.00" });
    const refunds = postingsOf(await journalOf("2031-08"), "refund");
    expect(refunds).toEqual(
      expect.arrayContaining([
        ["accounts_receivable", "120.00", ""],
        ["customer_credit_balance", "10.00", ""],
        ["cash", "", "130.00"],
      ]),
    );
  });

  it("is recorded when its invoice was voided and the balance was used: what nothing covers is a loss", async () => {
    // The invoice is voided, then paid 50.00 at Stripe: all of it goes to the balance, which a
    // subscription's invoice of 20.00 uses. A refund of the 50.00 in the dashboard takes the 30.00 left
    // on the balance; the 20.00 no invoice can be owed again is booked as a loss.
    await freezeTestClock(suite.tenant.admin, "2031-09-01T00:00:00Z");
    const { customer, invoice } = await customerInvoiced("voided-refund", "Consulting", "50.00");
    await expectOk(suite.tenant.admin.post(`/v1/invoices/${invoice.id}/void`, { reason: "sent twice" }));
    await expectProcessedOnce(suite.stripe.payOutsideFairbill(invoice.id, 5000, "usd"));
    const [payment] = (await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`)).body.data;
    expect(payment.amount_to_balance).toBe("50.00");
    await subscribeToMonthlyTwenty(customer.id, "2031-09-01T00:00:00Z");

    await expectProcessedOnce(suite.stripe.refundInDashboard(payment.provider_payment_id, 5000));
    const read = await expectOk(suite.tenant.admin.get(`/v1/payments/${payment.id}`));
    expect(read.refunds).toEqual([
      expect.objectContaining({
        amount: "50.00",
        amount_from_balance: "30.00",
        amount_from_invoice: "0.00",
        amount_lost: "20.00",
      }),
    ]);
    expect((await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoice.id}`))).status).toBe("void");
    const refunds = postingsOf(await journalOf("2031-09"), "refund");
    expect(refunds).toEqual(
      expect.arrayContaining([
        ["customer_credit_balance", "30.00", ""],
        ["payment_losses", "20.00", ""],
        ["cash", "", "50.00"],
      ]),
    );
  });
});
