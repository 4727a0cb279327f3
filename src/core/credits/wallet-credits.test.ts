import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { walletCreditsOf, walletCreditValue } from "./wallet-credits.ts";

const value = (credits: string, rate: string, code: string) => {
  const result = walletCreditValue(new Decimal(credits), new Decimal(rate), currencyFor(code));
  return [result.value.toFixed(), result.inWholeMinorUnits];
};

describe("wallet credits", () => {
  it("values credits at the wallet's rate, in whole minor units or refused", () => {
    expect(value("1000", "100", "USD")).toEqual(["10", true]);
    expect(value("1", "100", "USD")).toEqual(["0.01", true]);
    expect(value("1", "1000", "USD")).toEqual(["0.001", false]);
    expect(value("1", "1000", "BHD")).toEqual(["0.001", true]);
    expect(value("150", "100", "JPY")).toEqual(["1.5", false]);
    // 1 ÷ 3 is not exact: refused rather than rounded.
    expect(value("1", "3", "USD")[1]).toBe(false);
  });

  it("counts a wallet's money in credits", () => {
    expect(walletCreditsOf(new Decimal("12.34"), new Decimal(100)).toFixed()).toBe("1234");
  });
});
