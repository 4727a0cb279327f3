// VAT on purchased credits (issue #24 item 4). In the EU a single-purpose
// voucher is taxed when it is sold (VAT Directive art. 30b), so selling
// credits goes through an invoice taxed by the customer's tax rules: a German
// consumer buying 300.00 EUR of credits pays 357.00, 57.00 of it VAT in tax
// payable, and gets 300.00 of credits. Credits recorded as purchased without
// an invoice (paid outside Fairbill) carry no VAT in Fairbill: the answer
// says the seller must account for it.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, sellAsGermanCompanyWithVat } from "../../test/support/builders.ts";
import { grantCredits, openWallet, topUpWallet } from "../../test/support/credit-grants.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Credit VAT" });
let customerId: string;

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-05T10:00:00Z");
  await sellAsGermanCompanyWithVat(suite.tenant.admin);
  customerId = (
    await createCustomer(suite.tenant.admin, {
      external_id: "werkstatt",
      currency: "EUR",
      timezone: "Europe/Berlin",
      country: "DE",
    })
  ).id;
});

describe("selling credits", () => {
  it("invoices a German consumer's 300.00 EUR of credits with 19 % VAT: 357.00, and grants 300.00", async () => {
    const wallet = await openWallet(suite.tenant.admin, customerId, { currency: "EUR" });
    const topUp = await topUpWallet(suite.tenant.admin, wallet.id, {
      amount: "300",
      paid_amount: "300.00",
      reason: "prepaid pack",
    });
    expect(topUp.grant).toMatchObject({ type: "purchased", amount: "300.00", remaining: "300.00" });
    const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${topUp.purchase?.invoice_id}`));
    // 300.00 × 19 % = 57.00.
    expect(invoice).toMatchObject({
      subtotal: "300.00",
      tax: "57.00",
      total: "357.00",
      amount_due: "357.00",
    });
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
    const sums = (account: string) =>
      journal.lines
        .filter((line: { account_role: string }) => line.account_role === account)
        .map((line: { debit: string; credit: string }) => [line.debit, line.credit]);
    expect(sums("tax_payable")).toEqual([["", "57.00"]]);
    expect(sums("accounts_receivable")).toEqual([["357.00", ""]]);
    // The credits are deferred at what was paid for them, net of VAT.
    expect(sums("deferred_revenue")).toEqual([["", "300.00"]]);

    // A credit note for a third of the credits refunds 100.00 and its 19.00 of VAT, and takes back 100 credits.
    const note = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
        reason: "order_change",
        lines: [{ invoice_line_id: invoice.lines[0].id, amount: "100.00" }],
      }),
    );
    expect(note).toMatchObject({ subtotal: "100.00", tax: "19.00", total: "119.00" });
    const after = await expectOk(suite.tenant.admin.get(`/v1/wallets/${wallet.id}`));
    expect(after).toMatchObject({ balance: "200.00" });
    const withNote = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
    const noteLines = withNote.lines
      .filter((line: { document_id: string }) => line.document_id === note.id)
      .map((line: { account_role: string; debit: string; credit: string }) => [
        line.account_role,
        line.debit,
        line.credit,
      ]);
    expect(noteLines).toEqual(
      expect.arrayContaining([
        ["tax_payable", "19.00", ""],
        ["deferred_revenue", "100.00", ""],
      ]),
    );
  });

  it("says the seller must account for VAT on credits recorded as purchased without an invoice", async () => {
    const grant = await grantCredits(suite.tenant.admin, customerId, {
      name: "Prepaid pack paid by bank transfer",
      amount: "300.00",
      currency: "EUR",
      type: "purchased",
      cost_basis: "300.00",
    });
    expect(grant.warnings).toEqual([
      expect.objectContaining({
        code: "vat_not_invoiced",
        message: expect.stringContaining("no VAT"),
      }),
    ]);
    const promotional = await grantCredits(suite.tenant.admin, customerId, {
      name: "Welcome credit",
      amount: "10.00",
      currency: "EUR",
    });
    expect(promotional.warnings).toEqual([]);
  });
});
