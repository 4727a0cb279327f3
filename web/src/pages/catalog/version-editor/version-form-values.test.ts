import { describe, expect, it } from "vitest";
import type { PlanVersionContent } from "../../../api/resources.ts";
import { placedPlanFormNames } from "./plan-form-names.ts";
import { checkVersionValues } from "./version-form-checks.ts";
import {
  emptyCharge,
  emptyPriceBook,
  emptyVersionValues,
  parseValueText,
  valueText,
  versionContentBody,
  versionFormValues,
} from "./version-form-values.ts";

const kinds: Record<string, "boolean" | "static" | "metered"> = {
  sso: "boolean",
  tier: "static",
  seats: "metered",
};
const kindOf = (feature: string) => kinds[feature];

const content: PlanVersionContent = {
  currency: "USD",
  interval: "month",
  interval_count: 1,
  trial_days: 14,
  minimum_commitment: "100.00",
  charges: [
    { id: "base", type: "fixed", amount: "49.00", timing: "in_advance", prorate: true, product: "platform" },
    {
      id: "api_calls",
      type: "usage",
      meter: "api_calls",
      model: "graduated",
      tiers: [
        { up_to: 1000, unit_price: "0" },
        { up_to: "10000.5", unit_price: "0.002", flat_fee: "5.00" },
        { up_to: null, unit_price: "0.0015" },
      ],
    },
    {
      id: "payments",
      type: "usage",
      meter: "payment_volume",
      model: "percentage",
      rate: "2.9",
      fixed_fee: "0.30",
    },
  ],
  currency_prices: [
    {
      currency: "EUR",
      minimum_commitment: "90.00",
      charges: [
        { id: "base", amount: "45.00" },
        {
          id: "api_calls",
          tiers: [
            { up_to: 1000, unit_price: "0" },
            { up_to: "10000.5", unit_price: "0.0018" },
            { up_to: null, unit_price: "0.0014" },
          ],
        },
        { id: "payments", rate: "2.5", fixed_fee: "0.25" },
      ],
    },
  ],
  entitlements: [{ feature: "sso" }, { feature: "tier", value: "gold" }, { feature: "seats", limit: null }],
};

describe("versionFormValues and versionContentBody", () => {
  it("round-trip a version with every kind of field, quantities as decimal strings", () => {
    const body = versionContentBody(versionFormValues(content), kindOf);
    expect(body.charges[1]).toEqual({
      id: "api_calls",
      type: "usage",
      meter: "api_calls",
      model: "graduated",
      tiers: [
        { up_to: "1000", unit_price: "0" },
        { up_to: "10000.5", unit_price: "0.002", flat_fee: "5.00" },
        { up_to: null, unit_price: "0.0015" },
      ],
    });
    expect(body).toEqual({
      ...content,
      charges: [content.charges[0], body.charges[1], content.charges[2]],
      currency_prices: [
        {
          ...content.currency_prices[0],
          charges: [
            { id: "base", amount: "45.00" },
            {
              id: "api_calls",
              tiers: [
                { up_to: "1000", unit_price: "0" },
                { up_to: "10000.5", unit_price: "0.0018" },
                { up_to: null, unit_price: "0.0014" },
              ],
            },
            { id: "payments", rate: "2.5", fixed_fee: "0.25" },
          ],
        },
      ],
    });
  });

  it("leaves out optional fields left empty and prices a book only with the fields its charge has", () => {
    const values = emptyVersionValues("EUR");
    const charge = {
      ...emptyCharge("usage"),
      id: "payments",
      meter: "volume",
      model: "percentage" as const,
      rate: "1.5",
    };
    values.charges.push(charge);
    values.currency_prices.push({ ...emptyPriceBook(values.charges), currency: "usd" });
    values.currency_prices[0]!.charges[0]!.rate = "1.4";
    // A fee the charge itself lacks is not priced in the book either.
    values.currency_prices[0]!.charges[0]!.fixed_fee = "0.10";
    const body = versionContentBody(values, kindOf);
    expect(body.charges).toEqual([
      { id: "payments", type: "usage", meter: "volume", model: "percentage", rate: "1.5" },
    ]);
    expect(body.minimum_commitment).toBeNull();
    expect(body.currency_prices).toEqual([{ currency: "USD", charges: [{ id: "payments", rate: "1.4" }] }]);
  });

  it("sends what is not a whole number as typed, for the API to name", () => {
    const values = { ...emptyVersionValues(), interval_count: "two" };
    expect(versionContentBody(values, kindOf).interval_count).toBe("two");
  });
});

describe("static values", () => {
  it("show plain text as itself and anything else as JSON, and read back the same", () => {
    for (const value of ["gold", "10", 10, true, { level: 2 }, ["a"]]) {
      expect(parseValueText(valueText(value))).toEqual(value);
    }
    expect(valueText("gold")).toBe("gold");
    expect(valueText("10")).toBe('"10"');
  });
});

describe("checkVersionValues", () => {
  it("names each missing or malformed field by its path", () => {
    const values = emptyVersionValues("usd1");
    values.interval_count = "0";
    const tiered = { ...emptyCharge("usage"), id: "bad id", model: "graduated" as const };
    tiered.tiers = [
      { key: "a", up_to: "1,000", unit_price: "", flat_fee: "-1" },
      { key: "b", up_to: "", unit_price: "0.5", flat_fee: "" },
    ];
    values.charges.push(tiered, { ...emptyCharge("fixed"), id: "bad id" });
    values.entitlements.push({ key: "e", feature: "seats", value: "", limit: "", unlimited: false });
    expect(checkVersionValues(values, kindOf)).toEqual({
      currency: "must be a three-letter code such as EUR",
      interval_count: "must be a whole number from 1 to 120",
      "charges.0.id": "A charge id may hold letters, digits and _ . : - and starts with a letter or digit",
      "charges.0.meter": "choose the meter this charge prices",
      "charges.0.tiers.0.up_to": "must be a number such as 12.50, without a sign or thousands separators",
      "charges.0.tiers.0.unit_price": "is required",
      "charges.0.tiers.0.flat_fee": "must be a number such as 12.50, without a sign or thousands separators",
      "charges.1.id": "A charge id may hold letters, digits and _ . : - and starts with a letter or digit",
      "charges.1.amount": "is required",
      "entitlements.0.limit": "is required",
    });
  });

  it("leaves tier order to the API", () => {
    const values = emptyVersionValues();
    const tiered = { ...emptyCharge("usage"), id: "calls", meter: "calls", model: "volume" as const };
    tiered.tiers = [
      { key: "a", up_to: "100", unit_price: "1", flat_fee: "" },
      { key: "b", up_to: "50", unit_price: "0.5", flat_fee: "" },
    ];
    values.charges.push(tiered);
    expect(checkVersionValues(values, kindOf)).toEqual({});
  });
});

describe("placedPlanFormNames", () => {
  it("holds the inputs shown for the values, and not those of other models", () => {
    const values = versionFormValues(content);
    const names = placedPlanFormNames({ code: "", name: "", description: "", version: values }, true);
    for (const name of [
      "code",
      "version.charges.1.tiers",
      "version.charges.1.tiers.2.unit_price",
      "version.currency_prices.0.minimum_commitment",
      "version.currency_prices.0.charges.1.tiers.0.up_to",
      "version.currency_prices.0.charges.2.fixed_fee",
      "version.entitlements.2.limit",
    ]) {
      expect(names.has(name), name).toBe(true);
    }
    for (const name of [
      "version.charges.1.unit_price",
      "version.currency_prices.0.charges.2.per_transaction_min",
    ]) {
      expect(names.has(name), name).toBe(false);
    }
  });
});

describe("the version-2 fields of a charge in the plan form", () => {
  it("keeps seats' bounds, a credited decrease and usage billed in advance through an edit", () => {
    const withSeats: PlanVersionContent = {
      ...content,
      minimum_commitment: null,
      currency_prices: [],
      entitlements: [],
      charges: [
        {
          id: "seats",
          type: "fixed",
          amount: "30.00",
          timing: "in_advance",
          prorate: true,
          min_quantity: 5,
          max_quantity: 500,
          credit_on_decrease: true,
        },
        {
          id: "calls",
          type: "usage",
          meter: "calls",
          model: "per_unit",
          unit_price: "0.01",
          timing: "in_advance",
        },
      ],
    };
    expect(versionContentBody(versionFormValues(withSeats), kindOf).charges).toEqual(withSeats.charges);
  });
});
