import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { priceOneOffLines } from "./one-off-lines.ts";

const line = (quantity: string, unitAmount: string) => ({
  quantity: new Decimal(quantity),
  unitAmount: new Decimal(unitAmount),
});

describe("priceOneOffLines", () => {
  it("rounds each quantity × unit amount once to the currency", () => {
    const priced = priceOneOffLines(
      [line("2", "450.00"), line("1", "120.333"), line("3", "0.335")],
      currencyFor("EUR"),
      0,
    );
    expect(priced.ok && priced.lines.map((entry) => entry.amount.toFixed(2))).toEqual([
      "900.00",
      "120.33",
      "1.01",
    ]);
    const yen = priceOneOffLines([line("1.5", "101")], currencyFor("JPY"), 0);
    expect(yen.ok && yen.lines.map((entry) => entry.amount.toFixed())).toEqual(["152"]);
  });

  it("refuses every line that is not zero but rounds to zero, by its path", () => {
    expect(
      priceOneOffLines([line("1", "0.001"), line("0", "5"), line("0.1", "0.04")], currencyFor("USD"), 0),
    ).toEqual({
      ok: false,
      refusals: [
        { path: "$.lines[0]", message: "rounds to zero in the currency" },
        { path: "$.lines[2]", message: "rounds to zero in the currency" },
      ],
    });
  });
});
