import { describe, expect, it } from "vitest";
import { instantFromLocal, instantIfGiven, nextWholeMinute } from "./local-instant.ts";

describe("instantFromLocal", () => {
  it("reads a datetime-local value in the browser's zone and gives UTC", () => {
    const local = "2026-03-04T15:30";
    expect(instantFromLocal(local)).toBe(new Date(local).toISOString());
  });
  it("returns what it cannot read unchanged", () => {
    expect(instantFromLocal("soon")).toBe("soon");
  });
});

describe("instantIfGiven", () => {
  it("names the instant of a value typed, and nothing for an empty one", () => {
    const local = "2026-03-04T15:30";
    expect(instantIfGiven("expires_at", local)).toEqual({ expires_at: new Date(local).toISOString() });
    expect(instantIfGiven("expires_at", "")).toEqual({});
  });
});

describe("nextWholeMinute", () => {
  it("is the start of the next minute, even on a whole minute", () => {
    expect(nextWholeMinute(new Date("2026-03-04T15:30:12.345Z"))).toBe("2026-03-04T15:31:00.000Z");
    expect(nextWholeMinute(new Date("2026-03-04T15:30:00.000Z"))).toBe("2026-03-04T15:31:00.000Z");
  });
});
