import { describe, expect, it } from "vitest";
import { fieldName } from "./audit-change-text.ts";

describe("an audit change's field in words", () => {
  it("reads nested fields and list positions, counted from one", () => {
    expect(fieldName("$.billing_address.city")).toBe("billing address › city");
    expect(fieldName("$.tax_ids[0].value")).toBe("tax ids › 1 › value");
    expect(fieldName("$.charges[1].tiers[12].unit_price")).toBe("charges › 2 › tiers › 13 › unit price");
    expect(fieldName("$.name")).toBe("name");
  });
});
