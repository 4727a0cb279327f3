import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { usageChargeAmount } from "./price-usage.ts";

describe("usageChargeAmount", () => {
  it("bills the exact price rounded once to the currency, as an invoice line does", () => {
    const pricing = {
      model: "per_unit" as const,
      unitPrice: new Decimal("0.0015"),
      freeUnits: new Decimal(0),
    };
    const aggregate = { quantity: new Decimal(1003), eventCount: 1003 };
    expect(usageChargeAmount(pricing, aggregate, currencyFor("USD")).toFixed()).toBe("1.5");
    expect(usageChargeAmount(pricing, aggregate, currencyFor("BHD")).toFixed()).toBe("1.505");
    expect(usageChargeAmount(pricing, aggregate, currencyFor("JPY")).toFixed()).toBe("2");
  });
});
