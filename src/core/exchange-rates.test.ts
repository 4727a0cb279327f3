import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "./currency.ts";
import { Decimal, sumDecimals } from "./decimal.ts";
import {
  convertAmount,
  convertBalancedEntry,
  datesRepricedBy,
  type ExchangeRate,
  rateInForce,
} from "./exchange-rates.ts";

const usd = currencyFor("USD");
const rates: ExchangeRate[] = [
  { base: "EUR", quote: "USD", date: "2026-01-01", rate: new Decimal("1.10") },
  { base: "EUR", quote: "USD", date: "2026-02-01", rate: new Decimal("1.08") },
  { base: "USD", quote: "GBP", date: "2026-01-15", rate: new Decimal("0.80") },
];

describe("exchange rates", () => {
  it("takes the latest rate on or before the date, its inverse when only that is stored, none before the first", () => {
    expect(rateInForce(rates, "EUR", "USD", "2026-01-31")?.rate.toFixed()).toBe("1.1");
    expect(rateInForce(rates, "EUR", "USD", "2026-02-01")?.source?.date).toBe("2026-02-01");
    const inverse = rateInForce(rates, "GBP", "USD", "2026-03-01");
    expect([inverse?.rate.toFixed(), inverse?.inverted]).toEqual(["1.25", true]);
    expect(rateInForce(rates, "EUR", "USD", "2025-12-31")).toBeUndefined();
    expect(rateInForce(rates, "JPY", "USD", "2026-03-01")).toBeUndefined();
    expect(rateInForce(rates, "USD", "USD", "2020-01-01")?.rate.toFixed()).toBe("1");
  });

  it("converts an entry so that it still balances where line-by-line rounding would not", () => {
    // Two debits of 0.01 and a credit of 0.02 at 0.5: each line alone gives 0.01 + 0.01 against 0.01.
    const lines = [
      { debit: new Decimal("0.01"), credit: new Decimal(0) },
      { debit: new Decimal("0.01"), credit: new Decimal(0) },
      { debit: new Decimal(0), credit: new Decimal("0.02") },
    ];
    expect(lines.map((line) => convertAmount(line.debit, new Decimal("0.5"), usd).toFixed(2))).toEqual([
      "0.01",
      "0.01",
      "0.00",
    ]);
    const converted = convertBalancedEntry(lines, new Decimal("0.5"), usd);
    expect(converted.map((line) => [line.debit.toFixed(2), line.credit.toFixed(2)])).toEqual([
      ["0.01", "0.00"],
      ["0.00", "0.00"],
      ["0.00", "0.01"],
    ]);
  });

  it("keeps every converted entry balanced, for any amounts and rates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        (debitCents, zeroCredits, rateMillionths) => {
          const debits = debitCents.map((cents) => new Decimal(cents).dividedBy(100));
          const total = sumDecimals(debits);
          // One credit of the total, with lines of zero beside it.
          const credits = [total, ...Array.from({ length: zeroCredits }, () => new Decimal(0))];
          const lines = [
            ...debits.map((debit) => ({ debit, credit: new Decimal(0) })),
            ...credits.map((credit) => ({ debit: new Decimal(0), credit })),
          ];
          const converted = convertBalancedEntry(
            lines,
            new Decimal(rateMillionths).dividedBy(1_000_000),
            usd,
          );
          const convertedDebits = sumDecimals(converted.map((line) => line.debit));
          expect(convertedDebits.equals(sumDecimals(converted.map((line) => line.credit)))).toBe(true);
        },
      ),
    );
  });

  it("says which dates a new or replaced rate would convert again, and none where no rate was in force", () => {
    const rate = (base: string, quote: string, date: string, value: string): ExchangeRate => ({
      base,
      quote,
      date,
      rate: new Decimal(value),
    });
    // Inside January: from its date to the next rate of the pair (1 February).
    expect(datesRepricedBy(rates, rate("EUR", "USD", "2026-01-15", "1.30"))).toEqual({
      from: "2026-01-15",
      until: "2026-02-01",
    });
    // After the last rate: no end. The inverse pair counts as the same pair.
    expect(datesRepricedBy(rates, rate("USD", "EUR", "2026-03-01", "0.9"))).toEqual({
      from: "2026-03-01",
      until: null,
    });
    // Replacing a rate with another value reprices its dates; with the same value, none.
    expect(datesRepricedBy(rates, rate("EUR", "USD", "2026-01-01", "1.11"))).toEqual({
      from: "2026-01-01",
      until: "2026-02-01",
    });
    expect(datesRepricedBy(rates, rate("EUR", "USD", "2026-01-01", "1.1"))).toBeNull();
    // Before any rate of the pair nothing was converted; a pair never stored neither.
    expect(datesRepricedBy(rates, rate("EUR", "USD", "2025-12-01", "1.05"))).toBeNull();
    expect(datesRepricedBy(rates, rate("JPY", "USD", "2026-01-15", "0.0067"))).toBeNull();
  });

  it("changes no rate in force outside the dates it names (property)", () => {
    const dates = ["2026-01-01", "2026-01-10", "2026-01-20", "2026-02-01", "2026-02-15", "2026-03-01"];
    const storedRate = fc.record({
      base: fc.constantFrom("EUR", "USD"),
      date: fc.constantFrom(...dates),
      rate: fc.constantFrom("0.9", "1.1", "1.2"),
    });
    fc.assert(
      fc.property(fc.array(storedRate, { maxLength: 6 }), storedRate, (stored, added) => {
        const asRate = (entry: { base: string; date: string; rate: string }): ExchangeRate => ({
          base: entry.base,
          quote: entry.base === "EUR" ? "USD" : "EUR",
          date: entry.date,
          rate: new Decimal(entry.rate),
        });
        const unique = new Map(stored.map((entry) => [`${entry.base}|${entry.date}`, asRate(entry)]));
        const before = [...unique.values()];
        const rateAdded = asRate(added);
        const after = [
          ...before.filter((other) => !(other.base === rateAdded.base && other.date === rateAdded.date)),
          rateAdded,
        ];
        const range = datesRepricedBy(before, rateAdded);
        for (const on of [...dates, "2026-01-05", "2026-02-20", "2026-04-01"]) {
          const inRange = range !== null && range.from <= on && (range.until === null || on < range.until);
          if (inRange) continue;
          const was = rateInForce(before, "EUR", "USD", on);
          if (was === undefined) continue;
          expect(rateInForce(after, "EUR", "USD", on)?.rate.toFixed()).toBe(was.rate.toFixed());
        }
      }),
    );
  });
});
