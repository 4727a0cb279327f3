import { describe, expect, it } from "vitest";
import { isBusinessIn, normalizeTaxId, taxIdLooksValid } from "./tax-ids.ts";

describe("tax id formats", () => {
  it.each([
    ["DE", "DE123456789"],
    ["DE", "de 123 456 789"],
    ["AT", "ATU12345678"],
    ["BE", "BE0123456789"],
    ["FR", "FR40303265045"],
    ["FR", "FRXX303265045"],
    ["GR", "EL123456789"],
    ["NL", "NL123456789B01"],
    ["IE", "IE6388047V"],
    ["IE", "IE1234567WA"],
    ["ES", "ESX1234567Y"],
    ["SE", "SE123456789701"],
    ["IT", "IT12345678901"],
    ["PL", "PL-123-456-78-90"],
    ["GB", "GB123456789"],
    ["GB", "XI123456789"],
    ["GB", "GBGD001"],
    ["CH", "CHE-116.281.710 MWST"],
    ["CH", "CHE116281710"],
    ["NO", "NO 923 609 016 MVA"],
    ["NO", "923609016"],
    ["AU", "51 824 753 556"],
    ["CA", "123456782"],
    ["CA", "123456782RT0001"],
  ])("%s accepts %s", (country, value) => {
    expect(taxIdLooksValid(country, value)).toBe(true);
  });

  it.each([
    ["DE", "123456789", "the EU VAT id lacks its country prefix"],
    ["DE", "DE12345678", "one digit short"],
    ["DE", "FR40303265045", "a French id for a German customer"],
    ["AT", "AT12345678", "Austrian ids start with U"],
    ["BE", "BE2123456789", "Belgian ids start with 0 or 1"],
    ["FR", "FRIO303265045", "I and O are not used in the French key"],
    ["GR", "GR123456789", "Greek VAT ids use the prefix EL"],
    ["NL", "NL123456789001", "Dutch ids have B before the last two digits"],
    ["SE", "SE123456789700", "Swedish ids end in 01"],
    ["GB", "GB12345678", "eight digits"],
    ["CH", "CHE116281711", "a wrong check digit"],
    ["NO", "NO923609015MVA", "a wrong check digit"],
    ["AU", "51824753557", "fails the mod-89 check"],
    ["CA", "12345678", "eight digits"],
    ["US", "12-3456789", "no format is known for the country"],
    ["DE", "", "empty"],
  ])("%s refuses %s (%s)", (country, value) => {
    expect(taxIdLooksValid(country, value)).toBe(false);
  });

  it("normalizes case and separators", () => {
    expect(normalizeTaxId(" che-116.281.710/mwst ")).toBe("CHE116281710MWST");
  });

  it("makes a customer a business when any of its ids fits its country", () => {
    expect(isBusinessIn("DE", ["not a number", "DE123456789"])).toBe(true);
    expect(isBusinessIn("DE", ["FR40303265045"])).toBe(false);
    expect(isBusinessIn(null, ["DE123456789"])).toBe(false);
  });
});
