import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateAmount } from "../allocation.ts";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals } from "../decimal.ts";
import { fixedFeeEarnedBy, ratableMonthShares } from "./fixed-fee-accrual.ts";
import { daysServed, localMonthOf } from "./service-months.ts";
import { monthEndAccrual } from "./usage-accrual.ts";

const usd = currencyFor("USD");
const at = (iso: string) => Date.parse(iso);
const quarter = { start: at("2026-01-01T00:00:00Z"), end: at("2026-04-01T00:00:00Z") };

describe("an in-arrears fixed fee earned before its invoice", () => {
  it("spreads a quarterly 300.00 over January to March by day in whole cents by largest remainders, as an invoice line is spread", () => {
    const shares = ratableMonthShares(new Decimal("300.00"), quarter.start, quarter.end, "UTC", usd);
    expect(shares.map((share) => [share.month, share.amount.toFixed(2)])).toEqual([
      ["2026-01", "103.33"],
      ["2026-02", "93.34"],
      ["2026-03", "103.33"],
    ]);
  });

  it("has earned the shares of the months ended by the cut-off", () => {
    const fee = new Decimal("300.00");
    const earned = (cutoff: string) => fixedFeeEarnedBy(fee, quarter, at(cutoff), "UTC", usd).toFixed(2);
    expect(earned("2026-01-01T00:00:00Z")).toBe("0.00");
    expect(earned("2026-02-01T00:00:00Z")).toBe("103.33");
    expect(earned("2026-03-01T00:00:00Z")).toBe("196.67");
    expect(earned("2026-04-01T00:00:00Z")).toBe("300.00");
  });

  it("measures days in the zone: a Berlin January ends at 23:00 UTC on 31 January", () => {
    const berlin = { start: at("2025-12-31T23:00:00Z"), end: at("2026-03-31T22:00:00Z") };
    const january = fixedFeeEarnedBy(
      new Decimal("90.00"),
      berlin,
      at("2026-01-31T23:00:00Z"),
      "Europe/Berlin",
      usd,
    );
    expect(january.toFixed(2)).toBe("31.00");
  });

  it("matches the invoice line's spread, and its month-end accruals add up to the fee to the cent", () => {
    const day = 86_400_000;
    const base = at("2026-01-01T00:00:00Z");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 24 }),
        fc.integer({ min: 1, max: 400 * 24 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland"),
        (startHour, lengthHours, cents, timeZone) => {
          const start = base + startHour * (day / 24);
          const end = start + lengthHours * (day / 24);
          const fee = new Decimal(cents).dividedBy(100);
          const shares = ratableMonthShares(fee, start, end, timeZone, usd);
          // The same pieces as the invoice line's spread by the days of each month.
          const weights = shares.map((share) =>
            daysServed(Math.max(start, localMonthOf(share.to - 1, timeZone).start), share.to, timeZone),
          );
          expect(shares.map((share) => share.amount.toFixed(2))).toEqual(
            allocateAmount(fee, weights, usd).map((piece) => piece.toFixed(2)),
          );
          // Accrued month end by month end, then invoiced: every month's accrual is its share, nothing left over.
          const accrued: Decimal[] = [];
          for (const share of shares) {
            accrued.push(
              monthEndAccrual(fixedFeeEarnedBy(fee, { start, end }, share.to, timeZone, usd), accrued),
            );
          }
          expect(accrued.map((amount) => amount.toFixed(2))).toEqual(
            shares.map((share) => share.amount.toFixed(2)),
          );
          expect(sumDecimals(accrued).equals(fee)).toBe(true);
          for (const amount of accrued) expect(amount.decimalPlaces()).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});
