// The timeline read at an instant agrees with the billing core's schedule on
// the edges: a cancellation exactly on a period boundary, one during a trial,
// a change to a plan billed on another interval, and the order of statuses.
import { describe, expect, it } from "vitest";
import type { Catalog, Subscription } from "../core/index.ts";
import { endOf, periodAt, periodEndAfter, planVersionAt, statusAt } from "./subscription-timeline.ts";

const instant = (text: string) => Date.parse(text);
const catalog: Catalog = {
  meters: new Map(),
  plans: new Map([
    ["monthly", { code: "monthly", interval: { unit: "month", count: 1 }, charges: [] }],
    ["yearly", { code: "yearly", interval: { unit: "year", count: 1 }, charges: [] }],
  ]),
};

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    planCode: "monthly",
    start: instant("2026-01-01T00:00:00Z"),
    timeZone: "UTC",
    alignment: "anniversary",
    trialDays: 0,
    changes: [],
    ...overrides,
  };
}

describe("the subscription timeline", () => {
  it("ends a period_end cancellation made exactly on a boundary with the period that starts there", () => {
    const canceled = subscription({
      changes: [{ type: "cancel", at: instant("2026-02-01T00:00:00Z"), mode: "period_end" }],
    });
    expect(endOf(canceled, catalog)).toBe(instant("2026-03-01T00:00:00Z"));
    const immediate = subscription({
      changes: [{ type: "cancel", at: instant("2026-02-10T00:00:00Z"), mode: "immediate" }],
    });
    expect(endOf(immediate, catalog)).toBe(instant("2026-02-10T00:00:00Z"));
    expect(endOf(subscription(), catalog)).toBeNull();
  });

  it("ends a period_end cancellation made during a trial when the trial ends, before any period", () => {
    const trial = subscription({
      trialDays: 14,
      changes: [{ type: "cancel", at: instant("2026-01-05T00:00:00Z"), mode: "period_end" }],
    });
    expect(endOf(trial, catalog)).toBe(instant("2026-01-15T00:00:00Z"));
    expect(periodAt(trial, catalog, instant("2026-01-10T00:00:00Z"))).toBeNull();
    expect(periodEndAfter(trial, catalog, instant("2026-01-10T00:00:00Z"))).toBe(
      instant("2026-01-15T00:00:00Z"),
    );
  });

  it("keeps the current period after a change to a yearly plan, then bills yearly from its end", () => {
    const upgraded = subscription({
      changes: [{ type: "change_plan", at: instant("2026-02-10T00:00:00Z"), planCode: "yearly" }],
    });
    expect(planVersionAt(upgraded, instant("2026-02-09T00:00:00Z"))).toBe("monthly");
    expect(planVersionAt(upgraded, instant("2026-02-10T00:00:00Z"))).toBe("yearly");
    expect(periodEndAfter(upgraded, catalog, instant("2026-02-15T00:00:00Z"))).toBe(
      instant("2026-03-01T00:00:00Z"),
    );
    expect(periodAt(upgraded, catalog, instant("2026-06-01T00:00:00Z"))).toMatchObject({
      start: instant("2026-03-01T00:00:00Z"),
      end: instant("2027-03-01T00:00:00Z"),
    });
  });

  it("gives statuses in order: ended, scheduled, paused, canceling, trialing, active", () => {
    const trial = subscription({ trialDays: 7 });
    const during = instant("2026-01-03T00:00:00Z");
    const pauses = [{ from: instant("2026-01-02T00:00:00Z"), until: instant("2026-01-04T00:00:00Z") }];
    expect(statusAt(trial, null, [], instant("2025-12-31T00:00:00Z"))).toBe("scheduled");
    expect(statusAt(trial, null, [], during)).toBe("trialing");
    expect(statusAt(trial, null, pauses, during)).toBe("paused");
    expect(statusAt(trial, instant("2026-02-01T00:00:00Z"), [], during)).toBe("canceling");
    expect(statusAt(trial, instant("2026-01-03T00:00:00Z"), pauses, during)).toBe("ended");
    expect(statusAt(trial, null, pauses, instant("2026-01-04T00:00:00Z"))).toBe("trialing");
    expect(statusAt(trial, null, [], instant("2026-01-08T00:00:00Z"))).toBe("active");
  });
});
