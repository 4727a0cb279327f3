import { describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { createCustomer } from "../../test/support/builders.ts";
import { openWallet, topUpWallet } from "../../test/support/credit-grants.ts";
import { expectRefusedAt, expectRefusedFields } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2026-07-01T00:00:00Z");

const suite = testAppForFile({ clock });

const newCustomer = async () => (await createCustomer(suite.tenant.admin)).id;

const newWallet = (customerId: string, fields: Parameters<typeof openWallet>[2] = {}) =>
  openWallet(suite.tenant.admin, customerId, fields);

describe("wallets", () => {
  it("opens a wallet, reads and lists it, and records it in the audit log", async () => {
    const customerId = await newCustomer();
    const wallet = await newWallet(customerId, {
      rate: "2.5",
      auto_top_up: { threshold: "10", amount: "50" },
    });
    expect(wallet).toMatchObject({
      id: expect.stringMatching(/^wal_/),
      customer_id: customerId,
      currency: "USD",
      rate: "2.5",
      auto_top_up: { threshold: "10", amount: "50" },
      balance: "0.00",
      credits: "0",
    });
    expect((await suite.tenant.admin.get(`/v1/wallets/${wallet.id}`)).body).toEqual(wallet);
    const listed = await suite.tenant.admin.get(`/v1/customers/${customerId}/wallets`);
    expect(listed.body).toEqual({ data: [wallet], next_cursor: null });
    const audit = await auditTrailOf(suite.testApp.handle.database, wallet.id);
    expect(audit.map((entry) => entry.action)).toEqual(["wallet.created"]);
  });

  it("refuses a zero rate and an automatic top-up worth a fraction of a cent", async () => {
    const customerId = await newCustomer();
    const zero = await suite.tenant.admin.post(`/v1/customers/${customerId}/wallets`, {
      currency: "USD",
      name: "Zero",
      rate: "0",
    });
    expectRefusedAt(zero, "$.rate");
    const fraction = await suite.tenant.admin.post(`/v1/customers/${customerId}/wallets`, {
      currency: "USD",
      name: "Thirds",
      rate: "3",
      auto_top_up: { threshold: "1", amount: "10" },
    });
    expectRefusedAt(fraction, "$.auto_top_up.amount");
    const currency = await suite.tenant.admin.post(`/v1/customers/${customerId}/wallets`, {
      currency: "ABC",
      name: "Nowhere",
    });
    expect(currency.body.errors[0].path).toBe("$.currency");
  });

  it("tops up in credits: a purchased grant worth credits ÷ rate, with its purchase recorded", async () => {
    const customerId = await newCustomer();
    const wallet = await newWallet(customerId, { rate: "100" });
    const topUp = await topUpWallet(suite.tenant.admin, wallet.id, {
      amount: "5000",
      paid_amount: "45",
      expires_at: "2027-07-01T00:00:00Z",
      reason: "annual prepayment",
    });
    expect(topUp).toMatchObject({
      grant: {
        wallet_id: wallet.id,
        type: "purchased",
        amount: "50.00",
        remaining: "50.00",
        cost_basis: "45.00",
        expires_at: "2027-07-01T00:00:00.000Z",
        metadata: { credits: "5000" },
      },
      purchase: { paid_amount: "45.00", invoice_id: expect.stringMatching(/^inv_/), automatic: false },
      wallet: { balance: "50.00", credits: "5000" },
    });
    // The purchase is billed: a finalized one-off invoice for what the customer pays, not what the credits are worth.
    const invoice = await suite.tenant.admin.get(`/v1/invoices/${topUp.purchase?.invoice_id}`);
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({
      status: expect.not.stringMatching(/^draft$/),
      origin: "one_off",
      customer_id: customerId,
      currency: "USD",
      subtotal: "45.00",
      credits: "0.00",
      memo: `5000 credits for wallet "Prepaid" (${wallet.id})`,
    });
    expect(invoice.body.number).not.toBeNull();
    expect(invoice.body.lines).toMatchObject([{ description: "Prepaid credits", amount: "45.00" }]);
    const ledger = await suite.tenant.admin.get(
      `/v1/customers/${customerId}/credit-ledger?wallet_id=${wallet.id}`,
    );
    expect(ledger.body.data).toMatchObject([
      { kind: "increment", amount: "50.00", reason: "annual prepayment", automatic: false },
    ]);
    const audit = await auditTrailOf(suite.testApp.handle.database, wallet.id);
    expect(audit).toEqual([
      { action: "wallet.created", reason: null },
      { action: "wallet.topped_up", reason: "annual prepayment" },
    ]);
  });

  it("gives credits away when paid_amount is 0: a promotional grant and no purchase", async () => {
    const customerId = await newCustomer();
    const wallet = await newWallet(customerId);
    const topUp = await suite.tenant.admin.post(`/v1/wallets/${wallet.id}/top-ups`, {
      amount: "15",
      paid_amount: "0",
      reason: "goodwill",
    });
    expect(topUp.body).toMatchObject({
      grant: { type: "promotional", cost_basis: null, amount: "15.00" },
      purchase: null,
    });
    const purchases = await suite.testApp.handle.database
      .selectFrom("credit_purchases")
      .select("grant_id")
      .where("wallet_id", "=", wallet.id)
      .execute();
    expect(purchases).toEqual([]);
  });

  it("refuses top-ups that are not whole cents, zero, or already expired, naming each field", async () => {
    const customerId = await newCustomer();
    const wallet = await newWallet(customerId, { rate: "3" });
    const thirds = await suite.tenant.admin.post(`/v1/wallets/${wallet.id}/top-ups`, {
      amount: "10",
      reason: "r",
    });
    expect(thirds.status).toBe(400);
    expect(thirds.body.errors).toEqual([
      {
        path: "$.amount",
        message: "10 credits at 3 per USD is not a whole number of the currency's minor unit",
      },
    ]);
    const bad = suite.tenant.admin.post(`/v1/wallets/${wallet.id}/top-ups`, {
      amount: "0",
      paid_amount: "1.234",
      expires_at: "2026-01-01T00:00:00Z",
      reason: "r",
    });
    expect((await expectRefusedFields(bad)).sort()).toEqual(["$.amount", "$.expires_at", "$.paid_amount"]);
    const noReason = await suite.tenant.admin.post(`/v1/wallets/${wallet.id}/top-ups`, { amount: "3" });
    expect(noReason.body.errors[0].path).toBe("$.reason");
    const missing = await suite.tenant.admin.post("/v1/wallets/wal_missing/top-ups", {
      amount: "3",
      reason: "r",
    });
    expect(missing.status).toBe(404);
  });

  it("changes the name and the automatic top-up, and clears it with null", async () => {
    const customerId = await newCustomer();
    const wallet = await newWallet(customerId);
    const renamed = await suite.tenant.admin.patch(`/v1/wallets/${wallet.id}`, {
      name: "Team credits",
      auto_top_up: { threshold: "5", amount: "20" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: "Team credits",
      auto_top_up: { threshold: "5", amount: "20" },
    });
    const cleared = await suite.tenant.admin.patch(`/v1/wallets/${wallet.id}`, {
      auto_top_up: null,
      reason: "manual only",
    });
    expect(cleared.body.auto_top_up).toBeNull();
    const empty = await suite.tenant.admin.patch(`/v1/wallets/${wallet.id}`, {});
    expect(empty.status).toBe(400);
    const fraction = await suite.tenant.admin.patch(`/v1/wallets/${wallet.id}`, {
      auto_top_up: { threshold: "5", amount: "0.001" },
    });
    expectRefusedAt(fraction, "$.auto_top_up.amount");
  });

  it("counts only credits usable now in the balance", async () => {
    const customerId = await newCustomer();
    const wallet = await newWallet(customerId);
    await suite.tenant.admin.post(`/v1/wallets/${wallet.id}/top-ups`, {
      amount: "10",
      expires_at: "2026-07-02T00:00:00Z",
      reason: "short",
    });
    await suite.tenant.admin.post(`/v1/wallets/${wallet.id}/top-ups`, { amount: "5", reason: "long" });
    expect((await suite.tenant.admin.get(`/v1/wallets/${wallet.id}`)).body.balance).toBe("15.00");
    await clock.restoredAfter(async () => {
      clock.current = new Date("2026-07-02T00:00:00Z");
      expect((await suite.tenant.admin.get(`/v1/wallets/${wallet.id}`)).body.balance).toBe("5.00");
    });
  });
});
