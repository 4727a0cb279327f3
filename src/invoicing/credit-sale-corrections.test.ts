// Correcting the invoice that sold prepaid credits corrects the sale.
// - A void takes back the credits it sold: the customer no longer owes for
//   them, so they leave the wallet (a `void` entry naming the invoice), and
//   the books reverse the sale without any breakage. Credits already used
//   cannot be taken back: that void is refused, naming what was used, until
//   the invoices that used them are voided (which gives them back).
// - A credit note refunds part of what is left of the sale: it takes back the
//   same share of the credits left (a `void` entry naming the credit note and
//   what it refunded), and is refused beyond what is left. The books take each
//   refund off deferred revenue and release the credits used at the price left.
// Figures: 100 credits bought for 80.00; a plan of 30.00 a month in advance,
// whose first (prorated) invoice uses some of them.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { openWallet, topUpWallet } from "../../test/support/credit-grants.ts";
import { expectCreated, expectOk, expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Voided credit purchases" });

type LedgerEntry = { kind: string; amount: string; invoice_id: string | null; credit_note_id: string | null };
type JournalLine = { account: string; debit: string; credit: string; document_id: string; memo: string };

async function buyCredits(
  customerId: string,
): Promise<{ walletId: string; grantId: string; invoiceId: string }> {
  const wallet = await openWallet(suite.tenant.admin, customerId);
  const topUp = await topUpWallet(suite.tenant.admin, wallet.id, {
    amount: "100",
    paid_amount: "80.00",
    reason: "bought 100 credits for 80.00",
  });
  return { walletId: wallet.id, grantId: topUp.grant.id, invoiceId: topUp.purchase?.invoice_id ?? "" };
}

function voidInvoice(invoiceId: string) {
  return suite.tenant.admin.post(`/v1/invoices/${invoiceId}/void`, { reason: "never paid" });
}

async function ledgerOf(customerId: string, walletId: string): Promise<[string, string, string | null][]> {
  const page = await expectOk(
    suite.tenant.admin.get(`/v1/customers/${customerId}/credit-ledger?wallet_id=${walletId}&limit=100`),
  );
  return (page.data as LedgerEntry[])
    .map((entry): [string, string, string | null] => [
      entry.kind,
      entry.amount,
      entry.invoice_id ?? entry.credit_note_id,
    ])
    .reverse();
}

let planId: string;

beforeAll(async () => {
  // Plans are published in real time: the test clock runs in a year to come.
  await freezeTestClock(suite.tenant.admin, "2030-02-05T00:00:00Z");
  const plan = await createPlan(suite.tenant.admin, {
    code: "platform",
    name: "Platform",
    version: {
      currency: "USD",
      interval: "month",
      charges: [{ id: "platform", type: "fixed", amount: "30.00", timing: "in_advance" }],
    },
  });
  planId = plan.id;
});

/** Subscribes the customer from `startAt`; its first invoice (issued at the start) uses the customer's credits. */
async function useCreditsFrom(customerId: string, startAt: string, issuedBy: string): Promise<string> {
  await subscribe(suite.tenant.admin, {
    customer_id: customerId,
    plan_id: planId,
    start_at: startAt,
    billing: "calendar",
  });
  await advanceTestClock(suite.tenant.admin, issuedBy);
  const invoices = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}`));
  const subscriptionInvoice = (invoices.data as { id: string; origin: string }[]).find(
    (invoice) => invoice.origin !== "one_off",
  );
  return subscriptionInvoice?.id ?? "";
}

describe("voiding the invoice that sold prepaid credits", () => {
  let customerId: string;
  let purchase: Awaited<ReturnType<typeof buyCredits>>;

  beforeAll(async () => {
    customerId = (await createCustomer(suite.tenant.admin, { currency: "USD" })).id;
    purchase = await buyCredits(customerId);
    await advanceTestClock(suite.tenant.admin, "2030-02-10T00:00:00Z");
  });

  it("takes the unused credits back out of the wallet, with a void entry naming the invoice", async () => {
    const voided = await expectOk(voidInvoice(purchase.invoiceId));
    expect(voided.status).toBe("void");
    const wallet = await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`));
    expect(wallet).toMatchObject({ balance: "0.00", credits: "0" });
    const grant = await expectOk(suite.tenant.admin.get(`/v1/credit-grants/${purchase.grantId}`));
    expect(grant).toMatchObject({ remaining: "0.00", status: "voided" });
    expect(grant.voided_at).not.toBeNull();
    expect(await ledgerOf(customerId, purchase.walletId)).toEqual([
      ["increment", "100.00", null],
      ["void", "-100.00", purchase.invoiceId],
    ]);
  });

  it("books the void as the sale reversed: deferred revenue back to nothing, no breakage", async () => {
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2030-02"));
    expect(journal.balanced).toBe(true);
    const lines = journal.lines as JournalLine[];
    expect(lines.filter((line) => line.document_id === purchase.grantId)).toEqual([]);
    const deferred = lines.filter((line) => line.account === "2400").map((line) => [line.debit, line.credit]);
    expect(deferred).toEqual([
      ["", "80.00"],
      ["80.00", ""],
    ]);
    const schedules = await expectOk(
      suite.tenant.admin.get(`/v1/revenue-schedules?invoice_id=${purchase.invoiceId}`),
    );
    const [credits] = schedules.data;
    expect(credits.entries.filter((entry: { type: string }) => entry.type === "breakage")).toEqual([]);
  });
});

describe("voiding the invoice that sold credits already used", () => {
  let customerId: string;
  let purchase: Awaited<ReturnType<typeof buyCredits>>;
  let usedBy: string;

  beforeAll(async () => {
    await advanceTestClock(suite.tenant.admin, "2030-03-01T00:00:00Z");
    customerId = (await createCustomer(suite.tenant.admin, { currency: "USD" })).id;
    purchase = await buyCredits(customerId);
    usedBy = await useCreditsFrom(customerId, "2030-03-02T00:00:00Z", "2030-03-03T00:00:00Z");
  });

  it("refuses, naming the credits used, and leaves the invoice and the wallet as they were", async () => {
    const wallet = await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`));
    expect(Number(wallet.balance)).toBeLessThan(100);
    const refused = await voidInvoice(purchase.invoiceId);
    expectProblem(refused, 409, "invoice_credits_used");
    expect(refused.body.detail).toContain(`${purchase.grantId}`);
    const used = (100 - Number(wallet.balance)).toFixed(2);
    expect(refused.body.detail).toContain(`${used} of its 100.00 have been used`);
    const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${purchase.invoiceId}`));
    expect(invoice.status).toBe("open");
    expect(await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`))).toEqual(wallet);
  });

  it("voids once the invoices that used them are voided and have given them back", async () => {
    await expectOk(voidInvoice(usedBy));
    await expectOk(voidInvoice(purchase.invoiceId));
    const wallet = await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`));
    expect(wallet).toMatchObject({ balance: "0.00" });
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2030-03"));
    expect(journal.balanced).toBe(true);
    expect((journal.lines as JournalLine[]).filter((line) => line.document_id === purchase.grantId)).toEqual(
      [],
    );
  });
});

describe("crediting the invoice that sold prepaid credits", () => {
  let customerId: string;
  let purchase: Awaited<ReturnType<typeof buyCredits>>;
  let lineId: string;
  let usedBy: string;
  const refunds: string[] = [];

  const creditNote = (amount: string) =>
    suite.tenant.admin.post(`/v1/invoices/${purchase.invoiceId}/credit-notes`, {
      reason: "order_change",
      lines: [{ invoice_line_id: lineId, amount }],
    });

  beforeAll(async () => {
    await advanceTestClock(suite.tenant.admin, "2030-04-01T00:00:00Z");
    customerId = (await createCustomer(suite.tenant.admin, { currency: "USD" })).id;
    purchase = await buyCredits(customerId);
    const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${purchase.invoiceId}`));
    lineId = invoice.lines[0].id;
  });

  it("takes back the credits left in the share it refunds of the sale", async () => {
    // 40.00 of the 80.00 paid for 100 credits: 50 credits.
    const note = await expectCreated(creditNote("40.00"));
    refunds.push(note.id);
    const wallet = await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`));
    expect(wallet).toMatchObject({ balance: "50.00", credits: "50" });
    expect(await ledgerOf(customerId, purchase.walletId)).toEqual([
      ["increment", "100.00", null],
      ["void", "-50.00", note.id],
    ]);
  });

  it("refuses beyond what is left of them, naming what can still be credited", async () => {
    // The first invoice (2 April to 1 May, 29 of 30 days of 30.00) uses 29.00 of the 50 credits left.
    usedBy = await useCreditsFrom(customerId, "2030-04-02T00:00:00Z", "2030-04-03T00:00:00Z");
    const wallet = await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`));
    expect(wallet.balance).toBe("21.00");
    const refused = await creditNote("40.00");
    expectProblem(refused, 409, "invoice_credits_used");
    // 21 credits left are worth 21.00 × 80 / 100 = 16.80 of the price.
    expect(refused.body.detail).toContain("at most 16.80");
    expect(await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`))).toEqual(wallet);
    refunds.push((await expectCreated(creditNote("16.80"))).id);
    expect(await expectOk(suite.tenant.admin.get(`/v1/wallets/${purchase.walletId}`))).toMatchObject({
      balance: "0.00",
    });
  });

  it("books each refund off deferred revenue and the use at the price left, to the cent, with no breakage", async () => {
    const schedules = await expectOk(
      suite.tenant.admin.get(`/v1/revenue-schedules?invoice_id=${purchase.invoiceId}`),
    );
    const [credits] = schedules.data;
    // 80.00 deferred; 40.00 refunded; 29 credits used at 40.00 / 50 = 0.80 each: 23.20; 16.80 refunded.
    expect(
      credits.entries.map((entry: { type: string; amount: string }) => [entry.type, entry.amount]),
    ).toEqual([
      ["reversal", "-40.00"],
      ["credits_applied", "23.20"],
      ["reversal", "-16.80"],
    ]);
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2030-04"));
    expect(journal.balanced).toBe(true);
    const lines = journal.lines as JournalLine[];
    expect(lines.filter((line) => line.document_id === purchase.grantId)).toEqual([]);
    // The grant's deferred revenue: the sale, the two credit notes, and the use (its memo names the grant).
    const ofThisSale = (line: JournalLine) =>
      line.document_id === purchase.invoiceId ||
      refunds.includes(line.document_id) ||
      line.memo.includes(purchase.grantId);
    const deferred = lines
      .filter((line) => line.account === "2400" && ofThisSale(line))
      .map((line) => [line.document_id, line.debit, line.credit]);
    expect(deferred).toHaveLength(4);
    expect(deferred).toEqual(
      expect.arrayContaining([
        [purchase.invoiceId, "", "80.00"],
        [refunds[0], "40.00", ""],
        [usedBy, "23.20", ""],
        [refunds[1], "16.80", ""],
      ]),
    );
  });
});

describe("correcting the invoice of credits voided by hand", () => {
  it("refuses a credit note: nothing is left of the sale to refund", async () => {
    const customerId = (await createCustomer(suite.tenant.admin, { currency: "USD" })).id;
    const purchase = await buyCredits(customerId);
    await expectOk(
      suite.tenant.admin.post(`/v1/credit-grants/${purchase.grantId}/void`, { reason: "granted by mistake" }),
    );
    const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${purchase.invoiceId}`));
    const refused = await suite.tenant.admin.post(`/v1/invoices/${purchase.invoiceId}/credit-notes`, {
      reason: "order_change",
      lines: [{ invoice_line_id: invoice.lines[0].id, amount: "1.00" }],
    });
    expectProblem(refused, 409, "invoice_credits_used");
    expect(refused.body.detail).toContain("at most 0.00");
  });

  it("refuses a void of that invoice while credits it sold are used", async () => {
    const customerId = (await createCustomer(suite.tenant.admin, { currency: "USD" })).id;
    const purchase = await buyCredits(customerId);
    await useCreditsFrom(customerId, "2030-04-04T00:00:00Z", "2030-04-05T00:00:00Z");
    await expectOk(
      suite.tenant.admin.post(`/v1/credit-grants/${purchase.grantId}/void`, { reason: "granted by mistake" }),
    );
    expectProblem(await voidInvoice(purchase.invoiceId), 409, "invoice_credits_used");
  });
});
