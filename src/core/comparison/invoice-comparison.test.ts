// Invoices compared line by line and summed per customer and currency, with
// the distribution of the change, on hand-worked figures.
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { customerMovement, summarizeMovements } from "./comparison-summary.ts";
import { type ComparableLine, compareInvoiceLines } from "./invoice-comparison.ts";

const line = (key: string, amount: string): ComparableLine<string> => ({
  key,
  amount: new Decimal(amount),
  reference: `${key}=${amount}`,
});

describe("compareInvoiceLines", () => {
  it("matches lines by key, keeps dropped and added lines, and totals both sides", () => {
    const comparison = compareInvoiceLines(
      [line("base", "29.00"), line("calls", "5.00"), line("seats", "10.00")],
      [line("calls", "6.00"), line("base", "34.80"), line("storage", "1.25")],
    );
    expect(
      comparison.lines.map((entry) => [
        entry.billed?.reference ?? null,
        entry.wouldBe?.reference ?? null,
        entry.difference.toFixed(2),
      ]),
    ).toEqual([
      ["base=29.00", "base=34.80", "5.80"],
      ["calls=5.00", "calls=6.00", "1.00"],
      ["seats=10.00", null, "-10.00"],
      [null, "storage=1.25", "1.25"],
    ]);
    expect(comparison.billedSubtotal.toFixed(2)).toBe("44.00");
    expect(comparison.wouldBeSubtotal.toFixed(2)).toBe("42.05");
    expect(comparison.difference.toFixed(2)).toBe("-1.95");
  });

  it("matches repeated keys in order", () => {
    const comparison = compareInvoiceLines(
      [line("fee", "1.00"), line("fee", "2.00")],
      [line("fee", "1.50"), line("fee", "2.50"), line("fee", "3.00")],
    );
    expect(comparison.lines.map((entry) => entry.difference.toFixed(2))).toEqual(["0.50", "0.50", "3.00"]);
  });
});

describe("summarizeMovements", () => {
  const movement = (customerId: string, currency: string, billed: string, wouldBe: string) =>
    customerMovement(customerId, currency, [
      compareInvoiceLines([line("base", billed)], [line("base", wouldBe)]),
    ]);

  it("adds up each currency, counts who pays more or less, and ranks the movers", () => {
    const summary = summarizeMovements(
      [
        movement("cus_a", "USD", "100.00", "120.00"),
        movement("cus_b", "USD", "50.00", "40.00"),
        movement("cus_c", "USD", "10.00", "10.00"),
        movement("cus_d", "USD", "0.00", "5.00"),
        movement("cus_e", "EUR", "200.00", "300.00"),
      ],
      { movers: 1 },
    );
    const [eur, usd] = summary.currencies;
    expect(eur?.change.toFixed(2)).toBe("100.00");
    expect(eur?.changePercent?.toFixed(2)).toBe("50.00");
    expect(usd?.billed.toFixed(2)).toBe("160.00");
    expect(usd?.wouldBe.toFixed(2)).toBe("175.00");
    expect(usd?.changePercent?.toFixed(2)).toBe("9.38");
    expect([usd?.customersPayingMore, usd?.customersPayingLess, usd?.customersUnchanged]).toEqual([2, 1, 1]);
    expect(usd?.largestIncreases.map((entry) => entry.customerId)).toEqual(["cus_a"]);
    expect(usd?.largestDecreases.map((entry) => entry.customerId)).toEqual(["cus_b"]);
    expect(usd?.largestIncreases[0]?.drivingLine?.wouldBe?.reference).toBe("base=120.00");
    const counts = Object.fromEntries(summary.histogram.map((bucket) => [bucket.label, bucket.customers]));
    expect(counts).toMatchObject({
      "-20% to -10%": 1,
      "-50% to -20%": 0,
      unchanged: 1,
      "20% to 50%": 1,
      "50% and more": 1,
      "billed nothing before": 1,
    });
    expect(summary.histogram.reduce((sum, bucket) => sum + bucket.customers, 0)).toBe(5);
  });
});
