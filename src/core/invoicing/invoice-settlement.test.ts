import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import {
  applyToInvoice,
  invoiceAmountRemaining,
  splitLostDispute,
  splitProviderRefund,
  splitRefund,
} from "./invoice-settlement.ts";

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

  it("records a refund the provider made beyond what the balance and the invoice cover: owed again on the invoice, or lost", () => {
    const split = (amount: string, held: string, balance: string, paid: string, owesAgain: boolean) => {
      const result = splitProviderRefund(new Decimal(amount), {
        heldOnBalance: new Decimal(held),
        customerBalance: new Decimal(balance),
        amountPaid: new Decimal(paid),
        invoiceOwesAgain: owesAgain,
      });
      return [result.fromBalance.toFixed(2), result.fromInvoice.toFixed(2), result.lost.toFixed(2)];
    };
    // Covered: as splitRefund.
    expect(split("110.00", "30.00", "10.00", "100.00", true)).toEqual(["10.00", "100.00", "0.00"]);
    // 130.00 paid on 100.00, 20.00 of the overpayment used by a later invoice: the invoice owes 120.00 again.
    expect(split("130.00", "30.00", "10.00", "100.00", true)).toEqual(["10.00", "120.00", "0.00"]);
    // Its invoice void (nothing paid on it): what the balance no longer holds is lost.
    expect(split("50.00", "50.00", "30.00", "0.00", false)).toEqual(["30.00", "0.00", "20.00"]);
    // An invoice already owed again below zero gives nothing more when it cannot be owed again.
    expect(split("10.00", "0.00", "0.00", "-20.00", false)).toEqual(["0.00", "0.00", "10.00"]);
  });

  it("splits every refund the provider made exactly: the balance first, never more than it holds", () => {
    const cents = fc.integer({ min: 0, max: 1_000_000 }).map((value) => new Decimal(value).dividedBy(100));
    const paidCents = fc
      .integer({ min: -100_000, max: 1_000_000 })
      .map((value) => new Decimal(value).dividedBy(100));
    fc.assert(
      fc.property(cents, cents, cents, paidCents, fc.boolean(), (amount, held, balance, paid, owesAgain) => {
        const sources = { heldOnBalance: held, customerBalance: balance, amountPaid: paid };
        const result = splitProviderRefund(amount, { ...sources, invoiceOwesAgain: owesAgain });
        expect(result.fromBalance.plus(result.fromInvoice).plus(result.lost).equals(amount)).toBe(true);
        for (const part of [result.fromBalance, result.fromInvoice, result.lost]) {
          expect(part.greaterThanOrEqualTo(0)).toBe(true);
        }
        expect(result.fromBalance.lessThanOrEqualTo(Decimal.min(held, balance))).toBe(true);
        if (owesAgain) expect(result.lost.isZero()).toBe(true);
        else expect(result.fromInvoice.lessThanOrEqualTo(Decimal.max(paid, 0))).toBe(true);
        // What Fairbill would have refunded itself is split the same way.
        const asked = splitRefund(amount, sources);
        if (asked.ok) {
          expect(result.fromBalance.equals(asked.fromBalance)).toBe(true);
          expect(result.fromInvoice.equals(asked.fromInvoice)).toBe(true);
          expect(result.lost.isZero()).toBe(true);
        }
      }),
    );
  });

  it("takes a dispute lost back from what the invoice put on the balance first; the rest is lost", () => {
    const split = (amount: string, held: string, balance: string) => {
      const result = splitLostDispute(new Decimal(amount), {
        heldOnBalance: new Decimal(held),
        customerBalance: new Decimal(balance),
      });
      return [result.fromBalance.toFixed(2), result.lost.toFixed(2)];
    };
    expect(split("80.00", "0.00", "0.00")).toEqual(["0.00", "80.00"]);
    // 130.00 paid on 100.00: the 30.00 overpayment still on the balance comes back from it.
    expect(split("130.00", "30.00", "30.00")).toEqual(["30.00", "100.00"]);
    // Part of it used since: only what the balance still holds.
    expect(split("130.00", "30.00", "10.00")).toEqual(["10.00", "120.00"]);
  });
});
