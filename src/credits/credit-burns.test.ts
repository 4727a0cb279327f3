import { describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { createCustomer } from "../../test/support/builders.ts";
import { grantCredits, openWallet, topUpWallet } from "../../test/support/credit-grants.ts";
import { fixedInvoiceLine } from "../../test/support/invoice-lines.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import type { InvoiceLine } from "../core/index.ts";
import { currencyFor, Decimal, settleInvoice, sumDecimals } from "../core/index.ts";
import { burnCredits, creditGrantsFor, restoreCredits } from "./credits.ts";

const clock = new TestClock("2026-05-01T00:00:00Z");

const suite = testAppForFile({ clock });

const newCustomer = async () => (await createCustomer(suite.tenant.admin)).id;

async function grant(customerId: string, fields: Parameters<typeof grantCredits>[2]): Promise<string> {
  // A millisecond apart, grants' ids order as they were made (the engine's last tie-break).
  clock.current = new Date(clock.current.getTime() + 1);
  return (await grantCredits(suite.tenant.admin, customerId, fields)).id;
}

async function burn(customerId: string, invoiceId: string, applied: { grantId: string; amount: string }[]) {
  const context = suite.tenant.context();
  await context.database.transaction().execute((transaction) =>
    burnCredits(transaction, context, {
      customerId,
      invoiceId,
      currency: "USD",
      applied: applied.map((entry) => ({ grantId: entry.grantId, amount: new Decimal(entry.amount) })),
    }),
  );
  // Automatic top-ups follow the burn's commit (invoicing hears of the wallets below their threshold).
  await suite.testApp.runJobs();
}

async function restore(invoiceId: string) {
  const context = suite.tenant.context();
  await context.database
    .transaction()
    .execute((transaction) => restoreCredits(transaction, context, invoiceId));
}

async function ledgerOf(customerId: string) {
  const page = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-ledger?limit=100`);
  return [...page.body.data].reverse();
}

/** The sum of the ledger equals the account balance and the sum of the grants' remaining. */
async function expectBalanced(customerId: string) {
  const entries = await ledgerOf(customerId);
  const ledgerSum = sumDecimals(entries.map((entry) => new Decimal(entry.amount)));
  const grants = (await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-grants?limit=100`)).body
    .data;
  const remaining = sumDecimals(grants.map((row: { remaining: string }) => new Decimal(row.remaining)));
  expect(remaining.toFixed(2)).toBe(ledgerSum.toFixed(2));
  const balances = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
  expect(balances.body.data[0].ledger_balance).toBe(ledgerSum.toFixed(2));
  return entries;
}

/** A whole-period fixed line of `amount`, dated now. */
function fixedLine(amount: string): InvoiceLine {
  const now = clock.current.getTime();
  return fixedInvoiceLine(amount, { periodStart: now, periodEnd: now });
}

describe("burning and restoring credits", () => {
  it("feeds the engine and burns what it applied, in priority order", async () => {
    const customerId = await newCustomer();
    const later = await grant(customerId, { amount: "30", priority: 200 });
    const first = await grant(customerId, { amount: "25", priority: 10 });
    const voided = await grant(customerId, { amount: "99" });
    await suite.tenant.admin.post(`/v1/credit-grants/${voided}/void`, { reason: "not this one" });

    const { grants, balances } = await creditGrantsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      "USD",
    );
    expect(grants.map((entry) => entry.id)).toEqual([later, first]);
    expect(grants.map((entry) => entry.amount.toFixed())).toEqual(["30", "25"]);
    expect(balances.get(first)?.toFixed()).toBe("25");

    const { invoice, state } = settleInvoice({
      issuedAt: clock.current.getTime(),
      lines: [fixedLine("40.00")],
      terms: { currency: currencyFor("USD"), coupons: [], creditGrants: grants },
      state: { couponInvoiceCounts: new Map(), grantBalances: balances, customerBalance: new Decimal(0) },
    });
    expect(invoice.creditsApplied.map((entry) => [entry.grantId, entry.amount.toFixed()])).toEqual([
      [first, "25"],
      [later, "15"],
    ]);
    await burn(
      customerId,
      "inv_first",
      invoice.creditsApplied.map((entry) => ({ grantId: entry.grantId, amount: entry.amount.toFixed() })),
    );
    const after = await creditGrantsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      "USD",
    );
    // The stored balances are the engine's own next state.
    expect(after.grants.map((entry) => entry.id)).toEqual([later]);
    expect(after.balances.get(later)?.toFixed()).toBe(state.grantBalances.get(later)?.toFixed());

    const entries = await expectBalanced(customerId);
    expect(entries.filter((entry) => entry.kind === "burn")).toMatchObject([
      { grant_id: first, amount: "-25.00", invoice_id: "inv_first", grant_balance_after: "0.00" },
      { grant_id: later, amount: "-15.00", invoice_id: "inv_first", grant_balance_after: "15.00" },
    ]);
  });

  it("refuses a burn larger than what is left, and a second burn of the same invoice", async () => {
    const customerId = await newCustomer();
    const grantId = await grant(customerId, { amount: "10" });
    await expect(burn(customerId, "inv_too_much", [{ grantId, amount: "10.01" }])).rejects.toMatchObject({
      code: "credit_balance_changed",
    });
    await burn(customerId, "inv_once", [{ grantId, amount: "4" }]);
    await expect(burn(customerId, "inv_once", [{ grantId, amount: "1" }])).rejects.toMatchObject({
      code: "credits_already_burned",
    });
    const entries = await expectBalanced(customerId);
    expect(entries.map((entry) => entry.kind)).toEqual(["increment", "burn"]);
  });

  it("lets only one of two concurrent burns take the same credits", async () => {
    const customerId = await newCustomer();
    const grantId = await grant(customerId, { amount: "100" });
    const results = await Promise.allSettled([
      burn(customerId, "inv_parallel_a", [{ grantId, amount: "60" }]),
      burn(customerId, "inv_parallel_b", [{ grantId, amount: "60" }]),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason.code).toBe("credit_balance_changed");
    const entries = await expectBalanced(customerId);
    expect(entries.at(-1)).toMatchObject({ kind: "burn", amount: "-60.00", balance_after: "40.00" });
  });

  it("gives a voided invoice's credits back once, and closes out a grant voided meanwhile", async () => {
    const customerId = await newCustomer();
    const kept = await grant(customerId, { amount: "20" });
    const cancelled = await grant(customerId, { amount: "10", priority: 1 });
    await burn(customerId, "inv_voided", [
      { grantId: cancelled, amount: "10" },
      { grantId: kept, amount: "5" },
    ]);
    await suite.tenant.admin.post(`/v1/credit-grants/${cancelled}/void`, { reason: "campaign withdrawn" });
    await restore("inv_voided");
    await restore("inv_voided");
    const entries = await expectBalanced(customerId);
    expect(entries.map((entry) => [entry.kind, entry.grant_id, entry.amount])).toEqual([
      ["increment", kept, "20.00"],
      ["increment", cancelled, "10.00"],
      ["burn", cancelled, "-10.00"],
      ["burn", kept, "-5.00"],
      ["void_reversal", cancelled, "10.00"],
      ["void", cancelled, "-10.00"],
      ["void_reversal", kept, "5.00"],
    ]);
    const balances = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
    expect(balances.body.data[0].available).toBe("20.00");
    const audit = await auditTrailOf(suite.testApp.handle.database, "inv_voided");
    expect(audit.map((entry) => entry.action)).toEqual(["credits.burned", "credits.restored"]);
    await restore("inv_never_burned");
  });

  it("insists on running inside the caller's transaction", async () => {
    const customerId = await newCustomer();
    const grantId = await grant(customerId, { amount: "1" });
    await expect(
      burnCredits(suite.testApp.handle.database, suite.tenant.context(), {
        customerId,
        invoiceId: "inv_outside",
        currency: "USD",
        applied: [{ grantId, amount: new Decimal(1) }],
      }),
    ).rejects.toThrow(/inside the caller's transaction/);
  });
});

describe("automatic wallet top-ups", () => {
  it("tops a wallet up once when a burn leaves it below its threshold, and records the purchase", async () => {
    const customerId = await newCustomer();
    const wallet = await openWallet(suite.tenant.admin, customerId, {
      rate: "10",
      auto_top_up: { threshold: "100", amount: "500" },
    });
    const topUp = await topUpWallet(suite.tenant.admin, wallet.id, {
      amount: "300",
      reason: "first purchase",
    });
    const grantId = topUp.grant.id;
    expect(topUp.grant).toMatchObject({ amount: "30.00", type: "purchased", cost_basis: "30.00" });

    // 30.00 of money is 300 credits; burning 25.00 leaves 50 credits, below 100: one top-up of 500 credits.
    await burn(customerId, "inv_wallet_1", [{ grantId, amount: "25" }]);
    const refilled = await suite.tenant.admin.get(`/v1/wallets/${wallet.id}`);
    expect(refilled.body).toMatchObject({ balance: "55.00", credits: "550" });
    const entries = await expectBalanced(customerId);
    expect(entries.at(-1)).toMatchObject({
      kind: "increment",
      amount: "50.00",
      automatic: true,
      wallet_id: wallet.id,
    });
    expect(entries.at(-1).reason).toMatch(/below the threshold of 100/);
    const purchases = await suite.testApp.handle.database
      .selectFrom("credit_purchases")
      .select(["credits", "paid_amount", "automatic", "invoice_id"])
      .where("wallet_id", "=", wallet.id)
      .orderBy("created_at")
      .execute();
    expect(
      purchases.map((row) => [
        new Decimal(row.credits).toFixed(),
        new Decimal(row.paid_amount).toFixed(),
        row.automatic,
        row.invoice_id,
      ]),
    ).toEqual([
      ["300", "30", false, expect.stringMatching(/^inv_/)],
      ["500", "50", true, expect.stringMatching(/^inv_/)],
    ]);
    const automaticInvoice = await suite.tenant.admin.get(`/v1/invoices/${purchases[1]?.invoice_id}`);
    expect(automaticInvoice.body).toMatchObject({ origin: "one_off", subtotal: "50.00" });
    expect(automaticInvoice.body.memo).toMatch(/topped up automatically/);

    // Each top-up, the automatic one too, is announced with its grant.
    const granted = await suite.tenant.admin.get("/v1/webhook-events?type=credit.granted&limit=100");
    const walletGrants = granted.body.data
      .map((event: { data: { wallet_id: string | null } }) => event.data)
      .filter((grant: { wallet_id: string | null }) => grant.wallet_id === wallet.id);
    expect(walletGrants).toMatchObject([
      { name: "Prepaid automatic top-up", type: "purchased", amount: "50.00", cost_basis: "50.00" },
      { id: grantId, name: "Prepaid top-up", amount: "30.00" },
    ]);

    // Burning above the threshold tops nothing up.
    await burn(customerId, "inv_wallet_2", [{ grantId, amount: "1" }]);
    expect((await ledgerOf(customerId)).filter((entry) => entry.automatic)).toHaveLength(1);
  });

  it("tops up at most once per burn, even when one top-up is not enough", async () => {
    const customerId = await newCustomer();
    const wallet = await openWallet(suite.tenant.admin, customerId, {
      name: "Small refills",
      auto_top_up: { threshold: "50", amount: "10" },
    });
    const topUp = await topUpWallet(suite.tenant.admin, wallet.id, { amount: "40", reason: "start" });
    await burn(customerId, "inv_small", [{ grantId: topUp.grant.id, amount: "40" }]);
    await suite.testApp.runJobs();
    const entries = await expectBalanced(customerId);
    expect(entries.filter((entry) => entry.automatic)).toHaveLength(1);
    expect((await suite.tenant.admin.get(`/v1/wallets/${wallet.id}`)).body.balance).toBe("10.00");
  });
});
