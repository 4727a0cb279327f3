import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { amountFromMinorUnits, priceTextFromMinorUnits } from "./minor-unit-amounts.ts";

describe("amounts from minor units", () => {
  it("divides by the currency's minor digits, exactly", () => {
    expect(priceTextFromMinorUnits("1250", currencyFor("USD"))).toBe("12.5");
    expect(priceTextFromMinorUnits(1999, currencyFor("EUR"))).toBe("19.99");
    expect(priceTextFromMinorUnits("0.5", currencyFor("USD"))).toBe("0.005");
    expect(priceTextFromMinorUnits("500", currencyFor("JPY"))).toBe("500");
    expect(priceTextFromMinorUnits("1234", currencyFor("BHD"))).toBe("1.234");
    expect(amountFromMinorUnits("-300", currencyFor("USD")).toFixed(2)).toBe("-3.00");
  });
});
