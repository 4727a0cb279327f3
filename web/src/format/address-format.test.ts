import { describe, expect, it } from "vitest";
import { localityLines } from "./address-format.ts";

describe("localityLines", () => {
  it("writes a US address city first: San Francisco, CA 94105", () => {
    expect(
      localityLines({ city: "San Francisco", state: "CA", postal_code: "94105", country: "US" }),
    ).toEqual(["San Francisco, CA 94105", "US"]);
  });

  it("writes a German address postcode first, and takes the country from the party", () => {
    expect(localityLines({ city: "Berlin", postal_code: "10115" }, "DE")).toEqual(["10115 Berlin", "DE"]);
  });
});
