import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { monthEndAccrual } from "./usage-accrual.ts";

const amounts = (...values: string[]) => values.map((value) => new Decimal(value));

describe("what a month end accrues for a billing period", () => {
  it("is the period-to-date amount at the first month end", () => {
    expect(monthEndAccrual(new Decimal("20.00"), []).toFixed(2)).toBe("20.00");
  });

  it("is the period-to-date amount less what earlier month ends accrued", () => {
    // Graduated usage with 1,000 free: January's 1,200 units earn 20.00, February's period-to-date 70.00.
    expect(monthEndAccrual(new Decimal("70.00"), amounts("20.00")).toFixed(2)).toBe("50.00");
    expect(monthEndAccrual(new Decimal("95.50"), amounts("20.00", "50.00")).toFixed(2)).toBe("25.50");
  });

  it("can be negative when the period-to-date amount fell (a volume tier reached later)", () => {
    expect(monthEndAccrual(new Decimal("15.00"), amounts("20.00")).toFixed(2)).toBe("-5.00");
  });
});
