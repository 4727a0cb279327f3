import { describe, expect, it } from "vitest";
import { pickVersionInEffect, statusesAt, type VersionTiming } from "./version-in-effect.ts";

const day = (date: string) => new Date(`${date}T00:00:00Z`);

const versions: VersionTiming[] = [
  { version: 1, state: "published", effectiveFrom: day("2026-01-01"), retiredAt: null },
  { version: 2, state: "published", effectiveFrom: day("2026-03-01"), retiredAt: null },
  { version: 3, state: "published", effectiveFrom: day("2026-03-01"), retiredAt: null },
  { version: 4, state: "retired", effectiveFrom: day("2026-06-01"), retiredAt: day("2026-05-01") },
  { version: 5, state: "draft", effectiveFrom: null, retiredAt: null },
];

describe("pickVersionInEffect", () => {
  it("takes the latest effective date at or before the instant, the higher version on a tie", () => {
    expect(pickVersionInEffect(versions, day("2025-12-31"))).toBeUndefined();
    expect(pickVersionInEffect(versions, day("2026-02-28"))?.version).toBe(1);
    expect(pickVersionInEffect(versions, day("2026-03-01"))?.version).toBe(3);
  });

  it("ignores a version retired before it took effect, and none is in effect once the current one is retired", () => {
    expect(pickVersionInEffect(versions, day("2026-07-01"))?.version).toBe(3);
    const retiredCurrent: VersionTiming[] = [
      { version: 1, state: "retired", effectiveFrom: day("2026-01-01"), retiredAt: day("2026-02-01") },
    ];
    expect(pickVersionInEffect(retiredCurrent, day("2026-01-15"))?.version).toBe(1);
    expect(pickVersionInEffect(retiredCurrent, day("2026-02-01"))).toBeUndefined();
  });
});

describe("statusesAt", () => {
  it("tells published versions apart as active, superseded or scheduled", () => {
    expect([...statusesAt(versions, day("2026-02-01"))]).toEqual([
      [1, "active"],
      [2, "scheduled"],
      [3, "scheduled"],
      [4, "retired"],
      [5, "draft"],
    ]);
    expect(statusesAt(versions, day("2026-04-01")).get(2)).toBe("superseded");
    expect(statusesAt(versions, day("2026-04-01")).get(3)).toBe("active");
  });
});
