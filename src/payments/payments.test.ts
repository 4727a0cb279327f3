// Payments recorded by hand (the manual provider): partial payments, an
// overpayment credited to the customer balance, refunds that take back the
// balance first and then reopen the invoice, marking an invoice
// uncollectible, and the bad input each route refuses with the field's path.
import { describe, expect, it } from "vitest";
import { createCustomer, createOneOffInvoice, createPlan, subscribe } from "../../test/support/builders.ts";
import { baseFee } from "../../test/support/pricing-fixtures.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Manual payments" });

let sequence = 0;
async function openInvoice(amount: string, options: { finalize?: boolean } = {}) {
  sequence += 1;
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: `manual-payer-${sequence}`,
    name: "Grace Hopper",
    email: `grace${sequence}@example.com`,
    currency: "USD",
  });
  const invoice = await createOneOffInvoice(
    suite.tenant.admin,
    customer.id,
    [{ description: "Consulting", quantity: "1", unit_amount: amount }],
    { finalize: options.finalize ?? true },
  );
  return { customerId: customer.id, invoice };
}

async function balanceOf(customerId: string): Promise<string | undefined> {
  const response = await suite.tenant.admin.get(`/v1/customers/${customerId}/balance`);
  return response.body.data.find((entry: { currency: string }) => entry.currency === "USD")?.balance;
}

describe("manual payments", () => {
  it("records a partial payment, then an overpayment whose excess goes to the customer balance", async () => {
    const { customerId, invoice } = await openInvoice("100.00");
    expect(invoice.status).toBe("open");

    const partial = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "40.00",
      method: "bank_transfer",
      reference: "SEPA-2026-001",
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({
      id: expect.stringMatching(/^pay_/),
      invoice_id: invoice.id,
      customer_id: customerId,
      provider: "manual",
      method: "bank_transfer",
      origin: "manual",
      status: "succeeded",
      amount: "40.00",
      amount_applied: "40.00",
      amount_to_balance: "0.00",
      reference: "SEPA-2026-001",
      refunds: [],
      disputes: [],
    });
    let current = await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`);
    expect(current.body).toMatchObject({
      status: "partially_paid",
      amount_paid: "40.00",
      amount_remaining: "60.00",
    });

    const over = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "80.00",
      method: "cheque",
    });
    expect(over.body).toMatchObject({ amount: "80.00", amount_applied: "60.00", amount_to_balance: "20.00" });
    current = await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`);
    expect(current.body).toMatchObject({ status: "paid", amount_paid: "100.00", amount_remaining: "0.00" });
    expect(await balanceOf(customerId)).toBe("20.00");

    const listed = await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`);
    expect(listed.body.data.map((payment: { id: string }) => payment.id)).toEqual([
      over.body.id,
      partial.body.id,
    ]);
    const byCustomer = await suite.tenant.admin.get(`/v1/payments?customer_id=${customerId}&limit=1`);
    expect(byCustomer.body.data).toHaveLength(1);
    expect(byCustomer.body.next_cursor).toEqual(expect.any(String));

    // Every change of the invoice's payment state is in the audit log.
    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${invoice.id}`);
    const actions = audit.body.data.map((entry: { action: string }) => entry.action);
    expect(actions.filter((action: string) => action === "invoice.payment_applied")).toHaveLength(2);

    // invoice.paid once, payment.succeeded per payment; a receipt per payment.
    const paid = await suite.tenant.admin.get("/v1/webhook-events?type=invoice.paid");
    const paidEvents = paid.body.data.filter(
      (event: { data: { id: string } }) => event.data.id === invoice.id,
    );
    expect(paidEvents).toHaveLength(1);
    // The invoice as the API shows it, lines and all: the same presenter.
    expect(paidEvents[0].data).toEqual(current.body);
    const succeeded = await suite.tenant.admin.get("/v1/webhook-events?type=payment.succeeded");
    const { refunds: _refunds, disputes: _disputes, ...overPayment } = over.body;
    expect(succeeded.body.data.map((event: { data: unknown }) => event.data)).toContainEqual(overPayment);
    const receipts = await suite.tenant.admin.get(
      `/v1/emails?template=payment_receipt&customer_id=${customerId}`,
    );
    expect(receipts.body.data).toHaveLength(2);
    expect(receipts.body.data[0].subject).toBe(`Receipt: 80.00 USD for invoice ${invoice.number}`);
  });

  it("refunds in part and in full: the overpayment on the balance first, then what paid the invoice", async () => {
    const { customerId, invoice } = await openInvoice("100.00");
    const payment = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "130.00",
      method: "bank_transfer",
    });
    expect(await balanceOf(customerId)).toBe("30.00");

    const partial = await suite.tenant.admin.post(`/v1/payments/${payment.body.id}/refunds`, {
      amount: "50.00",
      reason: "paid twice by mistake",
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({
      id: expect.stringMatching(/^rfn_/),
      status: "succeeded",
      origin: "fairbill",
      amount: "50.00",
      amount_from_balance: "30.00",
      amount_from_invoice: "20.00",
    });
    expect(await balanceOf(customerId)).toBe("0.00");
    let current = await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`);
    expect(current.body).toMatchObject({ status: "partially_paid", amount_remaining: "20.00" });

    const tooMuch = await suite.tenant.admin.post(`/v1/payments/${payment.body.id}/refunds`, {
      amount: "80.01",
      reason: "everything",
    });
    expectProblem(tooMuch, 409, "refund_exceeds_payment");
    expect(tooMuch.body.errors).toMatchObject([{ path: "$.amount", message: "must be at most 80.00" }]);

    const rest = await suite.tenant.admin.post(`/v1/payments/${payment.body.id}/refunds`, {
      reason: "contract ended",
    });
    expect(rest.body).toMatchObject({
      amount: "80.00",
      amount_from_invoice: "80.00",
      amount_from_balance: "0.00",
    });
    current = await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`);
    expect(current.body).toMatchObject({ status: "open", amount_paid: "0.00", amount_remaining: "100.00" });
    const read = await suite.tenant.admin.get(`/v1/payments/${payment.body.id}`);
    expect(read.body.amount_refunded).toBe("130.00");
    expect(read.body.refunds.map((refund: { amount: string }) => refund.amount)).toEqual(["50.00", "80.00"]);

    const confirmations = await suite.tenant.admin.get(
      `/v1/emails?template=refund_confirmation&customer_id=${customerId}`,
    );
    expect(confirmations.body.data).toHaveLength(2);
    const refunded = await suite.tenant.admin.get("/v1/webhook-events?type=payment.refunded");
    const refundEvents = refunded.body.data.filter(
      (event: { data: { id: string } }) => event.data.id === payment.body.id,
    );
    expect(refundEvents).toHaveLength(2);
    // Newest first: the payment after the second refund, and that refund, as the API shows them.
    const { refunds, disputes: _disputes, ...refundedPayment } = read.body;
    expect(refundEvents[0].data).toEqual({ ...refundedPayment, refund: refunds[1] });
  });

  it("refunds a payment the invoice's credit notes put on the customer balance from that balance, and leaves the invoice settled", async () => {
    // 100.00 paid in full, then credited in full: the credit note has nothing left to take off the
    // invoice, so its 100.00 goes to the customer balance. Refunding the payment gives that money
    // back in cash: it comes off the balance, and the invoice, credited in full, owes nothing.
    const { customerId, invoice } = await openInvoice("100.00");
    const payment = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "100.00",
      method: "bank_transfer",
    });
    const creditNote = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "order_change",
      full: true,
    });
    expect(creditNote.body).toMatchObject({ applied_to_invoice: "0.00", credited_to_balance: "100.00" });
    expect(await balanceOf(customerId)).toBe("100.00");

    const refund = await suite.tenant.admin.post(`/v1/payments/${payment.body.id}/refunds`, {
      reason: "order cancelled",
    });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({
      amount: "100.00",
      amount_from_balance: "100.00",
      amount_from_invoice: "0.00",
    });
    expect(await balanceOf(customerId)).toBe("0.00");
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      status: "paid",
      amount_paid: "100.00",
      amount_credited: "0.00",
      amount_remaining: "0.00",
    });

    // 60.00 paid of 100.00, then credited in full: 40.00 off the invoice, 60.00 to the balance.
    // Refunding the 60.00 takes it from the balance; the invoice stays settled.
    const second = await openInvoice("100.00");
    const partPayment = await suite.tenant.admin.post(`/v1/invoices/${second.invoice.id}/payments`, {
      amount: "60.00",
      method: "cheque",
    });
    const fullNote = await suite.tenant.admin.post(`/v1/invoices/${second.invoice.id}/credit-notes`, {
      reason: "order_change",
      full: true,
    });
    expect(fullNote.body).toMatchObject({ applied_to_invoice: "40.00", credited_to_balance: "60.00" });
    const partRefund = await suite.tenant.admin.post(`/v1/payments/${partPayment.body.id}/refunds`, {
      reason: "order cancelled",
    });
    expect(partRefund.body).toMatchObject({ amount_from_balance: "60.00", amount_from_invoice: "0.00" });
    expect(await balanceOf(second.customerId)).toBe("0.00");
    expect((await suite.tenant.admin.get(`/v1/invoices/${second.invoice.id}`)).body).toMatchObject({
      status: "paid",
      amount_paid: "60.00",
      amount_credited: "40.00",
      amount_remaining: "0.00",
    });

    // 100.00 paid, 30.00 of it credited (to the balance): a refund of 50.00 takes the 30.00 from the
    // balance and 20.00 off the invoice, which now owes 20.00 of the 70.00 it is worth after the note.
    const third = await openInvoice("100.00");
    const fullPayment = await suite.tenant.admin.post(`/v1/invoices/${third.invoice.id}/payments`, {
      amount: "100.00",
      method: "cash",
    });
    const partNote = await suite.tenant.admin.post(`/v1/invoices/${third.invoice.id}/credit-notes`, {
      reason: "order_change",
      lines: [{ invoice_line_id: third.invoice.lines[0]?.id, amount: "30.00" }],
    });
    expect(partNote.body).toMatchObject({ applied_to_invoice: "0.00", credited_to_balance: "30.00" });
    const mixed = await suite.tenant.admin.post(`/v1/payments/${fullPayment.body.id}/refunds`, {
      amount: "50.00",
      reason: "goodwill",
    });
    expect(mixed.body).toMatchObject({ amount_from_balance: "30.00", amount_from_invoice: "20.00" });
    expect(await balanceOf(third.customerId)).toBe("0.00");
    expect((await suite.tenant.admin.get(`/v1/invoices/${third.invoice.id}`)).body).toMatchObject({
      status: "partially_paid",
      amount_paid: "80.00",
      amount_remaining: "20.00",
    });
  });

  it("refuses a refund the balance and the invoice can no longer give back, before anything is refunded", async () => {
    // 130.00 paid on an invoice of 100.00 puts 30.00 on the balance; a subscription's first invoice
    // of 20.00 uses 20.00 of it. Of the payment, 10.00 of balance and the 100.00 that paid the
    // invoice can still be given back: a refund of all 130.00 is refused, and nothing is left pending.
    const tenant = await suite.testApp.newTenant("Refund beyond the balance");
    const admin = tenant.admin;
    await freezeTestClock(admin, "2030-02-01T00:00:00Z");
    const customer = await createCustomer(admin, { currency: "USD", timezone: "UTC" });
    const invoice = await createOneOffInvoice(admin, customer.id, [
      { description: "Consulting", quantity: "1", unit_amount: "100.00" },
    ]);
    const payment = await admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "130.00",
      method: "bank_transfer",
    });
    expect(payment.body.amount_to_balance).toBe("30.00");
    const plan = await createPlan(admin, {
      code: "monthly-20",
      version: { charges: [{ ...baseFee("20.00"), timing: "in_advance" }] },
    });
    await subscribe(admin, {
      customer_id: customer.id,
      plan_id: plan.id,
      start_at: "2030-02-01T00:00:00Z",
      billing: "calendar",
    });
    await advanceTestClock(admin, "2030-02-01T00:00:01Z");
    const balance = await admin.get(`/v1/customers/${customer.id}/balance`);
    expect(balance.body.data).toEqual([{ currency: "USD", balance: "10.00" }]);

    const everything = await admin.post(`/v1/payments/${payment.body.id}/refunds`, { reason: "all of it" });
    expectProblem(everything, 409, "refund_exceeds_payments");
    expect(everything.body.errors).toEqual([{ path: "$.amount", message: "must be at most 110.00" }]);
    let read = await admin.get(`/v1/payments/${payment.body.id}`);
    expect(read.body).toMatchObject({ amount_refunded: "0.00", refunds: [] });

    const possible = await admin.post(`/v1/payments/${payment.body.id}/refunds`, {
      amount: "110.00",
      reason: "what can be given back",
    });
    expect(possible.status).toBe(201);
    expect(possible.body).toMatchObject({
      status: "succeeded",
      amount_from_balance: "10.00",
      amount_from_invoice: "100.00",
    });
    read = await admin.get(`/v1/payments/${payment.body.id}`);
    expect(read.body.amount_refunded).toBe("110.00");
    expect((await admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      status: "open",
      amount_paid: "0.00",
      amount_remaining: "100.00",
    });
  });

  it("marks an open invoice uncollectible, audited with the reason given", async () => {
    const { invoice } = await openInvoice("75.00");
    const marked = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/mark-uncollectible`, {
      reason: "customer went bankrupt",
    });
    expect(marked.status).toBe(200);
    expect(marked.body.status).toBe("uncollectible");
    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${invoice.id}`);
    expect(audit.body.data[0]).toMatchObject({
      action: "invoice.marked_uncollectible",
      reason: "customer went bankrupt",
    });
    const again = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/mark-uncollectible`, {});
    expect(again.status).toBe(409);
    // Money can still arrive for an uncollectible invoice; paid in full, it is paid.
    const late = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "75.00",
      method: "cash",
    });
    expect(late.status).toBe(201);
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body.status).toBe("paid");
  });

  it("refuses bad input with the path of each bad field", async () => {
    const { invoice } = await openInvoice("10.00");
    const zero = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "0",
      method: "cash",
    });
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([{ path: "$.amount", message: "must be more than 0" }]);

    const tooPrecise = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: "1.001",
      method: "cash",
      received_at: "2099-01-01T00:00:00Z",
    });
    expect(tooPrecise.status).toBe(400);
    expect(tooPrecise.body.errors.map((error: { path: string }) => error.path)).toEqual([
      "$.amount",
      "$.received_at",
    ]);

    const wrongTypes = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: 10,
      method: "bitcoin",
      extra: true,
    });
    expect(wrongTypes.status).toBe(400);
    const paths = wrongTypes.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["$.amount", "$.method"]));

    const unknown = await suite.tenant.admin.post("/v1/invoices/inv_missing/payments", {
      amount: "1.00",
      method: "cash",
    });
    expect(unknown.status).toBe(404);

    const { invoice: draft } = await openInvoice("10.00", { finalize: false });
    const toDraft = await suite.tenant.admin.post(`/v1/invoices/${draft.id}/payments`, {
      amount: "1.00",
      method: "cash",
    });
    expectProblem(toDraft, 409, "invoice_not_payable");

    const noReason = await suite.tenant.admin.post("/v1/payments/pay_missing/refunds", {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: "$.reason" })]);

    // Collecting by hand-only environments charges nothing, and says why.
    const collect = await suite.tenant.admin.post(`/v1/invoices/${invoice.id}/collect`, {});
    expect(collect.status).toBe(409);
    expect(collect.body.detail).toContain("records payments by hand");
  });

  it("lets finance record payments and refunds, but not a viewer", async () => {
    const { invoice } = await openInvoice("10.00");
    const viewer = await suite.tenant.client("viewer");
    expect(
      (await viewer.post(`/v1/invoices/${invoice.id}/payments`, { amount: "1.00", method: "cash" })).status,
    ).toBe(403);
    const finance = await suite.tenant.client("finance");
    expect(
      (await finance.post(`/v1/invoices/${invoice.id}/payments`, { amount: "1.00", method: "cash" })).status,
    ).toBe(201);
    expect((await viewer.get(`/v1/payments?invoice_id=${invoice.id}`)).body.data).toHaveLength(1);
  });
});
