import { Type } from "typebox";
import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import { meterAggregations } from "../../test/support/pricing-fixtures.ts";
import { Decimal } from "../core/index.ts";
import {
  Charge,
  type ChargeDocument,
  type ChargeKind,
  Charges,
  chargeKinds,
  PriceBook,
  priceBooksFitCharges,
  pricedContentFields,
  priceFieldsByModel,
  toCoreCharge,
} from "./charges.ts";
import { toCoreCharges } from "./charges-v2.ts";
import { checkDocument, withRules } from "./document-checks.ts";
import { Meter, toCoreMeter } from "./meters.ts";

/** A valid charge of every kind: a new charge model needs one here. */
const examples: Record<ChargeKind, ChargeDocument> = {
  fixed: { id: "base", type: "fixed", amount: "49.00", timing: "in_arrears", prorate: false },
  per_unit: {
    id: "calls",
    type: "usage",
    meter: "calls",
    model: "per_unit",
    unit_price: "0.01",
    free_units: 100,
  },
  package: {
    id: "bundles",
    type: "usage",
    meter: "calls",
    model: "package",
    package_size: "1000",
    package_price: "5",
    free_units: "0",
  },
  graduated: {
    id: "steps",
    type: "usage",
    meter: "calls",
    model: "graduated",
    tiers: [
      { up_to: 1000, unit_price: "0" },
      { up_to: "10000.5", unit_price: "0.002", flat_fee: "1.00" },
      { up_to: null, unit_price: "0.001" },
    ],
  },
  volume: {
    id: "bulk",
    type: "usage",
    meter: "calls",
    model: "volume",
    tiers: [
      { up_to: 100, unit_price: "0.05" },
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
    product: "payments",
  },
};

function problems(charges: unknown, context: object = { meterAggregations }): string[] {
  const result = checkDocument(Charges, charges, context);
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe("the charge table", () => {
  it("has an example of every kind of charge", () => {
    expect(Object.keys(examples).sort()).toEqual([...chargeKinds].sort());
  });

  it("derives each kind's price fields, each a field its charges have", () => {
    expect(priceFieldsByModel).toEqual({
      fixed: ["amount"],
      per_unit: ["unit_price"],
      package: ["package_price"],
      graduated: ["tiers"],
      volume: ["tiers"],
      percentage: ["rate", "fixed_fee", "per_transaction_min", "per_transaction_max"],
    });
    for (const kind of chargeKinds) {
      for (const field of priceFieldsByModel[kind]) expect(Object.keys(examples[kind])).toContain(field);
    }
  });
});

describe.each(chargeKinds)("a %s charge", (kind) => {
  const example = examples[kind];

  it("is valid as written, comes back unchanged, and survives a JSON round trip", () => {
    const result = checkDocument(Charges, [example], { meterAggregations });
    expect(result).toEqual({ ok: true, value: [example] });
    const again = JSON.parse(JSON.stringify(example));
    expect(checkDocument(Charges, [again], { meterAggregations }).ok).toBe(true);
    // The schema is plain JSON Schema: TypeBox's own checker reads it the same way.
    expect(Value.Check(Charge, example)).toBe(true);
  });

  it("converts to the core's charge of the same kind", () => {
    const core = toCoreCharge(example);
    expect(core.id).toBe(example.id);
    expect(core.type === "fixed" ? "fixed" : core.pricing.model).toBe(kind);
  });

  it("names an unknown field and each missing required field by path", () => {
    const { id: _id, ...withoutId } = example;
    expect(problems([{ ...withoutId, colour: "red" }])).toEqual([
      '$[0].colour: unknown field "colour"',
      "$[0].id: is required",
    ]);
  });

  it("refuses a negative price and a price written as a number", () => {
    const [field] = priceFieldsByModel[kind];
    if (field === undefined || field === "tiers") return;
    expect(problems([{ ...example, [field]: "-1.00" }])).toEqual([
      `$[0].${field}: must not be negative, not "-1.00"`,
    ]);
    expect(problems([{ ...example, [field]: 49 }])).toEqual([
      `$[0].${field}: must be a decimal string such as "49.00", not 49`,
    ]);
  });

  it("refuses the price fields of another model", () => {
    const other = kind === "percentage" ? "unit_price" : "rate";
    expect(problems([{ ...example, [other]: "1" }])).toEqual([`$[0].${other}: unknown field "${other}"`]);
  });
});

describe("charges", () => {
  it("name a missing or unknown type or model at the tag", () => {
    expect(
      problems([{ id: "a" }, { id: "b", type: "tiered" }, { id: "c", type: "usage", meter: "calls" }]),
    ).toEqual([
      "$[0].type: is required",
      '$[1].type: must be one of "fixed", "usage", not "tiered"',
      "$[2].model: is required",
    ]);
    expect(problems([{ id: "c", type: "usage", model: "stairs" }])).toEqual([
      '$[0].model: must be one of "per_unit", "package", "graduated", "volume", "percentage", not "stairs"',
    ]);
  });

  it("check tiers in order, meters that exist, a sum meter for a percentage, and ids used once", () => {
    expect(
      problems([
        {
          ...examples.graduated,
          meter: "api",
          tiers: [
            { up_to: 100, unit_price: "0.1" },
            { up_to: null, unit_price: "0.05" },
            { up_to: 50, unit_price: "-0.01" },
          ],
        },
        { ...examples.percentage, meter: "calls", per_transaction_min: "20" },
        { ...examples.fixed, id: "steps" },
      ]),
    ).toEqual([
      '$[0].meter: unknown meter "api"',
      '$[0].tiers[2].unit_price: must not be negative, not "-0.01"',
      '$[0].tiers: only the last tier may have "up_to": null (tier 1 has it)',
      '$[0].tiers: the last tier must have "up_to": null (it has 50)',
      '$[0].tiers: tiers are out of order: "up_to" must increase strictly, and tier 2 has 50 after 100',
      '$[1].meter: a percentage charge needs a sum meter, and meter "calls" is "count"',
      "$[1].per_transaction_max: must not be below per_transaction_min",
      '$[2].id: duplicate charge id "steps" (also at index 0)',
    ]);
  });

  it("leave meters unchecked when no meters are given", () => {
    expect(problems([{ ...examples.per_unit, meter: "anything" }], {})).toEqual([]);
  });

  it("refuse bounds and quantities that are not numbers above zero", () => {
    expect(
      problems([
        { ...examples.package, package_size: 0, free_units: "-1" },
        {
          ...examples.volume,
          tiers: [
            { up_to: "1e3", unit_price: "1" },
            { up_to: null, unit_price: "1" },
          ],
        },
      ]),
    ).toEqual([
      "$[0].package_size: must be greater than 0, not 0",
      '$[0].free_units: must be at least 0, not "-1"',
      '$[1].tiers[0].up_to: must be a number or a plain decimal string such as "1000", not "1e3"',
    ]);
  });
});

describe("price books", () => {
  const Content = withRules(
    Type.Object(pricedContentFields, { additionalProperties: false }),
    priceBooksFitCharges,
  );
  const content = {
    currency: "USD",
    interval: "month",
    interval_count: 1,
    minimum_commitment: "100.00",
    charges: [examples.fixed, examples.graduated, examples.percentage],
    currency_prices: [
      {
        currency: "EUR",
        minimum_commitment: "90.00",
        charges: [
          { id: "base", amount: "45.00" },
          {
            id: "steps",
            tiers: [
              { up_to: 1000, unit_price: "0" },
              { up_to: "10000.5", unit_price: "0.0018", flat_fee: "0.90" },
              { up_to: null, unit_price: "0.0009" },
            ],
          },
          {
            id: "fees",
            rate: "2.5",
            fixed_fee: "0.25",
            per_transaction_min: "0.40",
            per_transaction_max: "9",
          },
        ],
      },
    ],
  };

  it("price every charge of the version in another currency", () => {
    expect(checkDocument(Content, content, { meterAggregations }).ok).toBe(true);
    const inEuro = toCoreCharges(content as never, meterAggregations, "EUR");
    expect(
      inEuro.map((charge) => (charge.type === "fixed" ? charge.amount.toString() : charge.pricing.model)),
    ).toEqual(["45", "graduated", "percentage"]);
    expect(() => toCoreCharges(content as never, meterAggregations, "GBP")).toThrow(/no prices in GBP/);
  });

  it("name a missing price, a price of another model, tiers out of order in that currency, and a missing commitment", () => {
    const book = content.currency_prices[0]!;
    const broken = {
      ...content,
      currency_prices: [
        {
          currency: "EUR",
          charges: [
            { id: "base", unit_price: "45.00" },
            {
              id: "steps",
              tiers: [
                { up_to: 1000, unit_price: "0" },
                { up_to: 500, unit_price: "0.0018" },
                { up_to: null, unit_price: "0.0009" },
              ],
            },
            book.charges[2]!,
            { id: "ghost", amount: "1" },
          ],
        },
        { ...book, currency: "USD" },
      ],
    };
    const result = checkDocument(Content, broken, { meterAggregations });
    expect(result.ok ? [] : result.problems.map((problem) => problem.path).sort()).toEqual([
      "$.currency_prices[0].charges[0].amount",
      "$.currency_prices[0].charges[0].unit_price",
      "$.currency_prices[0].charges[1].tiers",
      "$.currency_prices[0].charges[3].id",
      "$.currency_prices[0].minimum_commitment",
      "$.currency_prices[1].currency",
    ]);
  });

  it("is a schema of its own in the OpenAPI document", () => {
    expect((PriceBook as { title?: string }).title).toBe("PriceBook");
  });
});

describe("meters", () => {
  it("take a property unless they count, and convert with their filters", () => {
    const check = (meter: unknown) => {
      const result = checkDocument(Meter, meter, {});
      return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
    };
    expect(check({ code: "t", event_name: "e", aggregation: "sum" })).toEqual([
      "$.property: is required for a sum meter",
    ]);
    expect(check({ code: "t", event_name: "e", aggregation: "count", property: "x" })).toEqual([
      "$.property: a count meter counts events and takes no property",
    ]);
    expect(
      check({ code: "t", event_name: "e", aggregation: "max", property: "x", filters: { model: [] } }),
    ).toEqual(["$.filters.model: must not be empty"]);
    expect(
      toCoreMeter({
        code: "t",
        event_name: "e",
        aggregation: "sum",
        property: "x",
        filters: { model: ["a", 1] },
      }),
    ).toEqual({
      code: "t",
      eventName: "e",
      aggregation: "sum",
      property: "x",
      filters: [{ property: "model", acceptedValues: ["a", 1] }],
    });
  });
});

describe("conversion", () => {
  it("fills in what a left-out field means", () => {
    expect(toCoreCharge({ id: "base", type: "fixed", amount: "10" })).toEqual({
      type: "fixed",
      id: "base",
      amount: new Decimal("10"),
      timing: "in_advance",
      prorate: true,
    });
    const perUnit = toCoreCharge({
      id: "c",
      type: "usage",
      meter: "calls",
      model: "per_unit",
      unit_price: "1",
    });
    expect(perUnit.type === "usage" && perUnit.pricing).toEqual({
      model: "per_unit",
      unitPrice: new Decimal("1"),
      freeUnits: new Decimal("0"),
    });
  });
});
