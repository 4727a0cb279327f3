import { describe, expect, it } from "vitest";
import { openingMeterOf, rangeBounds, usageRanges } from "./usage-ranges.ts";

const range = (id: string) => usageRanges.find((candidate) => candidate.id === id)!;

describe("rangeBounds", () => {
  const now = new Date("2026-03-31T10:25:00Z");

  it("ends at the start of the next hour, so the current hour is included", () => {
    expect(rangeBounds(range("24h"), now)).toEqual({
      from: "2026-03-30T11:00:00.000Z",
      to: "2026-03-31T11:00:00.000Z",
    });
  });

  it("goes back whole days and months", () => {
    expect(rangeBounds(range("30d"), now).from).toBe("2026-03-01T11:00:00.000Z");
    expect(rangeBounds(range("12m"), now).from).toBe("2025-03-31T11:00:00.000Z");
  });
});

describe("openingMeterOf", () => {
  const meters = [{ code: "api_calls" }, { code: "storage_gb" }, { code: "ai_tokens" }];

  it("opens on the first meter the customer's upcoming invoice prices, not the first meter there is", () => {
    const lines = [
      { details: { kind: "fixed" } },
      { details: { kind: "usage", meter: "ai_tokens" } },
      { details: { kind: "usage", meter: "storage_gb" } },
    ];
    expect(openingMeterOf(lines, meters)).toBe("ai_tokens");
  });

  it("falls back on the first meter without an upcoming invoice or a priced meter", () => {
    expect(openingMeterOf([], meters)).toBe("api_calls");
    expect(openingMeterOf([{ details: { meter: "retired_meter" } }], meters)).toBe("api_calls");
  });
});
