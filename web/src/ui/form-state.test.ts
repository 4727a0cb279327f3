import { describe, expect, it } from "vitest";
import { getIn, setIn } from "./form-state.ts";

describe("getIn and setIn", () => {
  const values = { version: { charges: [{ id: "a", tiers: [{ up_to: "1" }] }] }, name: "x" };

  it("read a value by its dotted name, through arrays", () => {
    expect(getIn(values, "version.charges.0.tiers.0.up_to")).toBe("1");
    expect(getIn(values, "version.charges.3.id")).toBeUndefined();
    expect(getIn(values, "name.length.x")).toBeUndefined();
  });

  it("replace a value in a copy, leaving the original as it was", () => {
    const changed = setIn(values, "version.charges.0.tiers.0.up_to", "5");
    expect(getIn(changed, "version.charges.0.tiers.0.up_to")).toBe("5");
    expect(getIn(values, "version.charges.0.tiers.0.up_to")).toBe("1");
    expect(changed.name).toBe("x");
  });
});
