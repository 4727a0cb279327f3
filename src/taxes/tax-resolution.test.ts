import { describe, expect, it } from "vitest";
import { plainTaxQuote } from "../../test/support/tax-quotes.ts";
import { Decimal } from "../core/index.ts";
import { reverseChargeNote, type TaxRequest } from "./tax-quote.ts";
import { normalizeRegion, quoteFromTable, type TableRate } from "./tax-resolution.ts";

let sequence = 0;
function rate(fields: Partial<Omit<TableRate, "percent">> & { country: string; percent: string }): TableRate {
  sequence += 1;
  return {
    id: `txr_${String(sequence).padStart(4, "0")}`,
    region: null,
    name: "VAT",
    inclusive: false,
    reverseChargeEligible: false,
    validFrom: null,
    validUntil: null,
    ...fields,
    percent: new Decimal(fields.percent),
  };
}

function request(
  customer: Partial<TaxRequest["customer"]>,
  options: { seller?: Partial<TaxRequest["seller"]>; at?: string } = {},
): TaxRequest {
  return {
    seller: { country: "DE", region: null, taxId: "DE123456789", ...options.seller },
    customer: { id: "cus_1", country: null, region: null, taxIds: [], ...customer },
    currency: "EUR",
    issuedAt: new Date(options.at ?? "2026-03-01T00:00:00Z"),
  };
}

const rates = [
  rate({ country: "DE", percent: "19", reverseChargeEligible: true }),
  rate({ country: "FR", name: "TVA", percent: "20", reverseChargeEligible: true }),
  rate({ country: "AT", name: "USt", percent: "20", reverseChargeEligible: false }),
  rate({ country: "US", region: "CA", name: "California sales tax", percent: "7.25" }),
  rate({ country: "US", region: "NY", name: "New York sales tax", percent: "4" }),
  rate({ country: "CA", name: "GST", percent: "5" }),
  rate({ country: "CA", region: "ON", name: "HST", percent: "13" }),
  rate({ country: "AU", name: "GST", percent: "10", inclusive: true }),
];

describe("the built-in table", () => {
  it.each([
    {
      case: "domestic rate",
      request: request({ country: "DE", taxIds: ["DE987654321"] }),
      percent: "19",
      component: { name: "VAT", percent: "19", jurisdiction: "DE" },
    },
    {
      case: "consumer in another EU country: the customer country's rate",
      request: request({ country: "FR" }),
      percent: "20",
      component: { name: "TVA", percent: "20", jurisdiction: "FR" },
    },
    {
      case: "EU business with an id that does not look valid: no reverse charge",
      request: request({ country: "FR", taxIds: ["FR123"] }),
      percent: "20",
      component: { name: "TVA", percent: "20", jurisdiction: "FR" },
    },
    {
      case: "EU business whose country's rate is not reverse-charge eligible",
      request: request({ country: "AT", taxIds: ["ATU12345678"] }),
      percent: "20",
      component: { name: "USt", percent: "20", jurisdiction: "AT" },
    },
    {
      case: "region rate",
      request: request({ country: "US", region: "CA" }),
      percent: "7.25",
      component: { name: "California sales tax", percent: "7.25", jurisdiction: "US-CA" },
    },
    {
      case: "region written as the full ISO 3166-2 code, in lower case",
      request: request({ country: "US", region: "us-ny" }),
      percent: "4",
      component: { name: "New York sales tax", percent: "4", jurisdiction: "US-NY" },
    },
    {
      case: "region rate in place of the country rate",
      request: request({ country: "CA", region: "ON" }),
      percent: "13",
      component: { name: "HST", percent: "13", jurisdiction: "CA-ON" },
    },
    {
      case: "a region without its own rate: the country rate",
      request: request({ country: "CA", region: "AB" }),
      percent: "5",
      component: { name: "GST", percent: "5", jurisdiction: "CA" },
    },
  ])("$case", ({ request: taxRequest, percent, component }) => {
    expect(plainTaxQuote(quoteFromTable(taxRequest, rates))).toEqual({
      percent,
      inclusive: false,
      reverseCharge: false,
      components: [component],
      exemptionReason: null,
      note: null,
    });
  });

  it("reverse charges an EU business with a valid-looking VAT id in another member state", () => {
    const quote = quoteFromTable(request({ country: "FR", taxIds: ["FR 40 303 265 045"] }), rates);
    expect(plainTaxQuote(quote)).toEqual({
      percent: "0",
      inclusive: false,
      reverseCharge: true,
      components: [],
      exemptionReason: null,
      note: reverseChargeNote,
    });
    expect(quote.note).toBe(
      "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)",
    );
  });

  it("does not reverse charge when seller and customer are in the same country, or the seller is outside the EU", () => {
    expect(quoteFromTable(request({ country: "DE", taxIds: ["DE987654321"] }), rates).reverseCharge).toBe(
      false,
    );
    const fromSwitzerland = quoteFromTable(
      request({ country: "FR", taxIds: ["FR40303265045"] }, { seller: { country: "CH" } }),
      rates,
    );
    expect(plainTaxQuote(fromSwitzerland)).toMatchObject({ percent: "20", reverseCharge: false });
    const unknownSeller = quoteFromTable(
      request({ country: "FR", taxIds: ["FR40303265045"] }, { seller: { country: null } }),
      rates,
    );
    expect(unknownSeller.reverseCharge).toBe(false);
  });

  it("carries an inclusive rate", () => {
    expect(plainTaxQuote(quoteFromTable(request({ country: "AU" }), rates))).toMatchObject({
      percent: "10",
      inclusive: true,
      components: [{ name: "GST", percent: "10", jurisdiction: "AU" }],
    });
  });

  it("charges nothing where no rate applies or no country is known", () => {
    for (const customer of [{ country: "US" }, { country: "US", region: "TX" }, { country: "JP" }, {}]) {
      expect(plainTaxQuote(quoteFromTable(request(customer), rates))).toEqual({
        percent: "0",
        inclusive: false,
        reverseCharge: false,
        components: [],
        exemptionReason: null,
        note: null,
      });
    }
  });

  it("uses the rate in force at the issue instant: the one that started last", () => {
    const history = [
      rate({ country: "DE", percent: "19" }),
      rate({
        country: "DE",
        percent: "16",
        validFrom: new Date("2020-07-01T00:00:00Z"),
        validUntil: new Date("2021-01-01T00:00:00Z"),
      }),
      rate({ country: "DE", percent: "21", validFrom: new Date("2027-01-01T00:00:00Z") }),
    ];
    const percentAt = (at: string) =>
      quoteFromTable(request({ country: "DE" }, { at }), history).percent.toString();
    expect(percentAt("2020-06-30T23:59:59Z")).toBe("19");
    expect(percentAt("2020-07-01T00:00:00Z")).toBe("16");
    expect(percentAt("2021-01-01T00:00:00Z")).toBe("19");
    expect(percentAt("2026-12-31T23:59:59Z")).toBe("19");
    expect(percentAt("2027-01-01T00:00:00Z")).toBe("21");
  });

  it("normalizes regions", () => {
    expect(normalizeRegion("US", " ca ")).toBe("CA");
    expect(normalizeRegion("US", "US-CA")).toBe("CA");
    expect(normalizeRegion("US", "")).toBeNull();
    expect(normalizeRegion("US", null)).toBeNull();
  });
});
