import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { applyToInvoice, invoiceAmountRemaining, splitRefund } from "./invoice-settlement.ts";

const amounts = (due: string, paid: string, credited: string) => ({
  amountDue: new Decimal(due),
  amountPaid: new Decimal(paid),
  amountCredited: new Decimal(credited),
});

describe("invoice settlement", () => {
  it("owes the amount due less payments and credit notes, never less than nothing", () => {
    expect(invoiceAmountRemaining(amounts("49.00", "9.00", "10.00")).toFixed(2)).toBe("30.00");
    expect(invoiceAmountRemaining(amounts("49.00", "49.00", "10.00")).toFixed(2)).toBe("0.00");
  });

  it("applies a payment or credit up to what remains and leaves the rest over", () => {
    const split = (amount: string, remaining: string) => {
      const { applied, leftOver } = applyToInvoice(new Decimal(amount), new Decimal(remaining));
      return [applied.toFixed(2), leftOver.toFixed(2)];
    };
    expect(split("20.00", "49.00")).toEqual(["20.00", "0.00"]);
    expect(split("60.00", "49.00")).toEqual(["49.00", "11.00"]);
    expect(split("5.00", "0")).toEqual(["0.00", "5.00"]);
  });

  it("refunds from what the invoice put on the balance first, then from what paid it", () => {
    const split = (amount: string, held: string, balance: string, paid: string) => {
      const result = splitRefund(new Decimal(amount), {
        heldOnBalance: new Decimal(held),
        customerBalance: new Decimal(balance),
        amountPaid: new Decimal(paid),
      });
      return result.ok
        ? [result.fromBalance.toFixed(2), result.fromInvoice.toFixed(2)]
        : `at most ${result.available.toFixed(2)}`;
    };
    // An overpayment of 30.00 still on the balance, 100.00 paid on the invoice.
    expect(split("50.00", "30.00", "30.00", "100.00")).toEqual(["30.00", "20.00"]);
    // A credit note put 100.00 on the balance of an invoice paid 100.00: the refund is all balance.
    expect(split("100.00", "100.00", "100.00", "100.00")).toEqual(["100.00", "0.00"]);
    // Later invoices used 20.00 of the 30.00: 10.00 of balance and the 100.00 paid can go back.
    expect(split("110.00", "30.00", "10.00", "100.00")).toEqual(["10.00", "100.00"]);
    expect(split("130.00", "30.00", "10.00", "100.00")).toBe("at most 110.00");
    // Balance the invoice did not put there is not taken.
    expect(split("40.00", "0.00", "500.00", "100.00")).toEqual(["0.00", "40.00"]);
  });

  it("splits every refund exactly, never taking more than the balance holds or the invoice was paid", () => {
    const cents = fc.integer({ min: 0, max: 1_000_000 }).map((value) => new Decimal(value).dividedBy(100));
    fc.assert(
      fc.property(cents, cents, cents, cents, (amount, held, balance, paid) => {
        const result = splitRefund(amount, {
          heldOnBalance: held,
          customerBalance: balance,
          amountPaid: paid,
        });
        const available = Decimal.min(held, balance).plus(paid);
        if (!result.ok) {
          expect(amount.greaterThan(available)).toBe(true);
          expect(result.available.equals(available)).toBe(true);
          return;
        }
        expect(amount.lessThanOrEqualTo(available)).toBe(true);
        expect(result.fromBalance.plus(result.fromInvoice).equals(amount)).toBe(true);
        expect(result.fromBalance.greaterThanOrEqualTo(0)).toBe(true);
        expect(result.fromBalance.lessThanOrEqualTo(Decimal.min(held, balance))).toBe(true);
        expect(result.fromInvoice.greaterThanOrEqualTo(0)).toBe(true);
        expect(result.fromInvoice.lessThanOrEqualTo(paid)).toBe(true);
        // The balance goes first: the invoice gives back only what the balance could not.
        if (result.fromInvoice.greaterThan(0)) {
          expect(result.fromBalance.equals(Decimal.min(held, balance))).toBe(true);
        }
      }),
    );
  });
});
