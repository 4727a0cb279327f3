import { describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { createCustomer } from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { Decimal } from "../core/index.ts";
import { customerBalanceOf, recordBalanceMovement } from "./credits.ts";

const suite = testAppForFile();

const newCustomer = async () => (await createCustomer(suite.tenant.admin)).id;

async function move(
  customerId: string,
  currency: string,
  amount: string,
  links: { invoiceId?: string; creditNoteId?: string } = {},
) {
  const context = suite.tenant.context();
  await context.database.transaction().execute((transaction) =>
    recordBalanceMovement(transaction, context, {
      customerId,
      currency,
      amount: new Decimal(amount),
      reason: `moved ${amount}`,
      ...links,
    }),
  );
}

describe("customer balance", () => {
  it("adds what is owed to the customer and uses it up, per currency, with a ledger of movements", async () => {
    const customerId = await newCustomer();
    expect(
      (
        await customerBalanceOf(suite.testApp.handle.database, suite.tenant.context(), customerId, "USD")
      ).toFixed(),
    ).toBe("0");
    await move(customerId, "USD", "12.50", { invoiceId: "inv_negative" });
    await move(customerId, "EUR", "3", { creditNoteId: "cn_1" });
    await move(customerId, "USD", "-10", { invoiceId: "inv_next" });
    expect(
      (
        await customerBalanceOf(suite.testApp.handle.database, suite.tenant.context(), customerId, "USD")
      ).toFixed(),
    ).toBe("2.5");
    const balance = await suite.tenant.admin.get(`/v1/customers/${customerId}/balance`);
    expect(balance.body).toEqual({
      data: [
        { currency: "EUR", balance: "3.00" },
        { currency: "USD", balance: "2.50" },
      ],
    });
    const entries = await suite.tenant.admin.get(
      `/v1/customers/${customerId}/balance-entries?currency=USD&limit=1`,
    );
    expect(entries.body.data).toMatchObject([
      { amount: "-10.00", balance_after: "2.50", invoice_id: "inv_next", reason: "moved -10" },
    ]);
    const older = await suite.tenant.admin.get(
      `/v1/customers/${customerId}/balance-entries?currency=USD&limit=1&cursor=${entries.body.next_cursor}`,
    );
    expect(older.body).toMatchObject({
      data: [{ amount: "12.50", balance_after: "12.50", invoice_id: "inv_negative" }],
      next_cursor: null,
    });
    const audit = await auditTrailOf(suite.testApp.handle.database, customerId);
    expect(audit.filter((entry) => entry.action === "customer_balance.moved")).toHaveLength(3);
  });

  it("never uses more than is owed, and changes nothing for a zero movement", async () => {
    const customerId = await newCustomer();
    await move(customerId, "USD", "5");
    await expect(move(customerId, "USD", "-5.01")).rejects.toMatchObject({
      code: "customer_balance_insufficient",
    });
    await move(customerId, "USD", "0");
    const entries = await suite.tenant.admin.get(`/v1/customers/${customerId}/balance-entries`);
    expect(entries.body.data).toHaveLength(1);
    expect(
      (
        await customerBalanceOf(suite.testApp.handle.database, suite.tenant.context(), customerId, "USD")
      ).toFixed(),
    ).toBe("5");
  });

  it("answers 404 for a customer of another tenant", async () => {
    const customerId = await newCustomer();
    const stranger = await suite.testApp.newTenant("Stranger");
    expect((await stranger.admin.get(`/v1/customers/${customerId}/balance`)).status).toBe(404);
  });
});
