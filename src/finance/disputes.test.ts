// Billing disputes: opened on an invoice or a line, tracked with notes,
// resolved with invoicing's credit note or rejected, with the times kept.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createOneOffInvoice } from "../../test/support/builders.ts";
import { expectCreated, expectOk, expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Disputes" });
let customerId: string;

async function invoice(finalize = true) {
  return createOneOffInvoice(
    suite.tenant.admin,
    customerId,
    [
      { description: "Implementation", quantity: "1", unit_amount: "300.00" },
      { description: "Training", quantity: "2", unit_amount: "50.00" },
    ],
    { finalize },
  );
}

/** Asks to resolve a dispute (`credit_note` or `rejected`), with a note when given; the answer unchecked. */
function resolveDispute(disputeId: string, resolution: string, note?: string) {
  return suite.tenant.admin.post(`/v1/disputes/${disputeId}/resolve`, { resolution, note });
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-05-04T09:00:00Z");
  customerId = (await createCustomer(suite.tenant.admin, { external_id: "hooli", currency: "USD" })).id;
});

describe("billing disputes", () => {
  it("opens on a line, keeps notes, and resolves with a credit note, recording the time it took", async () => {
    const billed = await invoice();
    const training = billed.lines[1]!;
    const opened = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${billed.id}/disputes`, {
        invoice_line_id: training.id,
        amount: "50.00",
        reason: "one of the two training sessions never took place",
      }),
    );
    expect(opened).toMatchObject({
      status: "open",
      amount: "50.00",
      currency: "USD",
      invoice_line_id: training.id,
      opened_at: "2026-05-04T09:00:00.000Z",
      resolved_at: null,
      hours_to_resolve: null,
    });
    await freezeTestClock(suite.tenant.admin, "2026-05-05T15:30:00Z");
    const noted = await expectOk(
      suite.tenant.admin.post(`/v1/disputes/${opened.id}/notes`, {
        body: "The trainer's calendar confirms it.",
      }),
    );
    expect(noted.notes.map((note: { body: string }) => note.body)).toEqual([
      "The trainer's calendar confirms it.",
    ]);

    await freezeTestClock(suite.tenant.admin, "2026-05-06T09:00:00Z");
    const resolved = await expectOk(resolveDispute(opened.id, "credit_note", "refunded one session"));
    // Opened May 4 09:00, resolved May 6 09:00.
    expect(resolved).toMatchObject({
      status: "credited",
      hours_to_resolve: "48.00",
      resolved_at: "2026-05-06T09:00:00.000Z",
    });
    const note = await expectOk(suite.tenant.admin.get(`/v1/credit-notes/${resolved.credit_note_id}`));
    expect(note).toMatchObject({ invoice_id: billed.id, reason: "billing_error", total: "50.00" });
    expect(note.lines).toMatchObject([{ invoice_line_id: training.id, amount: "50.00" }]);
    expect(note.memo).toContain(opened.id);

    const again = await resolveDispute(opened.id, "rejected", "no");
    expect(again.status).toBe(409);
    const late = await suite.tenant.admin.post(`/v1/disputes/${opened.id}/notes`, { body: "too late" });
    expect(late.status).toBe(409);
  });

  it("opens on a whole invoice and rejects it, saying why", async () => {
    const billed = await invoice();
    const opened = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${billed.id}/disputes`, { reason: "too expensive" }),
    );
    expect(opened.amount).toBe("400.00");
    const withoutWhy = await resolveDispute(opened.id, "rejected");
    expectRefusedAt(withoutWhy, "$.note");
    const rejected = await expectOk(resolveDispute(opened.id, "rejected", "prices as agreed"));
    expect(rejected).toMatchObject({
      status: "rejected",
      credit_note_id: null,
      resolution_note: "prices as agreed",
    });
    const listed = await expectOk(suite.tenant.admin.get(`/v1/disputes?invoice_id=${billed.id}`));
    expect(listed.data.map((dispute: { id: string }) => dispute.id)).toEqual([opened.id]);
  });

  it("credits part of a whole-invoice dispute across its lines", async () => {
    const billed = await invoice();
    const opened = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${billed.id}/disputes`, {
        amount: "100.00",
        reason: "a quarter too much",
      }),
    );
    const resolved = await expectOk(resolveDispute(opened.id, "credit_note"));
    const note = await expectOk(suite.tenant.admin.get(`/v1/credit-notes/${resolved.credit_note_id}`));
    // 100.00 over lines of 300.00 and 100.00: 75.00 and 25.00.
    expect(note.lines.map((line: { amount: string }) => line.amount)).toEqual(["75.00", "25.00"]);
  });

  it("credits a taxed line with its tax, and the month's journal books both", async () => {
    await expectCreated(
      suite.tenant.admin.post("/v1/tax-rates", { country: "DE", name: "VAT", percent: "19" }),
    );
    const german = await createCustomer(suite.tenant.admin, {
      external_id: "berlin",
      currency: "EUR",
      country: "DE",
    });
    const billed = await createOneOffInvoice(
      suite.tenant.admin,
      german.id,
      [{ description: "Consulting", quantity: "1", unit_amount: "200.00" }],
      { currency: "EUR" },
    );
    expect([billed.tax, billed.total]).toEqual(["38.00", "238.00"]);
    const opened = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${billed.id}/disputes`, {
        invoice_line_id: billed.lines[0]!.id,
        amount: "50.00",
        reason: "a quarter of the hours were not worked",
      }),
    );
    const resolved = await expectOk(resolveDispute(opened.id, "credit_note"));
    const note = await expectOk(suite.tenant.admin.get(`/v1/credit-notes/${resolved.credit_note_id}`));
    expect([note.subtotal, note.tax, note.total]).toEqual(["50.00", "9.50", "59.50"]);
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-05"));
    const euro = journal.lines.filter((line: { currency: string }) => line.currency === "EUR");
    const of = (documentId: string) =>
      euro
        .filter((line: { document_id: string }) => line.document_id === documentId)
        .map((line: Record<string, string>) => [line.account_role, line.debit, line.credit]);
    // The invoice: 238.00 receivable, 38.00 VAT, 200.00 revenue; the credit note takes 50.00, 9.50 and 59.50 back.
    expect(of(billed.id)).toEqual([
      ["accounts_receivable", "238.00", ""],
      ["tax_payable", "", "38.00"],
      ["revenue", "", "200.00"],
    ]);
    expect(of(note.id)).toEqual([
      ["tax_payable", "9.50", ""],
      ["revenue", "50.00", ""],
      ["accounts_receivable", "", "59.50"],
    ]);
    expect(journal.totals.find((total: { currency: string }) => total.currency === "EUR")).toEqual({
      currency: "EUR",
      debit: "297.50",
      credit: "297.50",
    });
  });

  it("refuses a draft invoice, a line of another invoice and more than the line", async () => {
    const draft = await invoice(false);
    const onDraft = await suite.tenant.admin.post(`/v1/invoices/${draft.id}/disputes`, {
      reason: "not even sent",
    });
    expectProblem(onDraft, 409, "invoice_not_disputable");
    const billed = await invoice();
    const foreignLine = await suite.tenant.admin.post(`/v1/invoices/${billed.id}/disputes`, {
      invoice_line_id: draft.lines[0]!.id,
      reason: "wrong line",
    });
    expectRefusedAt(foreignLine, "$.invoice_line_id");
    const tooMuch = await suite.tenant.admin.post(`/v1/invoices/${billed.id}/disputes`, {
      invoice_line_id: billed.lines[1]!.id,
      amount: "100.01",
      reason: "more than billed",
    });
    expectRefusedAt(tooMuch, "$.amount");
  });
  it("balances the journal export of every month of the test: debits equal credits", async () => {
    for (const period of ["2026-05"]) {
      const exported = await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period }));
      expect(exported.totals.length, period).toBeGreaterThan(0);
      for (const total of exported.totals) expect(total.debit, period).toBe(total.credit);
    }
  });
});
