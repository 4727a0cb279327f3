import { describe, expect, it } from "vitest";
import type { Charge, ChargeModel, ChargeOfModel, PlanVersionContent } from "../../api/resources.ts";
import { chargeModelViews, priceFieldsOfCharge } from "./charge-models.ts";
import { chargePriceText } from "./version-content-text.ts";
import { placedPlanFormNames } from "./version-editor/plan-form-names.ts";
import { checkVersionValues } from "./version-editor/version-form-checks.ts";
import { versionContentBody, versionFormValues } from "./version-editor/version-form-values.ts";

/** A charge of every model, with all of its fields: a new model needs one here. */
const examples: Record<ChargeModel, Charge> = {
  per_unit: {
    id: "calls",
    type: "usage",
    meter: "calls",
    model: "per_unit",
    unit_price: "0.01",
    free_units: "100",
  },
  package: {
    id: "bundles",
    type: "usage",
    meter: "calls",
    model: "package",
    package_size: "1000",
    package_price: "5",
    free_units: "10",
  },
  graduated: {
    id: "steps",
    type: "usage",
    meter: "calls",
    model: "graduated",
    tiers: [
      { up_to: "1000", unit_price: "0" },
      { up_to: null, unit_price: "0.001", flat_fee: "2.00" },
    ],
  },
  volume: {
    id: "bulk",
    type: "usage",
    meter: "calls",
    model: "volume",
    tiers: [
      { up_to: "100", unit_price: "0.05" },
      { up_to: null, unit_price: "0.04" },
    ],
  },
  percentage: {
    id: "fees",
    type: "usage",
    meter: "payments",
    model: "percentage",
    rate: "2.9",
    fixed_fee: "0.30",
    per_transaction_min: "0.50",
    per_transaction_max: "10",
  },
  dimensional: {
    id: "tokens",
    type: "usage",
    meter: "tokens",
    model: "dimensional",
    dimensions: ["model", "region"],
    prices: [
      { match: { model: "gpt-4", region: "eu" }, model: "per_unit", unit_price: "0.03", free_units: "10" },
      {
        match: { model: "gpt-4", region: "us" },
        model: "graduated",
        tiers: [
          { up_to: "1000", unit_price: "0.02" },
          { up_to: null, unit_price: "0.01" },
        ],
      },
    ],
    default: { model: "per_unit", unit_price: "0.05" },
  },
};

/** The models the plan form edits field by field: every one. */
const editedModels = Object.keys(chargeModelViews) as ChargeModel[];

const version = (charge: Charge): PlanVersionContent => ({
  currency: "USD",
  interval: "month",
  interval_count: 1,
  trial_days: 0,
  minimum_commitment: null,
  charges: [charge as ChargeOfModel],
  currency_prices: [],
  entitlements: [],
});

describe("the console's dimensional model", () => {
  const refusing: Charge = {
    id: "tokens",
    type: "usage",
    meter: "tokens",
    model: "dimensional",
    dimensions: ["model"],
    prices: [{ match: { model: "gpt-4" }, model: "per_unit", unit_price: "0.03" }],
    default: "reject",
  };

  it("reads its dimensions, prices and default in one line", () => {
    expect(chargePriceText(refusing, refusing, "USD", "en-US")).toBe("by model: 1 price, others refused");
    expect(chargePriceText(examples.dimensional, examples.dimensional, "USD", "en-US")).toBe(
      "by model × region: 2 prices, others at the default price",
    );
    expect(priceFieldsOfCharge(refusing)).toEqual([]);
  });

  it("sends a refusal of the others, and no default price", () => {
    const values = versionFormValues(version(refusing));
    expect(values.charges[0]?.others).toBe("reject");
    expect(checkVersionValues(values, () => undefined)).toEqual({});
    expect(versionContentBody(values, () => undefined).charges).toEqual([refusing]);
  });

  it("names a combination without a value, one priced twice and a missing default price", () => {
    const values = versionFormValues(version(examples.dimensional));
    const charge = values.charges[0]!;
    charge.prices[0]!.match[1] = " ";
    charge.prices[1]!.match = ["gpt-4", ""];
    charge.default.unit_price = "";
    charge.dimensions[1] = "";
    expect(checkVersionValues(values, () => undefined)).toEqual({
      "charges.0.dimensions.1": "name the event property, such as model",
      "charges.0.prices.0.match.1": "is required",
      "charges.0.prices.1.match.1": "is required",
      "charges.0.prices.1.match": "this combination is priced above",
      "charges.0.default.unit_price": "is required",
    });
  });

  it("places the API's error on a combination's value, named by its dimension", () => {
    const names = placedPlanFormNames(
      { code: "ai", name: "AI", description: "", version: versionFormValues(version(examples.dimensional)) },
      false,
    );
    for (const name of [
      "version.charges.0.prices.1.match.region",
      "version.charges.0.prices.1.tiers.1.unit_price",
      "version.charges.0.default.unit_price",
      "version.charges.0.dimensions.1",
    ])
      expect(names.has(name)).toBe(true);
  });
});

describe.each(editedModels)("the console's %s model", (model) => {
  const charge = examples[model];

  it("edits every field of a charge and sends it back unchanged", () => {
    const values = versionFormValues(version(charge));
    expect(checkVersionValues(values, () => undefined)).toEqual({});
    expect(versionContentBody(values, () => undefined).charges).toEqual([charge]);
  });

  it("places each of its fields in the form, so that an API error lands beside it", () => {
    const names = placedPlanFormNames(
      { code: "pro", name: "Pro", description: "", version: versionFormValues(version(charge)) },
      false,
    );
    for (const field of Object.keys(charge)) {
      if (field !== "type") expect(names.has(`version.charges.0.${field}`)).toBe(true);
    }
  });

  it("has a price that reads in one line", () => {
    expect(chargePriceText(charge, charge, "USD", "en-US")).not.toBe("");
    for (const field of priceFieldsOfCharge(charge)) expect(Object.keys(charge)).toContain(field);
  });
});
