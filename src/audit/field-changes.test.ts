import { describe, expect, it } from "vitest";
import { fieldChanges } from "./field-changes.ts";

describe("fieldChanges", () => {
  it("lists each changed leaf by path, added and removed fields and elements included", () => {
    expect(
      fieldChanges(
        {
          name: "Old",
          email: "a@b.example",
          tiers: [{ unit_price: "1" }, { unit_price: "2" }],
          tags: { a: "1" },
        },
        {
          name: "New",
          email: null,
          tiers: [{ unit_price: "1.5" }],
          tags: { a: "1", "b c": "2" },
          extra: true,
        },
      ),
    ).toEqual([
      { path: "$.name", change: "changed", before: "Old", after: "New" },
      { path: "$.email", change: "removed", before: "a@b.example", after: null },
      { path: "$.tiers[0].unit_price", change: "changed", before: "1", after: "1.5" },
      { path: "$.tiers[1]", change: "removed", before: { unit_price: "2" }, after: null },
      { path: '$.tags["b c"]', change: "added", before: null, after: "2" },
      { path: "$.extra", change: "added", before: null, after: true },
    ]);
  });

  it("finds nothing between equal values, whatever the key order", () => {
    expect(fieldChanges({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(fieldChanges(null, null)).toEqual([]);
    expect(fieldChanges(null, { id: "x" })).toEqual([
      { path: "$.id", change: "added", before: null, after: "x" },
    ]);
  });
});
