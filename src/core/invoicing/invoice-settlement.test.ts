import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { applyToInvoice, invoiceAmountRemaining } from "./invoice-settlement.ts";

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
});
