import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

describe("newId", () => {
  it("sorts ids made in the same millisecond in the order they were made", () => {
    const frozen = new Date("2026-01-01T00:00:00Z");
    const ids = Array.from({ length: 5000 }, () => newId("coupon", frozen));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps that order when ids of another millisecond are made in between", () => {
    const frozen = new Date("2026-01-01T00:00:00Z");
    const ids: string[] = [];
    for (let count = 0; count < 100; count++) {
      ids.push(newId("creditGrant", frozen));
      newId("auditEvent", new Date(Date.now() + count));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it("sorts by time first", () => {
    const earlier = newId("customer", new Date("2026-01-01T00:00:00Z"));
    const later = newId("customer", new Date("2026-01-01T00:00:00.001Z"));
    expect(earlier < later).toBe(true);
    expect(earlier).toMatch(/^cus_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
