// The stream's shortcut for plainly valid events (plainlyValidEvent) never
// takes an event the scenario schema and its rules would refuse, and what it
// takes is the event unchanged, as the schema's check would give it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../pricing/index.ts";
import { plainlyValidEvent, ScenarioEvent, ScenarioEventV2 } from "./scenario-schema.ts";

const plain = {
  id: "evt_1",
  name: "completion",
  timestamp: "2026-01-15T10:00:00Z",
  properties: { tokens: 10, model: "large" },
};

function schemaCheck(value: unknown, version: 1 | 2) {
  return checkDocument(version === 2 ? ScenarioEventV2 : ScenarioEvent, value, undefined, {
    nullMeansLeftOut: true,
  });
}

describe("plainlyValidEvent", () => {
  it("takes a plain event of either version as it is", () => {
    expect(plainlyValidEvent(plain, 1)).toBe(plain);
    const late = { ...plain, received_at: "2026-01-15T10:00:00.5Z" };
    expect(plainlyValidEvent(late, 2)).toBe(late);
    expect(
      plainlyValidEvent({ id: "e", name: "n", timestamp: "2026-01-15T10:00:00+01:00" }, 2),
    ).toBeDefined();
  });

  it("leaves to the schema every event it would have to correct or refuse", () => {
    for (const event of [
      { ...plain, received_at: "2026-01-15T10:00:00Z" },
      { ...plain, received_at: "2026-01-15T09:59:59Z" },
      { ...plain, received_at: null },
      { ...plain, properties: null },
      { ...plain, properties: [] },
      { ...plain, id: "" },
      { ...plain, name: 3 },
      { ...plain, timestamp: "2026-02-30T00:00:00Z" },
      { ...plain, extra: true },
      null,
      [plain],
    ]) {
      expect(plainlyValidEvent(event, event !== null && "received_at" in event ? 1 : 2)).toBeUndefined();
    }
    expect(plainlyValidEvent({ ...plain, received_at: "2026-01-15T09:59:59Z" }, 2)).toBeUndefined();
  });

  it("takes only what the schema takes, and gives what the schema gives", () => {
    const text = fc.oneof(
      fc.constantFrom(
        "",
        "evt",
        "2026-01-15T10:00:00Z",
        "2026-01-15T10:00:00.123+02:00",
        "2026-13-01T00:00:00Z",
      ),
      fc.string({ maxLength: 4 }),
    );
    const field = fc.oneof(text, fc.constant(null), fc.integer(), fc.constant({}), fc.constant([]));
    // Mostly valid fields, so that many events are taken and compared.
    const mostly = (valid: fc.Arbitrary<unknown>) =>
      fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: field, weight: 1 });
    const instant = fc.constantFrom(
      "2026-01-15T10:00:00Z",
      "2026-01-15T10:00:00.123+02:00",
      "2026-01-16T00:00:00Z",
    );
    const event = fc.record(
      {
        id: mostly(fc.constantFrom("evt_1", "e")),
        name: mostly(fc.constant("completion")),
        timestamp: mostly(instant),
        properties: fc.oneof(fc.constant({ a: 1, b: null }), fc.constant(null), fc.constant([]), text),
        received_at: mostly(instant),
        other: field,
      },
      { requiredKeys: ["id", "name", "timestamp"] },
    );
    let taken = 0;
    fc.assert(
      fc.property(event, fc.constantFrom(1 as const, 2 as const), (value, version) => {
        const plainEvent = plainlyValidEvent(value, version);
        if (plainEvent === undefined) return;
        taken++;
        const checked = schemaCheck(value, version);
        expect(checked.ok).toBe(true);
        if (checked.ok) expect(checked.value).toEqual(plainEvent);
      }),
      // About one event in a hundred comes out plain: 10,000 runs take about 100 of them, so that the
      // comparison below is never starved (at 2,000 runs the count sat at about 20 and fell under it by chance).
      { numRuns: 10_000 },
    );
    expect(taken).toBeGreaterThan(20);
  });
});
