// The charge models, one entry each: the table every other part of the pricing
// language is derived from. A model's entry holds its charge's schema (what a
// document must say), the fields that are prices (what a price book in
// another currency sets), what its optional fields mean when left out, the
// rules its schema cannot say, and its conversion to the billing core's
// pricing. The union `Charge`, the price book's fields, `priceFieldsByModel`
// and the conversion of a whole charge are built from this table, so adding a
// model here is the whole of the pricing language's part (docs/contributing.md).
import { type Static, type TObject, type TProperties, Type } from "typebox";
import { Decimal, type PricingModel, ZERO } from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import {
  describeValue,
  isPlainObject,
  type JsonPath,
  type Rule,
  type RuleRun,
  withMessage,
  withRules,
} from "./document-checks.ts";
import { Code, PositiveQuantity, Price, Quantity } from "./fields.ts";
import { Tiers, toCoreTiers } from "./tiers.ts";

/** What the rules of charges need to know about the document around them. */
export type PricingContext = {
  /** Each meter's aggregation by meter code; a charge's meter must be one of them. Not checked when absent. */
  readonly meterAggregations?: ReadonlyMap<string, unknown>;
};

/** Every field that holds a price, with its schema: what a price book in another currency may set. */
export const priceFieldSchemas = {
  amount: Price,
  unit_price: Price,
  package_price: Price,
  tiers: Tiers,
  rate: Price,
  fixed_fee: Price,
  per_transaction_min: Price,
  per_transaction_max: Price,
};
export type PriceField = keyof typeof priceFieldSchemas;

/** The charge's meter, which the document (or the environment) must define. */
export const MeterReference = withRules(
  withMessage(
    Type.String({ maxLength: 100, description: "the code of the meter whose usage the charge prices" }),
    (value) => `must be the code of a meter, not ${describeValue(value)}`,
  ),
  ((value, path, run) => {
    const known = run.context.meterAggregations;
    if (known === undefined || typeof value !== "string" || !run.isValid(path)) return;
    if (!known.has(value)) run.report(path, `unknown meter ${describeValue(value)}`);
  }) satisfies Rule<PricingContext>,
);

/** The product a charge sells, grouping it on invoices and reports; billing does not read it. */
export const productField = {
  product: Type.Optional(Type.String({ ...Code, description: "the code of the product the charge sells" })),
};

export const usageFields = {
  id: Code,
  type: Type.Literal("usage"),
  meter: MeterReference,
  // Usage is measured over a period, so it can only be billed when the period ends.
  timing: Type.Optional(
    withMessage(
      StringEnum(["in_arrears"]),
      (value) =>
        `must be one of "in_arrears", not ${describeValue(value)} (usage is billed at the end of its period)`,
    ),
  ),
  // Usage charges are never prorated; the field is accepted for symmetry with fixed charges.
  prorate: Type.Optional(Type.Boolean()),
};

function usageVariant<const Model extends string, const Fields extends TProperties>(
  model: Model,
  title: string,
  description: string,
  fields: Fields,
) {
  return Type.Object(
    { ...usageFields, model: Type.Literal(model), ...fields, ...productField },
    { additionalProperties: false, title, description },
  );
}

type ModelDefinition<Schema extends TObject> = {
  readonly schema: Schema;
  /** The fields that are prices, in the order a person reads them. */
  readonly priceFields: readonly (PriceField & keyof Schema["properties"])[];
  /** What each optional field means when left out (`free_units`: "0"), so that leaving it out and writing it agree. */
  readonly defaults: Readonly<Partial<Record<keyof Schema["properties"], unknown>>>;
  readonly toPricing: (charge: Static<Schema>) => PricingModel;
};

function defineModel<Schema extends TObject>(definition: ModelDefinition<Schema>): ModelDefinition<Schema> {
  return definition;
}

function decimalOr(value: string | number | undefined, fallback: Decimal): Decimal {
  return value === undefined ? fallback : new Decimal(value);
}

/** A percentage charge's meter must be a sum meter: the fee is taken on each event's summed property. */
function checkPercentageMeter(value: Record<string, unknown>, path: JsonPath, run: RuleRun<PricingContext>) {
  const aggregations = run.context.meterAggregations;
  const aggregation = aggregations?.get(String(value.meter));
  if (aggregations !== undefined && aggregation !== "sum") {
    run.report(
      [...path, "meter"],
      `a percentage charge needs a sum meter, and meter ${describeValue(value.meter)} is ${describeValue(aggregation)}`,
    );
  }
}

/** A percentage price's bounds in order. */
function checkPercentageBounds(value: Record<string, unknown>, path: JsonPath, run: RuleRun<PricingContext>) {
  const { per_transaction_min: minimum, per_transaction_max: maximum } = value;
  if (
    typeof minimum === "string" &&
    typeof maximum === "string" &&
    new Decimal(minimum).greaterThan(maximum)
  ) {
    run.report([...path, "per_transaction_max"], "must not be below per_transaction_min");
  }
}

const percentageRules: Rule<PricingContext> = (value, path, run) => {
  if (!run.isValid(path) || !isPlainObject(value)) return;
  checkPercentageMeter(value, path, run);
  checkPercentageBounds(value, path, run);
};

/** The rule of a percentage price written without its meter (a combination's price): its bounds. */
export const percentagePriceRule: Rule<PricingContext> = (value, path, run) => {
  if (run.isValid(path) && isPlainObject(value)) checkPercentageBounds(value, path, run);
};

/** The usage charge models, keyed by `model`. */
export const usageModels = {
  per_unit: defineModel({
    schema: usageVariant("per_unit", "PerUnitCharge", "unit_price × (quantity − free_units)", {
      unit_price: priceFieldSchemas.unit_price,
      free_units: Type.Optional(Quantity),
    }),
    priceFields: ["unit_price"],
    defaults: { free_units: "0" },
    toPricing: (charge) => ({
      model: "per_unit",
      unitPrice: new Decimal(charge.unit_price),
      freeUnits: decimalOr(charge.free_units, ZERO),
    }),
  }),
  package: defineModel({
    schema: usageVariant(
      "package",
      "PackageCharge",
      "package_price per started package of package_size units, after free_units",
      {
        package_size: PositiveQuantity,
        package_price: priceFieldSchemas.package_price,
        free_units: Type.Optional(Quantity),
      },
    ),
    priceFields: ["package_price"],
    defaults: { free_units: "0" },
    toPricing: (charge) => ({
      model: "package",
      packageSize: new Decimal(charge.package_size),
      packagePrice: new Decimal(charge.package_price),
      freeUnits: decimalOr(charge.free_units, ZERO),
    }),
  }),
  graduated: defineModel({
    schema: usageVariant("graduated", "GraduatedCharge", "each unit at the price of the tier it falls in", {
      tiers: priceFieldSchemas.tiers,
    }),
    priceFields: ["tiers"],
    defaults: {},
    toPricing: (charge) => ({ model: "graduated", tiers: toCoreTiers(charge.tiers) }),
  }),
  volume: defineModel({
    schema: usageVariant(
      "volume",
      "VolumeCharge",
      "every unit at the price of the tier the whole quantity falls in",
      { tiers: priceFieldSchemas.tiers },
    ),
    priceFields: ["tiers"],
    defaults: {},
    toPricing: (charge) => ({ model: "volume", tiers: toCoreTiers(charge.tiers) }),
  }),
  percentage: defineModel({
    schema: withRules(
      usageVariant(
        "percentage",
        "PercentageCharge",
        "per event, rate % of the summed property plus fixed_fee, within per_transaction_min and _max; the meter must be a sum meter",
        {
          rate: priceFieldSchemas.rate,
          fixed_fee: Type.Optional(priceFieldSchemas.fixed_fee),
          per_transaction_min: Type.Optional(priceFieldSchemas.per_transaction_min),
          per_transaction_max: Type.Optional(priceFieldSchemas.per_transaction_max),
        },
      ),
      percentageRules,
    ),
    priceFields: ["rate", "fixed_fee", "per_transaction_min", "per_transaction_max"],
    defaults: { fixed_fee: "0" },
    toPricing: (charge) => ({
      model: "percentage",
      rate: new Decimal(charge.rate),
      fixedFee: decimalOr(charge.fixed_fee, ZERO),
      ...(charge.per_transaction_min === undefined
        ? {}
        : { perTransactionMin: new Decimal(charge.per_transaction_min) }),
      ...(charge.per_transaction_max === undefined
        ? {}
        : { perTransactionMax: new Decimal(charge.per_transaction_max) }),
    }),
  }),
};

export type UsageModel = keyof typeof usageModels;

/** The fields every usage charge has, whatever its model: not part of its price. */
export const usageChargeFieldNames: readonly string[] = [
  ...Object.keys(usageFields),
  ...Object.keys(productField),
];

/** An amount per billing period, billed at its start (in advance) or end (in arrears). */
export const FixedCharge = Type.Object(
  {
    id: Code,
    type: Type.Literal("fixed"),
    amount: priceFieldSchemas.amount,
    timing: Type.Optional(StringEnum(["in_advance", "in_arrears"])),
    prorate: Type.Optional(Type.Boolean()),
    ...productField,
  },
  {
    additionalProperties: false,
    title: "FixedCharge",
    description: "amount per period; timing in_advance (the default) or in_arrears; prorate (default true)",
  },
);

/** What a fixed charge's optional fields mean when left out. */
export const fixedChargeDefaults = { timing: "in_advance", prorate: true } as const;
