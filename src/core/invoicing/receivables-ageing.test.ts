// Receivables by age, worked by hand: an invoice due on 1 December 2030 at
// midnight UTC, read at instants around each bucket's edge, and four invoices
// in two currencies summed per bucket.
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { ageingBucketOf, ageReceivables, daysOverdue, daysOverdueRange } from "./receivables-ageing.ts";

const due = Date.parse("2030-12-01T00:00:00Z");
const day = 86_400_000;

describe("daysOverdue and ageingBucketOf", () => {
  it.each([
    ["before the due date", due - 1, 0, "current"],
    ["at the due instant", due, 0, "current"],
    ["a millisecond later", due + 1, 1, "1_30"],
    ["30 days later to the instant", due + 30 * day, 30, "1_30"],
    ["just after 30 days", due + 30 * day + 1, 31, "31_60"],
    ["60 days later", due + 60 * day, 60, "31_60"],
    ["61 days later", due + 61 * day, 61, "61_90"],
    ["90 days later", due + 90 * day, 90, "61_90"],
    ["just after 90 days", due + 90 * day + 1, 91, "over_90"],
  ] as const)("%s: %i days, %s", (_label, at, days, bucket) => {
    expect(daysOverdue(due, at)).toBe(days);
    expect(ageingBucketOf(days)).toBe(bucket);
    const range = daysOverdueRange(bucket);
    expect(days >= range.from && (range.to === null || days <= range.to)).toBe(true);
  });

  it("counts an invoice with no due date as current", () => {
    expect(daysOverdue(null, due + 400 * day)).toBe(0);
  });
});

describe("ageReceivables", () => {
  it("sums what is owed per currency and bucket, leaving out what is settled", () => {
    const at = due + 45 * day;
    const ageing = ageReceivables(
      [
        { currency: "USD", dueAt: due, amountRemaining: new Decimal("100.00") },
        { currency: "USD", dueAt: due + 20 * day, amountRemaining: new Decimal("40.50") },
        { currency: "USD", dueAt: at + day, amountRemaining: new Decimal("9.50") },
        { currency: "USD", dueAt: due, amountRemaining: new Decimal("0") },
        { currency: "EUR", dueAt: due - 100 * day, amountRemaining: new Decimal("7.00") },
      ],
      at,
    );
    // Per currency: invoices, total, then each bucket as "bucket invoices amount".
    const view = ageing.map((currency) => [
      currency.currency,
      currency.invoices,
      currency.total.toFixed(2),
      currency.buckets
        .map((bucket) => `${bucket.bucket} ${bucket.invoices} ${bucket.amount.toFixed(2)}`)
        .join(", "),
    ]);
    expect(view).toEqual([
      ["EUR", 1, "7.00", "current 0 0.00, 1_30 0 0.00, 31_60 0 0.00, 61_90 0 0.00, over_90 1 7.00"],
      ["USD", 3, "150.00", "current 1 9.50, 1_30 1 40.50, 31_60 1 100.00, 61_90 0 0.00, over_90 0 0.00"],
    ]);
  });
});
