// The portal's forecast: usage lines extrapolated in a straight line to the
// end of their period, other lines as they are, exact to the minor unit.
import { describe, expect, it } from "vitest";
import { forecastSpend } from "./spend-forecast.ts";

const period = { period_start: "2026-03-01T00:00:00Z", period_end: "2026-04-01T00:00:00Z" };

describe("forecastSpend", () => {
  it("extrapolates usage by the share of the period elapsed and keeps fixed lines", () => {
    const forecast = forecastSpend(
      [
        { kind: "fixed", amount: "20.00", ...period },
        { kind: "usage", amount: "10.00", ...period },
      ],
      "USD",
      new Date("2026-03-11T00:00:00Z"),
    );
    // 10.00 × 31 days ÷ 10 days elapsed.
    expect(forecast).toMatchObject({
      period_start: "2026-03-01T00:00:00.000Z",
      period_end: "2026-04-01T00:00:00.000Z",
      usage_to_date: "10.00",
      usage_forecast: "31.00",
      subtotal_to_date: "30.00",
      subtotal_forecast: "51.00",
    });
  });

  it("reads the pace over at least a day, and projects nothing outside the period", () => {
    const lines = [{ kind: "usage", amount: "2.00", ...period }];
    expect(forecastSpend(lines, "USD", new Date("2026-03-01T00:05:00Z"))?.usage_forecast).toBe("62.00");
    expect(forecastSpend(lines, "USD", new Date("2026-04-02T00:00:00Z"))?.usage_forecast).toBe("2.00");
    expect(forecastSpend(lines, "USD", new Date("2026-02-20T00:00:00Z"))?.usage_forecast).toBe("2.00");
  });

  it("rounds to the currency's minor unit without floats", () => {
    const forecast = forecastSpend(
      [{ kind: "usage", amount: "1", ...period }],
      "JPY",
      new Date("2026-03-04T00:00:00Z"),
    );
    // 1 × 31 ÷ 3 = 10.333… yen, rounded to whole yen.
    expect(forecast?.usage_forecast).toBe("10");
  });

  it("has nothing to forecast without a line that has a period", () => {
    expect(
      forecastSpend(
        [{ kind: "one_off", amount: "5.00", period_start: null, period_end: null }],
        "USD",
        new Date(),
      ),
    ).toBeNull();
  });
});
