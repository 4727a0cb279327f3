import { describe, expect, it } from "vitest";
import { accountFigures } from "./account-figures.ts";

describe("a customer's figures for a CRM account", () => {
  it("sums the next invoice's recurring fees and usage, and what issued invoices still owe", () => {
    const figures = accountFigures(
      "USD",
      [
        { kind: "fixed", amount: "1500.00" },
        { kind: "fixed", amount: "0.10" },
        { kind: "usage", amount: "12.344" },
        { kind: "proration_credit", amount: "-100.00" },
      ],
      [
        { status: "paid", number: "INV-1", amount_remaining: "0.00", finalized_at: "2026-10-01T00:00:00Z" },
        {
          status: "partially_paid",
          number: "INV-3",
          amount_remaining: "40.10",
          finalized_at: "2026-12-01T00:00:00Z",
        },
        { status: "open", number: "INV-2", amount_remaining: "0.20", finalized_at: "2026-11-01T00:00:00Z" },
        { status: "void", number: "INV-0", amount_remaining: "99.00", finalized_at: "2026-09-01T00:00:00Z" },
        { status: "draft", number: null, amount_remaining: "55.00", finalized_at: null },
      ],
    );
    expect(figures).toEqual({
      monthlyRecurringRevenue: "1500.10",
      usageToDate: "12.34",
      openBalance: "40.30",
      invoiceCount: 3,
      lastInvoiceNumber: "INV-3",
    });
  });

  it("is all zero for a customer with nothing billed yet", () => {
    expect(accountFigures("JPY", [], [])).toEqual({
      monthlyRecurringRevenue: "0",
      usageToDate: "0",
      openBalance: "0",
      invoiceCount: 0,
      lastInvoiceNumber: null,
    });
  });
});
