import { describe, expect, it } from "vitest";
import { fieldErrorMap, fieldNameOfPath, unplacedFieldErrors } from "./field-errors.ts";

describe("fieldNameOfPath", () => {
  it("turns the API's JSON paths into form field names", () => {
    expect(fieldNameOfPath("$.email")).toBe("email");
    expect(fieldNameOfPath("$.billing_address.country")).toBe("billing_address.country");
    expect(fieldNameOfPath("$.tax_ids[1].value")).toBe("tax_ids.1.value");
    expect(fieldNameOfPath('$.metadata["plan tier"]')).toBe("metadata.plan tier");
    expect(fieldNameOfPath("$")).toBe("");
  });
});

describe("fieldErrorMap", () => {
  it("keeps the first message of each field", () => {
    expect(
      fieldErrorMap([
        { path: "$.email", message: "must be an email address" },
        { path: "$.email", message: "is too long" },
        { path: "$.country", message: "is not a country" },
      ]),
    ).toEqual({ email: "must be an email address", country: "is not a country" });
  });
});

describe("unplacedFieldErrors", () => {
  it("returns the errors no input shows", () => {
    const errors = [
      { path: "$.email", message: "is wrong" },
      { path: "$.parent_customer_id", message: "is unknown" },
    ];
    expect(unplacedFieldErrors(errors, new Set(["email"]))).toEqual([errors[1]]);
  });
});
