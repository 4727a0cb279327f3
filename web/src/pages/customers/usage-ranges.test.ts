import { describe, expect, it } from "vitest";
import { rangeBounds, usageRanges } from "./usage-ranges.ts";

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
