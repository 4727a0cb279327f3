import { describe, expect, it } from "vitest";
import { fixedInvoiceLine } from "../../../test/support/invoice-lines.ts";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import { openingAccountState, settleInvoice } from "./invoice-totals.ts";
import { changePreviewDifference } from "./proration-preview.ts";

const DAY = 86_400_000;

function settled(amounts: string[]) {
  const lines: InvoiceLine[] = amounts.map((amount) =>
    fixedInvoiceLine(amount, {
      kind: amount.startsWith("-") ? "proration_credit" : "fixed",
      planCode: "p",
      periodEnd: DAY,
    }),
  );
  return settleInvoice({
    issuedAt: DAY,
    lines,
    terms: { currency: currencyFor("USD"), coupons: [], creditGrants: [], tax: { percent: new Decimal(20) } },
    state: openingAccountState([]),
  }).invoice;
}

describe("changePreviewDifference", () => {
  it("is the invoice with the change less the one without, taxes included", () => {
    // Upgrade mid-period: 99.00 for the rest of the period less 24.50 unused of 49.00, 20 % tax on top.
    const before = settled(["49.00"]);
    const after = settled(["-24.50", "49.50", "99.00"]);
    expect(changePreviewDifference(before, after).toFixed(2)).toBe("90.00");
  });

  it("counts a missing invoice as zero", () => {
    expect(changePreviewDifference(null, settled(["10.00"])).toFixed(2)).toBe("12.00");
    expect(changePreviewDifference(settled(["10.00"]), null).toFixed(2)).toBe("-12.00");
    expect(changePreviewDifference(null, null).toFixed()).toBe("0");
  });
});
