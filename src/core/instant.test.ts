import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInstant, parseInstant } from "./instant.ts";

describe("parseInstant", () => {
  it("reads RFC 3339 timestamps with Z or an offset, and up to milliseconds", () => {
    expect(parseInstant("2026-01-15T00:00:00Z")).toBe(Date.UTC(2026, 0, 15));
    expect(parseInstant("2026-01-15T01:30:00+01:30")).toBe(Date.UTC(2026, 0, 15));
    expect(parseInstant("2026-01-14T19:00:00-05:00")).toBe(Date.UTC(2026, 0, 15));
    expect(parseInstant("2026-01-15T00:00:00.5Z")).toBe(Date.UTC(2026, 0, 15) + 500);
    expect(parseInstant("2026-01-15T00:00:00.123Z")).toBe(Date.UTC(2026, 0, 15) + 123);
    expect(parseInstant("2024-02-29T12:00:00Z")).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseInstant("0099-01-01T00:00:00Z")).toBe(Date.parse("0099-01-01T00:00:00Z"));
  });

  it.each([
    ["2026-13-01T00:00:00Z", "a month that does not exist"],
    ["2026-00-10T00:00:00Z", "a month that does not exist"],
    ["2026-02-29T00:00:00Z", "a day that does not exist, instead of rolling it over"],
    ["2026-04-31T00:00:00Z", "a day that does not exist, instead of rolling it over"],
    ["2026-01-01T24:00:00Z", "an hour that does not exist"],
    ["2026-01-01T00:60:00Z", "a minute that does not exist"],
    ["2026-01-01T00:00:60Z", "a second that does not exist"],
    ["2026-01-01T00:00:00+24:00", "an offset that does not exist"],
    ["2026-01-01", "a date without a time"],
    ["2026-01-01T00:00:00", "a time without a zone"],
    ["2026-01-01 00:00:00Z", "a space for the T"],
    ["2026-01-01T00:00:00.Z", "a fraction without digits"],
    ["2026-01-01T00:00:00.1234Z", "more than milliseconds"],
    ["2026-01-01T00:00:00+0100", "an offset without a colon"],
    ["2026-01-01T00:00:00ZZ", "two zones"],
    ["03/01/2026", "another format"],
    ["", "nothing"],
  ])("rejects %j: %s", (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it("agrees with Date.parse on every valid timestamp", () => {
    const instants = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(instants, fc.constantFrom("Z", "+05:30", "-11:45"), (instant, offset) => {
        const text = new Date(instant).toISOString().replace("Z", offset);
        expect(parseInstant(text)).toBe(Date.parse(text));
      }),
    );
  });
});

describe("formatInstant", () => {
  it("prints UTC to the second", () => {
    expect(formatInstant(Date.UTC(2026, 1, 15))).toBe("2026-02-15T00:00:00Z");
    expect(formatInstant(Date.UTC(2026, 1, 15, 4, 5, 6, 789))).toBe("2026-02-15T04:05:06Z");
  });

  it("round-trips through parseInstant at whole seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (seconds) => {
        expect(parseInstant(formatInstant(seconds * 1000))).toBe(seconds * 1000);
      }),
    );
  });
});
