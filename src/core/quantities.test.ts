import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantityAt, quantityStepsWithin, quantityStretches, quantityTimeline } from "./quantities.ts";
import type { QuantityChange, Subscription } from "./subscription.ts";

function timeline(initial: Record<string, number>, changes: QuantityChange[]) {
  const subscription: Subscription = {
    planCode: "team",
    start: 0,
    timeZone: "UTC",
    alignment: "calendar",
    trialDays: 0,
    changes: [],
    quantities: new Map(Object.entries(initial)),
    quantityChanges: changes,
  };
  return quantityTimeline(subscription);
}

const seats = (at: number, quantity: number): QuantityChange => ({ at, chargeId: "seats", quantity });

describe("quantities over time (V8, V9)", () => {
  const history = timeline({ seats: 25 }, [seats(10, 30), seats(20, 28), seats(20, 31)]);

  it("hold 1 for a charge never named, the start's quantity until a change", () => {
    expect(quantityAt(history, "licences", 15, "at")).toBe(1);
    expect(quantityAt(history, "seats", 0, "at")).toBe(25);
    expect(quantityAt(history, "seats", 10, "before")).toBe(25);
    expect(quantityAt(history, "seats", 10, "at")).toBe(30);
  });

  it("apply changes at one instant in the order listed, each from the one before", () => {
    expect(quantityAt(history, "seats", 20, "at")).toBe(31);
    expect(
      quantityStepsWithin(history, "seats", 0, 30).map((step) => [step.previous, step.quantity]),
    ).toEqual([
      [25, 30],
      [30, 28],
      [28, 31],
    ]);
  });

  it("leave out changes at the range's ends", () => {
    expect(quantityStepsWithin(history, "seats", 10, 20)).toEqual([]);
  });

  it("cut a range into stretches of constant quantity (V10)", () => {
    expect(quantityStretches(history, "seats", 5, 40)).toEqual([
      { start: 5, end: 10, quantity: 25 },
      { start: 10, end: 20, quantity: 30 },
      { start: 20, end: 40, quantity: 31 },
    ]);
  });

  it("give stretches that tile the range, each at the quantity in force at its start (property)", () => {
    const changes = fc.array(
      fc.record({ at: fc.integer({ min: 0, max: 100 }), quantity: fc.integer({ min: 0, max: 50 }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        changes,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (list, from, length) => {
          const sorted = [...list]
            .sort((left, right) => left.at - right.at)
            .map((change) => seats(change.at, change.quantity));
          const history = timeline({}, sorted);
          const stretches = quantityStretches(history, "seats", from, from + length);
          expect(stretches[0]!.start).toBe(from);
          expect(stretches.at(-1)!.end).toBe(from + length);
          for (const [index, stretch] of stretches.entries()) {
            expect(stretch.start).toBeLessThan(stretch.end);
            if (index > 0) expect(stretch.start).toBe(stretches[index - 1]!.end);
            expect(stretch.quantity).toBe(quantityAt(history, "seats", stretch.start, "at"));
          }
        },
      ),
    );
  });
});
