// Dunning steps typed as day lists, and read back.
import { describe, expect, it } from "vitest";
import { daysOf, daysText, describeDays } from "./day-lists.ts";

describe("day lists", () => {
  it("reads days separated by commas or spaces", () => {
    expect(daysOf("1, 3,7  14")).toEqual([1, 3, 7, 14]);
    expect(daysOf("  ")).toEqual([]);
  });

  it("passes what is not a whole number on as typed, for the API to name", () => {
    expect(daysOf("2, soon")).toEqual([2, "soon"]);
  });

  it("writes and describes them", () => {
    expect(daysText([1, 3, 7])).toBe("1, 3, 7");
    expect(describeDays([1, 3, 7], "after a failure")).toBe("1, 3 and 7 days after a failure");
    expect(describeDays([1], "before the due date")).toBe("1 day before the due date");
    expect(describeDays([], "before the due date")).toBe("None before the due date");
  });
});
