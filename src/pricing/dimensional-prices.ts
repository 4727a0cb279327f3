// Dimensional prices (scenario format v2, section 1): a usage charge priced by
// one or two event properties, each listed combination with its own price
// (any usage model), and a default for the others, or "reject" to refuse
// their events. The price of a combination is the model's own fields, as a
// charge of that model writes them; its schema is built from the table of
// charge models (charge-models.ts), so that a new model is a price here too.

import { type Static, type TObject, Type } from "typebox";
import {
  type ChargeDimensions,
  type CombinationPrice,
  combinationKey,
  dimensionValue,
  type PricingModel,
} from "../core/index.ts";
import {
  type PricingContext,
  percentagePriceRule,
  productField,
  type UsageModel,
  usageChargeFieldNames,
  usageFields,
  usageModels,
} from "./charge-models.ts";
import {
  describeValue,
  discriminatedUnion,
  isPlainObject,
  type JsonPath,
  type Rule,
  type RuleRun,
  withMessage,
  withRules,
} from "./document-checks.ts";
import { Code } from "./fields.ts";
import { PropertyName } from "./meters.ts";

/** The fields of a model's charge that make its price: all but the charge's id, type, meter, timing. */
function modelFields(model: UsageModel): TObject["properties"] {
  const properties = (usageModels[model].schema as TObject).properties;
  return Object.fromEntries(
    Object.entries(properties).filter(([field]) => !usageChargeFieldNames.includes(field)),
  );
}

const models = Object.keys(usageModels) as UsageModel[];

function priceVariant(model: UsageModel, extra: TObject["properties"]) {
  const variant = Type.Object({ ...extra, ...modelFields(model) }, { additionalProperties: false });
  return model === "percentage" ? withRules(variant, percentagePriceRule) : variant;
}

/** A price as a charge of its model writes it, without the charge's own fields: `{"model": "per_unit", "unit_price": "0.03"}`. */
const UsagePrice = discriminatedUnion(
  "model",
  models.map((model) => priceVariant(model, {})),
  { description: "a usage price: model and the fields of that model" },
);

const Match = Type.Record(PropertyName, Type.String({ minLength: 1, description: "a dimension value" }), {
  description: 'the combination this price is for, a value for each dimension: {"model": "gpt-4"}',
});
type MatchDocument = Readonly<Record<string, string>>;

/** One listed combination and its price. */
const CombinationPriceEntry = discriminatedUnion(
  "model",
  models.map((model) => priceVariant(model, { match: Match })),
  { description: "a combination (match) and its price" },
);

/** A price, or "reject"; checked by a rule, since a union of an object and a string has no tag. */
const DefaultPrice = withRules(
  Type.Unknown({
    description: 'the price of every combination not listed, or "reject" to refuse their events',
  }),
  (value, path, run) => {
    if (value !== "reject") run.checkValue(UsagePrice, value, path);
  },
);

const Dimensions = withMessage(
  Type.Array(PropertyName, { minItems: 1, maxItems: 2 }),
  (value) => `must be a list of one or two event property names, not ${describeValue(value)}`,
);

/** A match's values in their compared form (V3), in the order of the charge's dimensions. */
function matchValues(match: MatchDocument, dimensions: readonly string[]): string[] {
  return dimensions.map((name) => dimensionValue(match[name]) ?? "");
}

/** Each checked by the parts it reads, so that it runs where other parts of the charge are wrong. */
function checkDimensionalCharge(
  value: Record<string, unknown>,
  path: JsonPath,
  run: RuleRun<PricingContext>,
): void {
  const dimensionsPath = [...path, "dimensions"];
  if (!run.isValid(dimensionsPath) || !Array.isArray(value.dimensions)) return;
  const dimensions = value.dimensions as string[];
  dimensions.forEach((name, index) => {
    if (dimensions.indexOf(name) !== index) {
      run.report([...dimensionsPath, index], `names ${describeValue(name)} twice`);
    }
  });
  const meterIsKnown = run.isValid([...path, "meter"]) && run.context.meterAggregations !== undefined;
  const aggregation = run.context.meterAggregations?.get(String(value.meter));
  const needsSumMeter = (price: unknown, pricePath: JsonPath) => {
    if (meterIsKnown && isPlainObject(price) && price.model === "percentage" && aggregation !== "sum") {
      run.report(
        [...pricePath, "model"],
        `a percentage price needs a sum meter, and meter ${describeValue(value.meter)} is ${describeValue(aggregation)}`,
      );
    }
  };
  const firstByCombination = new Map<string, number>();
  const prices = Array.isArray(value.prices) ? value.prices : [];
  prices.forEach((entry: unknown, index) => {
    const entryPath = [...path, "prices", index];
    const matchPath = [...entryPath, "match"];
    needsSumMeter(entry, entryPath);
    if (!isPlainObject(entry) || !isPlainObject(entry.match) || !run.isValid(matchPath)) return;
    const match = entry.match as MatchDocument;
    const keys = Object.keys(match);
    let fits = true;
    for (const key of keys) {
      if (!dimensions.includes(key)) {
        run.report(
          [...matchPath, key],
          `is not a dimension of this charge (its dimensions: ${dimensions.join(", ")})`,
        );
        fits = false;
      }
    }
    for (const name of new Set(dimensions)) {
      if (!keys.includes(name)) {
        run.report(matchPath, `has no value for dimension ${describeValue(name)}`);
        fits = false;
      }
    }
    if (!fits) return;
    const key = combinationKey(matchValues(match, dimensions));
    const first = firstByCombination.get(key);
    if (first === undefined) firstByCombination.set(key, index);
    else run.report(matchPath, `the same combination as prices[${first}]`);
  });
  needsSumMeter(value.default, [...path, "default"]);
}

const dimensionalChargeRule: Rule<PricingContext> = (value, path, run) => {
  if (isPlainObject(value)) checkDimensionalCharge(value, path, run);
};

/**
 * A usage charge priced by dimension. Its documents write no `model`: the
 * scenario reader tags it `dimensional` before checking (see
 * tagDimensionalCharges), so that the union of usage charges can tell it apart.
 */
export const DimensionalCharge = withRules(
  Type.Object(
    {
      ...usageFields,
      model: Type.Literal("dimensional"),
      dimensions: Dimensions,
      prices: Type.Array(CombinationPriceEntry, { minItems: 1, maxItems: 500 }),
      default: DefaultPrice,
      // The code of a pricing unit its prices are in (scenario format v2, V21).
      unit: Type.Optional(Code),
      ...productField,
    },
    {
      additionalProperties: false,
      description:
        "usage priced by one or two event properties: each combination in prices by its own model, others by default (or refused)",
    },
  ),
  dimensionalChargeRule,
);
export type DimensionalChargeDocument = Static<typeof DimensionalCharge>;

function toCorePricing(price: { model: UsageModel }): PricingModel {
  return (usageModels[price.model].toPricing as (price: unknown) => PricingModel)(price);
}

/** The billing core's dimensions of a checked dimensional charge. */
export function toCoreDimensions(charge: DimensionalChargeDocument): {
  dimensions: ChargeDimensions;
  pricing: PricingModel;
} {
  const prices = new Map<string, CombinationPrice>();
  charge.prices.forEach((entry, position) => {
    const values = matchValues(entry.match as MatchDocument, charge.dimensions);
    prices.set(combinationKey(values), {
      values,
      pricing: toCorePricing(entry as unknown as { model: UsageModel }),
      position,
    });
  });
  const fallback =
    charge.default === "reject"
      ? "reject"
      : toCorePricing(charge.default as unknown as { model: UsageModel });
  const first = prices.values().next().value!;
  return {
    dimensions: { properties: charge.dimensions, prices, fallback },
    pricing: fallback === "reject" ? first.pricing : fallback,
  };
}

/**
 * The charges of a document with each usage charge that has `dimensions`
 * tagged `"model": "dimensional"` (the form the schema checks), and the path
 * of each such charge that wrote a model of its own (an error: its prices name
 * their models). Nothing is copied when no charge has dimensions.
 */
export function tagDimensionalCharges(
  charges: unknown,
  path: JsonPath,
): { charges: unknown; modelsGiven: JsonPath[] } {
  const modelsGiven: JsonPath[] = [];
  if (!Array.isArray(charges)) return { charges, modelsGiven };
  let copy: unknown[] | undefined;
  charges.forEach((charge, index) => {
    if (!isPlainObject(charge) || charge.type !== "usage" || !Object.hasOwn(charge, "dimensions")) return;
    if (charge.model !== undefined && charge.model !== null) modelsGiven.push([...path, index, "model"]);
    copy ??= [...charges];
    copy[index] = { ...charge, model: "dimensional" };
  });
  return { charges: copy ?? charges, modelsGiven };
}
